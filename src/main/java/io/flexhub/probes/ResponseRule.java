package io.flexhub.probes;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What makes a response valid: its status code (any 2xx when none are listed), its content type (media type
 * compared without parameters) and the allowed values of JSON attributes (dotted paths into the body, e.g.
 * {@code status: [Accepted, Denied, Engine Busy]}).
 */
public record ResponseRule(Set<Integer> statuses, String contentType, Map<String, List<String>> attributes) {

    public ResponseRule {
        statuses = Set.copyOf(statuses);
        attributes = Map.copyOf(attributes);
    }

    /**
     * @param json the body as JSON, null when it is not JSON
     * @return why the response is not valid, empty when it is
     */
    public Optional<String> violation(int status, String responseContentType, JsonNode json) {
        boolean statusOk = statuses.isEmpty() ? status >= 200 && status < 300 : statuses.contains(status);
        if (!statusOk) {
            return Optional.of("status " + status + " is not " + (statuses.isEmpty() ? "2xx" : "one of " + statuses));
        }
        if (contentType != null && !mediaType(contentType).equals(mediaType(responseContentType))) {
            return Optional.of("content type " + responseContentType + " is not " + contentType);
        }
        for (Map.Entry<String, List<String>> rule : attributes.entrySet()) {
            if (json == null) {
                return Optional.of("the body is not JSON, so attribute " + rule.getKey() + " cannot be checked");
            }
            JsonNode value = at(json, rule.getKey());
            if (value == null || value.isMissingNode() || value.isNull()) {
                return Optional.of("attribute " + rule.getKey() + " is missing");
            }
            String text = value.isValueNode() ? value.asText() : value.toString();
            if (!rule.getValue().contains(text)) {
                return Optional.of("attribute " + rule.getKey() + " is '" + text + "', not one of " + rule.getValue());
            }
        }
        return Optional.empty();
    }

    static JsonNode at(JsonNode json, String path) {
        JsonNode node = json;
        for (String part : path.split("\\.")) {
            if (node == null) {
                return null;
            }
            node = node.isArray() && part.chars().allMatch(Character::isDigit) ? node.get(Integer.parseInt(part))
                    : node.get(part);
        }
        return node;
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType).trim().toLowerCase(Locale.ROOT);
    }
}
