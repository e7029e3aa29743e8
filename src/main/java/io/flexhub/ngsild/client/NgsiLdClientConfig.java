package io.flexhub.ngsild.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Connection settings for one NGSI-LD broker.
 *
 * <p>The temporal base URL is separate because Orion-LD serves temporal queries from Mintaka, a different
 * host and port. The page size is capped at 100 because that is Stellio's maximum; Orion-LD and Scorpio
 * answer 400 or 403 above their own limits instead of truncating.
 *
 * @param baseUrl         the broker, with or without the API prefix: {@code http://broker:1026} and
 *                        {@code http://broker:1026/ngsi-ld/v1/} both become {@code http://broker:1026/ngsi-ld/v1}
 * @param temporalBaseUrl e.g. {@code http://mintaka:8080}, normalised the same way; {@code /temporal/entities} is
 *                        appended
 * @param contextUrl      the user {@code @context}, sent as the JSON-LD Link header on every request; it must be
 *                        reachable by the broker, and must not embed the core context
 * @param tenant          sent as {@code NGSILD-Tenant} when non-null
 * @param temporalLimit   the most instances per attribute the broker returns for one temporal request (Scorpio's
 *                        default 50, which it applies silently); a window that comes back with this many is taken
 *                        as possibly cut and asked again in smaller windows
 */
public record NgsiLdClientConfig(
        URI baseUrl,
        URI temporalBaseUrl,
        String contextUrl,
        String tenant,
        Duration connectTimeout,
        Duration requestTimeout,
        RetryPolicy retry,
        int pageSize,
        int temporalLimit) {

    public static final int MAX_PORTABLE_PAGE_SIZE = 100;
    /** Scorpio's default and the smallest of the brokers' documented defaults that truncate silently. */
    public static final int DEFAULT_TEMPORAL_LIMIT = 50;
    /** The path every NGSI-LD v1 resource lives under. */
    public static final String API_PATH = "/ngsi-ld/v1";

    public NgsiLdClientConfig {
        baseUrl = apiBase(Objects.requireNonNull(baseUrl, "baseUrl"));
        Objects.requireNonNull(contextUrl, "contextUrl");
        temporalBaseUrl = temporalBaseUrl == null ? baseUrl : apiBase(temporalBaseUrl);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
        retry = retry == null ? RetryPolicy.DEFAULT : retry;
        if (pageSize < 1 || pageSize > MAX_PORTABLE_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be 1.." + MAX_PORTABLE_PAGE_SIZE + ": " + pageSize);
        }
        if (tenant != null && tenant.isBlank()) {
            tenant = null;
        }
        if (temporalLimit < 3) {
            throw new IllegalArgumentException("temporalLimit must be >= 3: " + temporalLimit);
        }
    }

    public NgsiLdClientConfig(URI baseUrl, URI temporalBaseUrl, String contextUrl, String tenant,
            Duration connectTimeout, Duration requestTimeout, RetryPolicy retry, int pageSize) {
        this(baseUrl, temporalBaseUrl, contextUrl, tenant, connectTimeout, requestTimeout, retry, pageSize,
                DEFAULT_TEMPORAL_LIMIT);
    }

    public static NgsiLdClientConfig of(URI baseUrl, String contextUrl) {
        return new NgsiLdClientConfig(baseUrl, null, contextUrl, null, null, null, null, MAX_PORTABLE_PAGE_SIZE,
                DEFAULT_TEMPORAL_LIMIT);
    }

    /**
     * The API base of a broker given either way an operator may write it: the server root (what compose files and
     * broker docs show, {@code http://orion:1026}) or the API base ({@code .../ngsi-ld/v1}), with or without a
     * trailing slash; a path prefix of a gateway in front is kept. Every URL the hub builds (entities, temporal,
     * subscriptions, the health probe's {@code /types}) is appended to this result, so it is worked out once.
     *
     * @throws IllegalArgumentException for a URL that is not absolute http(s) or that names some other NGSI-LD path
     */
    public static URI apiBase(URI url) {
        String s = url.toString().trim();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        URI u = URI.create(s);
        if (u.getHost() == null || !("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))
                || u.getRawQuery() != null || u.getRawFragment() != null) {
            throw new IllegalArgumentException("NGSI-LD broker URL must be an absolute http(s) URL without query, e.g. "
                    + "http://broker:1026 or http://broker:1026" + API_PATH + ": " + url);
        }
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        if (path.endsWith(API_PATH)) {
            return u;
        }
        if (path.contains("/ngsi-ld")) {
            throw new IllegalArgumentException("NGSI-LD broker URL must end in " + API_PATH
                    + " or stop before it (the server root): " + url);
        }
        return URI.create(s + API_PATH);
    }

    public Optional<String> tenantHeader() {
        return Optional.ofNullable(tenant);
    }

    /**
     * Retries only what a later attempt can fix: 5xx, timeouts and connection failures. A 4xx is the
     * client's fault and repeating it would repeat the error (and, for writes, could double-apply).
     *
     * @param maxAttempts total attempts including the first
     * @param backoff     wait before the second attempt, multiplied by {@code multiplier} per further attempt
     */
    public record RetryPolicy(int maxAttempts, Duration backoff, double multiplier) {

        public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(500), 2.0);
        public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, 1.0);

        public RetryPolicy {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
            }
            backoff = backoff == null ? Duration.ZERO : backoff;
            if (multiplier < 1.0) {
                throw new IllegalArgumentException("multiplier must be >= 1: " + multiplier);
            }
        }

        Duration delayBefore(int attempt) {
            return Duration.ofNanos((long) (backoff.toNanos() * Math.pow(multiplier, Math.max(0, attempt - 2))));
        }
    }
}
