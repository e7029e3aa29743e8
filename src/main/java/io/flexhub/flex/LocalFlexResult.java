package io.flexhub.flex;

import java.util.List;

/**
 * The engine's answer to a {@link LocalFlexRequest}.
 *
 * @param deliveredKw per ISP of the request, what the planned events deliver, kW
 * @param eventIds    the demand-response events created (empty unless accepted)
 */
public record LocalFlexResult(Status status, String detail, double[] deliveredKw, List<Long> eventIds) {

    /** The seed's three answers, with their wire values. */
    public enum Status {
        ACCEPTED("Accepted"),
        DENIED("Denied"),
        ENGINE_BUSY("Engine Busy");

        private final String value;

        Status(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    public LocalFlexResult {
        deliveredKw = deliveredKw == null ? new double[0] : deliveredKw.clone();
        eventIds = eventIds == null ? List.of() : List.copyOf(eventIds);
    }
}
