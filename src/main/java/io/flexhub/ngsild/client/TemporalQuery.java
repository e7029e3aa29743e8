package io.flexhub.ngsild.client;

import java.time.Instant;
import java.util.List;

/**
 * A temporal entity query. {@code timeproperty} matters on Scorpio: it defaults to {@code observedAt}, so
 * instances written without {@code observedAt} match a time filter only with {@code modifiedAt}.
 *
 * @param timerel one of {@code before}, {@code after}, {@code between}; null for no time filter
 */
public record TemporalQuery(
        String type, List<String> attrs, String timerel, Instant timeAt, Instant endTimeAt, String timeproperty,
        Integer lastN) {

    public TemporalQuery {
        attrs = attrs == null ? List.of() : List.copyOf(attrs);
        if (timerel != null && timeAt == null) {
            throw new IllegalArgumentException("timerel " + timerel + " needs timeAt");
        }
        if ("between".equals(timerel) && endTimeAt == null) {
            throw new IllegalArgumentException("timerel between needs endTimeAt");
        }
    }

    public static TemporalQuery ofType(String type, String... attrs) {
        return new TemporalQuery(type, List.of(attrs), null, null, null, null, null);
    }

    public TemporalQuery after(Instant at, String timeproperty) {
        return new TemporalQuery(type, attrs, "after", at, null, timeproperty, lastN);
    }
}
