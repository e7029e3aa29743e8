package io.flexhub.ngsild.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reads attribute values whatever shape the broker chose: normalized Property/Relationship, keyValues,
 * a JSON-LD {@code @value} object, a scalar where a one-element array was written (standard JSON-LD
 * compaction, done by all three brokers), or a one-instance temporal array returned as an object.
 */
public final class NgsiLdValues {

    public static final String DEFAULT_CONTEXT_PREFIX = "https://uri.etsi.org/ngsi-ld/default-context/";

    private NgsiLdValues() {
    }

    /**
     * The attribute under its short name, or under one of the given expanded IRIs, which is how it comes
     * back when the request lacked the context that defines the short name.
     */
    public static JsonNode attribute(JsonNode entity, String name, String... expandedIris) {
        if (entity == null || !entity.isObject()) {
            return MissingNode.getInstance();
        }
        JsonNode attr = entity.path(name);
        for (int i = 0; attr.isMissingNode() && i < expandedIris.length; i++) {
            attr = entity.path(expandedIris[i]);
        }
        return attr;
    }

    /** The value of a Property, the object of a Relationship, or the bare keyValues value. */
    public static JsonNode value(JsonNode attr) {
        if (attr == null || attr.isMissingNode() || attr.isNull()) {
            return MissingNode.getInstance();
        }
        if (attr.isArray()) {
            // Multi-attribute instances (datasetId) and temporal instances come as arrays of attribute objects;
            // a plain value array of a keyValues list-property does not.
            if (!attr.isEmpty() && attr.get(0).isObject() && isAttributeObject(attr.get(0))) {
                return value(attr.get(0));
            }
            return attr;
        }
        if (!attr.isObject()) {
            return attr;
        }
        if (attr.has("@value")) {
            return attr.get("@value");
        }
        String type = attr.path("type").asText("");
        if ("Relationship".equals(type) || (!attr.has("value") && attr.has("object"))) {
            return unwrapValueObject(attr.path("object"));
        }
        if (attr.has("value")) {
            return unwrapValueObject(attr.get("value"));
        }
        if (attr.has("languageMap")) {
            return attr.get("languageMap");
        }
        // A keyValues structured value (a JSON object that is not an attribute).
        return attr;
    }

    /** The value as a list: a scalar becomes one element, a missing attribute none. */
    public static List<JsonNode> values(JsonNode attr) {
        JsonNode v = value(attr);
        if (v.isMissingNode() || v.isNull()) {
            return List.of();
        }
        if (v.isArray()) {
            List<JsonNode> out = new ArrayList<>(v.size());
            v.forEach(e -> out.add(unwrapValueObject(e)));
            return Collections.unmodifiableList(out);
        }
        return List.of(v);
    }

    public static Optional<String> text(JsonNode attr) {
        JsonNode v = value(attr);
        return v.isValueNode() && !v.isNull() ? Optional.of(v.asText()) : Optional.empty();
    }

    public static List<String> texts(JsonNode attr) {
        return values(attr).stream().filter(JsonNode::isValueNode).map(JsonNode::asText).toList();
    }

    public static OptionalDouble number(JsonNode attr) {
        JsonNode v = value(attr);
        if (v.isNumber()) {
            return OptionalDouble.of(v.doubleValue());
        }
        if (v.isTextual()) {
            try {
                return OptionalDouble.of(Double.parseDouble(v.asText()));
            } catch (NumberFormatException e) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.empty();
    }

    /** The attribute's {@code observedAt}, if it is a normalized attribute that has one. */
    public static Optional<Instant> observedAt(JsonNode attr) {
        JsonNode a = attr != null && attr.isArray() && !attr.isEmpty() ? attr.get(0) : attr;
        return a == null ? Optional.empty() : instant(a.path("observedAt").asText(null));
    }

    /** The temporal instances of an attribute; a single instance may arrive as an object (Stellio #1143). */
    public static List<JsonNode> instances(JsonNode attr) {
        if (attr == null || attr.isMissingNode() || attr.isNull()) {
            return List.of();
        }
        if (attr.isArray()) {
            List<JsonNode> out = new ArrayList<>(attr.size());
            attr.forEach(out::add);
            return Collections.unmodifiableList(out);
        }
        return List.of(attr);
    }

    /**
     * ISO-8601 with 0 to 9 fractional digits and either {@code Z} or an offset; Scorpio sends six digits,
     * other brokers three or none.
     */
    public static Optional<Instant> instant(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.trim()).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(Instant.parse(text.trim()));
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    /**
     * The context URLs that apply to a notification or entity body: Orion-LD puts {@code @context} at the
     * top of the notification, Scorpio inside each data element.
     */
    public static List<String> contexts(JsonNode node) {
        JsonNode ctx = node == null ? MissingNode.getInstance() : node.path("@context");
        List<String> out = new ArrayList<>();
        if (ctx.isTextual()) {
            out.add(ctx.asText());
        } else if (ctx.isArray()) {
            ctx.forEach(c -> {
                if (c.isTextual()) {
                    out.add(c.asText());
                }
            });
        }
        return out;
    }

    /** Parses a notification body; {@code @context} is removed from each entity and reported separately. */
    public static NgsiLdNotification notification(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("notification body is not a JSON object");
        }
        List<String> contexts = new ArrayList<>(contexts(body));
        List<ObjectNode> entities = new ArrayList<>();
        JsonNode data = body.path("data");
        if (!data.isArray() && !data.isObject()) {
            throw new IllegalArgumentException("notification data must be a list of entities, got "
                    + (data.isMissingNode() ? "nothing" : data.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        Iterable<JsonNode> elements = data.isArray() ? data : List.of(data);
        int index = 0;
        for (JsonNode element : elements) {
            if (!element.isObject() || !element.path("id").isTextual()) {
                throw new IllegalArgumentException("notification data[" + index + "] is not an entity (an object "
                        + "with an id)");
            }
            index++;
            ObjectNode entity = ((ObjectNode) element).deepCopy();
            for (String c : contexts(entity)) {
                if (!contexts.contains(c)) {
                    contexts.add(c);
                }
            }
            entity.remove("@context");
            entities.add(entity);
        }
        return new NgsiLdNotification(
                body.path("id").asText(null),
                body.path("subscriptionId").asText(null),
                instant(body.path("notifiedAt").asText(null)).orElse(null),
                List.copyOf(entities),
                List.copyOf(contexts));
    }

    private static boolean isAttributeObject(JsonNode node) {
        return node.has("type") || node.has("value") || node.has("object") || node.has("@value");
    }

    private static JsonNode unwrapValueObject(JsonNode v) {
        return v != null && v.isObject() && v.has("@value") ? v.get("@value") : v;
    }
}
