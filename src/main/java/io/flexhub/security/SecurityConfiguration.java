package io.flexhub.security;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.flexhub.common.JsonReplies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The admin logs in either with HTTP Basic on every request (scripts, monitoring) or once through the form at
 * {@code /login}, which gives a session (the dashboard pages, Hawtio). A session is a cookie the browser sends by
 * itself, so every write that arrives with one needs the CSRF token of the {@code XSRF-TOKEN} cookie echoed as
 * {@code X-XSRF-TOKEN} (the pages' scripts and Hawtio do that); a script with Basic and no cookie needs none.
 * Browser navigation without a login is sent to the login page; API calls get a 401, never a redirect, and
 * on {@code /api/**} the 401 and 403 are problem details like the API's other refusals. The UFTP
 * transport endpoint authenticates by signature, the JSON-LD contexts and the login page's assets are public.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);
    static final String ADMIN = "ADMIN";
    static final String LOGIN_PAGE = "/login";
    private static final String REALM = "flexhub";

    /** Refusals of the API are problem details like every other of its refusals (JsonReplies.problem). */
    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ObjectMapper json) throws Exception {
        AuthenticationEntryPoint login = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
            problem(json, request, response, 401, "Unauthorized",
                    "Log in as the admin: HTTP Basic, or the session of the login form");
        };
        AccessDeniedHandler denied = (request, response, e) -> problem(json, request, response, 403, "Forbidden",
                e instanceof CsrfException ? "A write with the login form's session needs the XSRF-TOKEN cookie's "
                        + "value in the X-XSRF-TOKEN header" : "Not allowed for this user");
        return http.securityMatcher("/api/**", "/services/demand-response/**")
                .authorizeHttpRequests(a -> a.anyRequest().hasRole(ADMIN))
                .httpBasic(b -> b.authenticationEntryPoint(login))
                .exceptionHandling(e -> e.authenticationEntryPoint(login).accessDeniedHandler(denied))
                .csrf(c -> c.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        // deferred: API answers set no cookie; the token is read only to check a session's write
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(SecurityConfiguration::writeWithSession))
                // NEVER: the form login's session is read, Basic callers get none
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .requestCache(r -> r.disable())
                .headers(SecurityConfiguration::writeFirst)
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain publicChain(HttpSecurity http) throws Exception {
        return http.securityMatcher(PublicPaths.PATTERNS.toArray(String[]::new))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(r -> r.disable())
                // Public answers carry nothing private, and the JSON-LD contexts say how long brokers may cache
                // them: a no-cache written first would stand beside the route's own Cache-Control.
                .headers(h -> writeFirst(h.cacheControl(c -> c.disable())))
                .build();
    }

    /** The pages, Actuator and Hawtio, the login form and everything not named above. */
    @Bean
    @Order(10)
    SecurityFilterChain sessionChain(HttpSecurity http) throws Exception {
        LoginUrlAuthenticationEntryPoint loginPage = new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE);
        BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
        basic.setRealmName(REALM);
        basic.afterPropertiesSet();
        return http
                .authorizeHttpRequests(a -> a
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .requestMatchers(LOGIN_PAGE, "/logout").permitAll()
                        .anyRequest().hasRole(ADMIN))
                .httpBasic(b -> b.authenticationEntryPoint(basic))
                .formLogin(f -> f.loginPage(LOGIN_PAGE).defaultSuccessUrl("/", false).permitAll())
                .logout(l -> l.logoutSuccessUrl(LOGIN_PAGE + "?logout"))
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(loginPage, SecurityConfiguration::browserNavigation)
                        .defaultAuthenticationEntryPointFor(basic, AnyRequestMatcher.INSTANCE))
                // Hawtio reads XSRF-TOKEN and answers with X-XSRF-TOKEN on its Jolokia POSTs, as the pages do.
                .csrf(SecurityConfiguration::csrf)
                .headers(SecurityConfiguration::writeFirst)
                .build();
    }

    /**
     * The security headers go on the response before the request is handled. By default they are written on the
     * way back out of the filter chain, but platform-http answers from a worker thread after the servlet thread
     * has left the chain, so both threads wrote Tomcat's header list at once: under load a few answers per wrk
     * run carried a header with an empty name (": "), which strict clients reject as a malformed response
     * (spring-security#15510).
     */
    private static void writeFirst(HeadersConfigurer<HttpSecurity> headers) {
        headers.withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
            @Override
            public <O extends HeaderWriterFilter> O postProcess(O filter) {
                filter.setShouldWriteHeadersEagerly(true);
                return filter;
            }
        });
    }

    /** The cookie every session client echoes, written on each page's response (the login page reads it). */
    private static CsrfConfigurer<HttpSecurity> csrf(CsrfConfigurer<HttpSecurity> c) {
        CsrfTokenRequestAttributeHandler plainToken = new CsrfTokenRequestAttributeHandler();
        plainToken.setCsrfRequestAttributeName(null);
        return c.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse()).csrfTokenRequestHandler(plainToken);
    }

    private static void problem(ObjectMapper json, HttpServletRequest request, HttpServletResponse response,
                                int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        json.writeValue(response.getOutputStream(), JsonReplies.problem(status, title, detail, request.getRequestURI()));
    }

    /** A state-changing API call that brings a session cookie: what a forged cross-site request would look like. */
    static boolean writeWithSession(HttpServletRequest request) {
        String method = request.getMethod();
        boolean safe = "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)
                || "TRACE".equals(method);
        return !safe && request.getRequestedSessionId() != null;
    }

    /** A page the browser navigates to (asks for HTML), as opposed to a script or a page's fetch. */
    static boolean browserNavigation(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return "GET".equals(request.getMethod()) && accept != null && accept.contains("text/html")
                && request.getHeader("X-Requested-With") == null;
    }

    @Bean
    UserDetailsService adminUser(SecurityProperties properties, FastPasswordEncoder encoder) {
        String password = properties.adminPassword();
        if (password == null || password.isBlank()) {
            password = generatePassword();
            LOG.warn("No FLEXHUB_ADMIN_PASSWORD configured; generated admin password for user '{}': {}",
                    properties.adminUser(), password);
        }
        return new InMemoryUserDetailsManager(User.withUsername(properties.adminUser())
                .password(encoder.encode(password))
                .roles(ADMIN)
                .build());
    }

    @Bean
    FastPasswordEncoder passwordEncoder() {
        return new FastPasswordEncoder();
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
