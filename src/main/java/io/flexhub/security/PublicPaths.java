package io.flexhub.security;

import java.util.List;

import org.springframework.util.AntPathMatcher;

/**
 * What anyone may call without the admin login: the UFTP transport endpoints (authenticated by signature), the
 * JSON-LD contexts brokers fetch, NGSI-LD notifications (authenticated by their secret), the error page and the
 * login page's assets. Everything else needs the admin. Shared by the security configuration, which enforces it,
 * and the API document, which states it per verb.
 */
public final class PublicPaths {

    /** Ant-style patterns, as the public filter chain matches them. */
    public static final List<String> PATTERNS = List.of("/shapeshifter/**", "/demo-dso/shapeshifter/**",
            "/ngsi-ld/contexts/**", "/ngsi-ld/notify", "/ngsi-ld/notify/**", "/error", "/login.html", "/assets/**",
            "/webjars/**", "/favicon.ico");

    private static final AntPathMatcher MATCHER = new AntPathMatcher();

    private PublicPaths() {
    }

    /** @param path a request path or a path template such as {@code /ngsi-ld/notify/{secret}} */
    public static boolean matches(String path) {
        return PATTERNS.stream().anyMatch(pattern -> MATCHER.match(pattern, path));
    }
}
