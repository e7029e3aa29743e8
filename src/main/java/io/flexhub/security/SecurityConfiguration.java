package io.flexhub.security;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.core.annotation.Order;

/**
 * Two chains: a stateless one for the admin REST API and the demand-response interface (HTTP Basic, no
 * session, no CSRF since no cookie authenticates it) and a session one for Actuator and the Hawtio console (form
 * login, CSRF cookie that Hawtio sends back). The UFTP transport endpoint authenticates by signature, the JSON-LD context is public.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);
    static final String ADMIN = "ADMIN";

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/api/**", "/services/demand-response/**")
                .authorizeHttpRequests(a -> a.anyRequest().hasRole(ADMIN))
                .httpBasic(Customizer.withDefaults())
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(r -> r.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain actuatorChain(HttpSecurity http) throws Exception {
        CsrfTokenRequestAttributeHandler plainToken = new CsrfTokenRequestAttributeHandler();
        plainToken.setCsrfRequestAttributeName(null);
        return http.securityMatcher("/actuator/**", "/login", "/logout")
                .authorizeHttpRequests(a -> a
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .requestMatchers("/login", "/logout").permitAll()
                        .anyRequest().hasRole(ADMIN))
                .httpBasic(Customizer.withDefaults())
                .formLogin(f -> f.defaultSuccessUrl("/actuator/hawtio/", false))
                // Hawtio reads XSRF-TOKEN and answers with X-XSRF-TOKEN on its Jolokia POSTs.
                .csrf(c -> c.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(plainToken))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain publicChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/shapeshifter/**", "/demo-dso/shapeshifter/**", "/ngsi-ld/contexts/**", "/ngsi-ld/notify", "/ngsi-ld/notify/**",
                        "/error")
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(10)
    SecurityFilterChain denyRest(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(a -> a.anyRequest().hasRole(ADMIN))
                .httpBasic(Customizer.withDefaults())
                .csrf(c -> c.disable())
                .build();
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
