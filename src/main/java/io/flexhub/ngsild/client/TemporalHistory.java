package io.flexhub.ngsild.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Temporal results gathered over several requests (time windows, Content-Range continuations), merged per entity
 * and attribute. Instances are de-duplicated by {@code observedAt} (and {@code datasetId}): windows share their
 * boundaries because Scorpio's {@code between} includes both ends, and a re-asked window repeats instances.
 */
final class TemporalHistory {

    /** A time window; a null end is open (the query's {@code before} / {@code after}, or no time filter). */
    record Window(Instant from, Instant to) {

        boolean bounded() {
            return from != null && to != null;
        }

        /** Halves split at whole milliseconds: brokers accept at most millisecond precision in a query. */
        Optional<List<Window>> halves() {
            if (!bounded() || to.toEpochMilli() - from.toEpochMilli() < 2) {
                return Optional.empty();
            }
            Instant mid = Instant.ofEpochMilli(from.toEpochMilli() + (to.toEpochMilli() - from.toEpochMilli()) / 2);
            return Optional.of(List.of(new Window(from, mid), new Window(mid, to)));
        }

        /** Strictly inside this one: a continuation that is not cannot make progress. */
        boolean smallerThan(Window w) {
            boolean fromIn = w.from == null ? true : from != null && !from.isBefore(w.from);
            boolean toIn = w.to == null ? true : to != null && !to.isAfter(w.to);
            return fromIn && toIn && !equals(w);
        }
    }

    /** The time range a 206 answer says it covers. */
    record Range(Instant lo, Instant hi) {
    }

    private static final Set<String> ENTITY_MEMBERS = Set.of("id", "type", "@context", "scope");
    // NGSI-LD 6.3.10: "date-time <start>-<end>/<size>"; both ends are DateTimes that contain '-' themselves,
    // and the range runs backwards for lastN.
    private static final Pattern CONTENT_RANGE = Pattern.compile(
            "\\s*date-time\\s+(\\d{4}-\\d{2}-\\d{2}T[^/]*?)-(\\d{4}-\\d{2}-\\d{2}T[^/]*)/\\s*(\\S+)\\s*");

    private final Map<String, ObjectNode> shells = new LinkedHashMap<>();
    private final Map<String, Map<String, Map<String, JsonNode>>> instances = new LinkedHashMap<>();

    static Optional<Range> contentRange(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = CONTENT_RANGE.matcher(header);
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<Instant> a = NgsiLdValues.instant(m.group(1));
        Optional<Instant> b = NgsiLdValues.instant(m.group(2));
        if (a.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(a.get().isAfter(b.get()) ? new Range(b.get(), a.get()) : new Range(a.get(), b.get()));
    }

    /** Whether any attribute of any entity came back with at least {@code limit} instances. */
    static boolean possiblyCut(List<JsonNode> entities, int limit) {
        return anyCount(entities, limit, Integer.MAX_VALUE);
    }

    /** Whether any attribute of any entity has from {@code min} to below {@code maxExclusive} instances. */
    static boolean anyCount(List<JsonNode> entities, int min, int maxExclusive) {
        for (JsonNode e : entities) {
            for (Map.Entry<String, JsonNode> m : e.properties()) {
                int n = isAttribute(m) ? NgsiLdValues.instances(m.getValue()).size() : -1;
                if (n >= min && n < maxExclusive) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Earliest and latest {@code observedAt} in a result; empty when no instance has one. */
    static Optional<Range> observed(List<JsonNode> entities) {
        Instant lo = null;
        Instant hi = null;
        for (JsonNode e : entities) {
            for (Map.Entry<String, JsonNode> m : e.properties()) {
                if (!isAttribute(m)) {
                    continue;
                }
                for (JsonNode i : NgsiLdValues.instances(m.getValue())) {
                    Optional<Instant> at = NgsiLdValues.observedAt(i);
                    if (at.isPresent()) {
                        lo = lo == null || at.get().isBefore(lo) ? at.get() : lo;
                        hi = hi == null || at.get().isAfter(hi) ? at.get() : hi;
                    }
                }
            }
        }
        return lo == null ? Optional.empty() : Optional.of(new Range(lo, hi));
    }

    void add(List<JsonNode> entities) {
        for (JsonNode e : entities) {
            if (!e.isObject()) {
                continue;
            }
            String id = e.path("id").asText("");
            ObjectNode shell = shells.computeIfAbsent(id, k -> ((ObjectNode) e).objectNode());
            Map<String, Map<String, JsonNode>> attrs = instances.computeIfAbsent(id, k -> new LinkedHashMap<>());
            for (Map.Entry<String, JsonNode> m : e.properties()) {
                if (!isAttribute(m)) {
                    if (!shell.has(m.getKey())) {
                        shell.set(m.getKey(), m.getValue());
                    }
                    continue;
                }
                Map<String, JsonNode> byKey = attrs.computeIfAbsent(m.getKey(), k -> new LinkedHashMap<>());
                for (JsonNode i : NgsiLdValues.instances(m.getValue())) {
                    byKey.putIfAbsent(key(i), i);
                }
            }
        }
    }

    /** Every entity seen, each attribute as an array of its instances in ascending {@code observedAt}. */
    List<JsonNode> entities() {
        List<JsonNode> out = new ArrayList<>();
        Comparator<JsonNode> byTime = Comparator.comparing(
                (JsonNode i) -> NgsiLdValues.observedAt(i).orElse(Instant.MAX));
        for (Map.Entry<String, ObjectNode> s : shells.entrySet()) {
            ObjectNode e = s.getValue().deepCopy();
            for (Map.Entry<String, Map<String, JsonNode>> a : instances.get(s.getKey()).entrySet()) {
                ArrayNode arr = e.putArray(a.getKey());
                a.getValue().values().stream().sorted(byTime).forEach(arr::add);
            }
            out.add(e);
        }
        return List.copyOf(out);
    }

    private static boolean isAttribute(Map.Entry<String, JsonNode> member) {
        return !ENTITY_MEMBERS.contains(member.getKey())
                && (member.getValue().isArray() || member.getValue().isObject());
    }

    private static String key(JsonNode instance) {
        Optional<Instant> at = NgsiLdValues.observedAt(instance);
        String dataset = instance.path("datasetId").asText("");
        if (at.isPresent()) {
            return "t " + at.get() + " " + dataset;
        }
        if (instance.hasNonNull("instanceId")) {
            return "i " + instance.get("instanceId").asText();
        }
        return "j " + instance;
    }
}
