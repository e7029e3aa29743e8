package io.flexhub.usef.outbox;

import java.net.URI;
import java.time.Duration;

/**
 * The camel-http endpoint URI of a participant's UFTP endpoint: POST, every status answered back (the delivery policy
 * judges it, not an exception), the outbox's timeouts, and the client that follows only POST-preserving redirects.
 * One Camel endpoint per participant, so that Hawtio and the route metrics show each peer's calls.
 */
public final class PeerEndpoint {

    /** The registry name of {@code UftpPeerHttpClient}. */
    public static final String CLIENT = "uftpPeerHttpClient";

    private PeerEndpoint() {
    }

    /**
     * @throws IllegalArgumentException when the participant's endpoint is not an absolute http(s) URI; the attempt is
     *                                  then a failure like any other, retried until the participant is fixed
     */
    public static String uri(String endpoint, Duration connectTimeout, Duration requestTimeout) {
        URI target = URI.create(endpoint);
        String scheme = target.getScheme();
        if (target.getHost() == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
            throw new IllegalArgumentException("not an absolute http(s) URI");
        }
        return endpoint + (target.getRawQuery() == null ? "?" : "&") + "httpMethod=POST&throwExceptionOnFailure=false"
                + "&followRedirects=true&httpClientConfigurer=#" + CLIENT
                + "&connectTimeout=" + connectTimeout.toMillis() + "&responseTimeout=" + requestTimeout.toMillis();
    }

    /** A short excerpt of the peer's answer for the outbox row and the log. */
    public static String excerpt(String body) {
        if (body == null) {
            return "";
        }
        return body.length() > 500 ? body.substring(0, 500) + "..." : body;
    }
}
