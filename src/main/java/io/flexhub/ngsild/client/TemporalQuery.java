package io.flexhub.ngsild.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A temporal entity query. {@code timeproperty} matters on Scorpio: it defaults to {@code observedAt}, so
 * instances written without {@code observedAt} match a time filter only with {@code modifiedAt}.
 *
 * @param timerel    one of {@code before}, {@code after}, {@code between}; null for no time filter
 * @param resolution how often the attributes are expected to have an instance (e.g. the ISP length); only sizes
 *                   the first time windows the client asks for, so that one window stays under the broker's
 *                   per-attribute limit; null = the client finds the windows by splitting
 */
public record TemporalQuery(
        String type, List<String> attrs, String timerel, Instant timeAt, Instant endTimeAt, String timeproperty,
        Integer lastN, Duration resolution) {

    public TemporalQuery {
        attrs = attrs == null ? List.of() : List.copyOf(attrs);
        if (timerel != null && timeAt == null) {
            throw new IllegalArgumentException("timerel " + timerel + " needs timeAt");
        }
        if ("between".equals(timerel) && endTimeAt == null) {
            throw new IllegalArgumentException("timerel between needs endTimeAt");
        }
        if (resolution != null && (resolution.isZero() || resolution.isNegative())) {
            throw new IllegalArgumentException("resolution must be positive: " + resolution);
        }
    }

    public TemporalQuery(String type, List<String> attrs, String timerel, Instant timeAt, Instant endTimeAt,
            String timeproperty, Integer lastN) {
        this(type, attrs, timerel, timeAt, endTimeAt, timeproperty, lastN, null);
    }

    public static TemporalQuery ofType(String type, String... attrs) {
        return new TemporalQuery(type, List.of(attrs), null, null, null, null, null, null);
    }

    public TemporalQuery after(Instant at, String timeproperty) {
        return new TemporalQuery(type, attrs, "after", at, null, timeproperty, lastN, resolution);
    }

    public TemporalQuery between(Instant from, Instant to, String timeproperty) {
        return new TemporalQuery(type, attrs, "between", from, to, timeproperty, lastN, resolution);
    }

    public TemporalQuery withResolution(Duration r) {
        return new TemporalQuery(type, attrs, timerel, timeAt, endTimeAt, timeproperty, lastN, r);
    }
}
