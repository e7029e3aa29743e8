package io.flexhub.common.http;

import java.io.IOException;

/**
 * The hub's one way out over HTTP: one request, its answer whatever the status. Plain Java so that clients such as the
 * NGSI-LD client and the probe executor stay free of Camel; the hub's implementation ({@link CamelHttpTransport}) sends
 * each call through a camel-http endpoint declared in the caller's flow, so every outbound call shows in Hawtio.
 * Retries, redirects and cookies are the caller's business: the transport makes exactly one request.
 */
@FunctionalInterface
public interface HttpTransport {

    /**
     * @throws java.io.InterruptedIOException when no answer came within the call's timeout (connect or answer)
     * @throws IOException                    when there was no answer at all (refused, reset, unknown host)
     */
    HttpAnswer send(HttpCall call) throws IOException;
}
