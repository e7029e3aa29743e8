package io.flexhub.ngsild.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;

/**
 * The one form in which the hub writes a DateTime to a broker: UTC, {@code Z}, exactly three fractional digits
 * ({@code 2026-12-01T21:30:55.079Z}).
 *
 * <p>{@link Instant#toString()} gives up to nine fractional digits on current JDKs, and Scorpio refuses those with
 * 400 "Invalid date time format found on observedAt" (it takes 0, 3 or 6); Orion-LD and Stellio store milliseconds
 * anyway. So every {@code observedAt}, typed {@code DateTime} value and temporal query parameter goes through here.
 */
public final class NgsiLdDateTime {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private NgsiLdDateTime() {
    }

    /** Truncated, not rounded, so that a write never claims a later instant than the one it describes. */
    public static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    public static String format(OffsetDateTime time) {
        return format(time.toInstant());
    }

    /** A lexical DateTime from elsewhere (a UFTP message: any offset, up to nine digits) in the canonical form. */
    public static String canonical(String lexical) {
        return format(NgsiLdValues.instant(lexical)
                .orElseThrow(() -> new IllegalArgumentException("not an ISO-8601 date-time: " + lexical)));
    }

    /**
     * Rewrites, in place, every {@code observedAt} and every typed value {@code {"@type": "DateTime", "@value"}}
     * of an entity built from another format (the UFTP entities carry the XML's lexical timestamps). A value that is
     * no instant (a local time without offset) is left as it is: the broker's answer names it, and the rest of the
     * entity is not lost over it.
     */
    public static <T extends JsonNode> T canonicalize(T node) {
        if (node instanceof ObjectNode o) {
            if ("DateTime".equals(o.path("@type").asText())) {
                rewrite(o, "@value");
            }
            rewrite(o, "observedAt");
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                canonicalize(it.next().getValue());
            }
        } else if (node != null && node.isArray()) {
            node.forEach(NgsiLdDateTime::canonicalize);
        }
        return node;
    }

    private static void rewrite(ObjectNode o, String field) {
        if (o.path(field).isTextual()) {
            NgsiLdValues.instant(o.get(field).asText()).ifPresent(i -> o.put(field, format(i)));
        }
    }
}
