package io.flexhub.site;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Sites, devices and FlexConfigurations as NGSI-LD entities (normalised form), and FlexConfigurations read back from
 * what a dashboard or a broker sends: normalised or keyValues, {@code flexibilityType} as a scalar or a one-element
 * array (brokers compact one-element arrays), an empty operation window meaning none (the seed's thermostats).
 * Input errors are {@link IllegalArgumentException}s whose message starts with the offending field.
 */
public final class SiteEntities {

    public static final String FLEX_CONFIGURATION = "FlexConfiguration";
    public static final String BUILDING = "Building";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final List<String> context;

    /** @param context the {@code @context} put on entities rendered as {@code application/ld+json} */
    public SiteEntities(List<String> context) {
        this.context = List.copyOf(context);
    }

    public ObjectNode flexConfiguration(FlexConfiguration c) {
        ObjectNode e = entity(c.id(), FLEX_CONFIGURATION);
        relationship(e, "refDevice", c.refDevice());
        e.set("flexibilityType", property(F.arrayNode().add(c.flexibilityType().value())));
        if (c.controllabilityFactor() != null) {
            e.set("controllabilityFactor", property(F.numberNode(c.controllabilityFactor())));
        }
        if (c.operationWindow() != null) {
            ObjectNode w = F.objectNode();
            w.put("startTime", c.operationWindow().startTime().toString());
            w.put("endTime", c.operationWindow().endTime().toString());
            e.set("operationWindow", property(w));
        }
        return withContext(e);
    }

    public ObjectNode building(Site s, List<Device> devices) {
        ObjectNode e = entity(s.id(), BUILDING);
        text(e, "name", s.name());
        text(e, "congestionPoint", s.congestionPoint());
        text(e, "timeZone", s.timeZone().getId());
        e.set("importLimit", kw(s.importLimitKw()));
        e.set("exportLimit", kw(s.exportLimitKw()));
        ArrayNode recipients = F.arrayNode();
        s.recipients().forEach(recipients::add);
        e.set("recipients", property(recipients));
        ArrayNode ids = F.arrayNode();
        devices.forEach(d -> ids.add(d.id()));
        ObjectNode rel = F.objectNode();
        rel.put("type", "Relationship");
        rel.set("object", ids);
        e.set("hasDevice", rel);
        return withContext(e);
    }

    public ObjectNode device(Device d) {
        ObjectNode e = entity(d.id(), d.kind().ngsiLdType());
        text(e, "name", d.name());
        text(e, "deviceKind", d.kind().name());
        text(e, "congestionPoint", d.congestionPoint());
        e.set("ratedPower", kw(d.ratedPowerKw()));
        relationship(e, "refBuilding", d.siteId());
        return withContext(e);
    }

    /**
     * Reads a FlexConfiguration from an entity body. With {@code base} non-null, attributes the body leaves out keep
     * their values from {@code base} (a merge, as NGSI-LD PATCH); without, the body is the whole configuration.
     *
     * @param id the id the configuration must have (the URL's); a different {@code id} in the body is an error
     */
    public static FlexConfiguration readFlexConfiguration(JsonNode body, String id, FlexConfiguration base) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("body must be a FlexConfiguration entity (JSON object)");
        }
        if (body.hasNonNull("id") && !body.get("id").asText().equals(id)) {
            throw new IllegalArgumentException("id: the body's id " + body.get("id").asText()
                    + " differs from the configuration addressed, " + id);
        }
        if (body.hasNonNull("type") && !FLEX_CONFIGURATION.equals(body.get("type").asText())) {
            throw new IllegalArgumentException("type must be FlexConfiguration, got " + body.get("type").asText());
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!List.of("id", "type", "@context", "refDevice", "flexibilityType", "controllabilityFactor",
                    "operationWindow", "createdAt", "modifiedAt").contains(name)) {
                throw new IllegalArgumentException(name + ": unknown attribute of a FlexConfiguration");
            }
        }
        String refDevice = body.has("refDevice") ? readRelationship(body.get("refDevice"))
                : base == null ? null : base.refDevice();
        if (refDevice == null) {
            throw new IllegalArgumentException("refDevice is required (the id of the device configured)");
        }
        FlexibilityType type = body.has("flexibilityType") ? readType(value(body.get("flexibilityType")))
                : base == null ? null : base.flexibilityType();
        if (type == null) {
            throw new IllegalArgumentException("flexibilityType is required: one of " + typeNames());
        }
        Double factor = body.has("controllabilityFactor") ? readFactor(value(body.get("controllabilityFactor")))
                : base == null ? null : base.controllabilityFactor();
        DailyWindow window = body.has("operationWindow") ? readWindow(value(body.get("operationWindow")))
                : base == null ? null : base.operationWindow();
        if (type == FlexibilityType.CONTROLLABLE && factor == null) {
            throw new IllegalArgumentException("controllabilityFactor is required for a controllable device");
        }
        if (type == FlexibilityType.SHIFTABLE && window == null) {
            throw new IllegalArgumentException("operationWindow is required for a shiftable device");
        }
        return new FlexConfiguration(id, refDevice, type, factor, window);
    }

    /** The attribute's value: {@code value} of a normalised Property, else the keyValues value itself. */
    static JsonNode value(JsonNode attribute) {
        if (attribute != null && attribute.isObject() && attribute.has("value")) {
            return attribute.get("value");
        }
        return attribute;
    }

    private static String readRelationship(JsonNode attribute) {
        JsonNode target = attribute != null && attribute.isObject() ? attribute.get("object") : attribute;
        if (target != null && target.isArray() && target.size() == 1) {
            target = target.get(0);
        }
        if (target == null || !target.isTextual() || target.asText().isBlank()) {
            throw new IllegalArgumentException("refDevice must be a Relationship whose object is a device id");
        }
        return target.asText();
    }

    private static FlexibilityType readType(JsonNode v) {
        if (v != null && v.isArray() && v.size() != 1) {
            throw new IllegalArgumentException("flexibilityType must hold exactly one of " + typeNames());
        }
        JsonNode single = v != null && v.isArray() ? v.get(0) : v;
        String text = single == null || single.isNull() ? null : single.asText();
        Optional<FlexibilityType> t = text == null ? Optional.empty()
                : FlexibilityType.fromValue(text.trim().toLowerCase(java.util.Locale.ROOT));
        return t.orElseThrow(() -> new IllegalArgumentException(
                "flexibilityType must be one of " + typeNames() + ", got " + single));
    }

    private static Double readFactor(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        double d;
        if (v.isNumber()) {
            d = v.asDouble();
        } else if (v.isTextual()) {
            try {
                d = Double.parseDouble(v.asText().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("controllabilityFactor must be a number from 0 to 1, got " + v);
            }
        } else {
            throw new IllegalArgumentException("controllabilityFactor must be a number from 0 to 1, got " + v);
        }
        if (!(d >= 0.0 && d <= 1.0)) {
            throw new IllegalArgumentException("controllabilityFactor must be from 0 to 1, got " + v);
        }
        return d;
    }

    private static DailyWindow readWindow(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw new IllegalArgumentException("operationWindow must be an object {startTime, endTime}, got " + v);
        }
        String start = v.path("startTime").asText("").trim();
        String end = v.path("endTime").asText("").trim();
        if (start.isEmpty() && end.isEmpty()) {
            return null;
        }
        return new DailyWindow(time("operationWindow.startTime", start), time("operationWindow.endTime", end));
    }

    private static LocalTime time(String field, String text) {
        if (!text.matches("\\d{2}:\\d{2}(:\\d{2})?")) {
            throw new IllegalArgumentException(field + " must be HH:mm or HH:mm:ss, got '" + text + "'");
        }
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not a time of day: '" + text + "'");
        }
    }

    private static String typeNames() {
        return Arrays.stream(FlexibilityType.values()).map(FlexibilityType::value).collect(Collectors.joining(", "));
    }

    private ObjectNode withContext(ObjectNode e) {
        ArrayNode ctx = F.arrayNode();
        context.forEach(ctx::add);
        e.set("@context", ctx);
        return e;
    }

    private static ObjectNode entity(String id, String type) {
        ObjectNode e = F.objectNode();
        e.put("id", id);
        e.put("type", type);
        return e;
    }

    private static ObjectNode property(JsonNode value) {
        ObjectNode p = F.objectNode();
        p.put("type", "Property");
        p.set("value", value);
        return p;
    }

    private static ObjectNode kw(double value) {
        ObjectNode p = property(F.numberNode(value));
        p.put("unitCode", "KWT");
        return p;
    }

    private static void text(ObjectNode e, String name, String value) {
        if (value != null) {
            e.set(name, property(F.textNode(value)));
        }
    }

    private static void relationship(ObjectNode e, String name, String target) {
        ObjectNode r = F.objectNode();
        r.put("type", "Relationship");
        r.put("object", target);
        e.set(name, r);
    }

    /** Convenience for callers that hold plain maps. */
    public static Map<String, Object> asMap(ObjectNode node) {
        return new com.fasterxml.jackson.databind.ObjectMapper().convertValue(node,
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
    }
}
