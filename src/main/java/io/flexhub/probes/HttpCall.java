package io.flexhub.probes;

import java.time.Duration;
import java.util.Map;

/**
 * The REST call of a stage. Url, header values and credentials may hold {@code ${...}} placeholders (the hub's own
 * URL as {@code ${hub}}, settings, environment variables), resolved when the call is made.
 *
 * @param payload JSON text of the body, null for none
 * @param user    HTTP Basic user, null for no authentication
 */
public record HttpCall(String method, String url, Map<String, String> headers, String user, String password,
                       String payload, Duration timeout) {

    public HttpCall {
        headers = Map.copyOf(headers);
    }
}
