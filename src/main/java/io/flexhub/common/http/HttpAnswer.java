package io.flexhub.common.http;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the server answered.
 *
 * @param headers by name, case-insensitive, each with its values in the order received
 * @param body    empty when the answer had none
 */
public record HttpAnswer(int status, Map<String, List<String>> headers, byte[] body) {

    public HttpAnswer {
        TreeMap<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, values) -> byName.put(name, List.copyOf(values)));
        }
        headers = Collections.unmodifiableMap(byName);
        body = body == null ? new byte[0] : body;
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
