package io.flexhub.analytics.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Request probabilities of a congestion point for a run of days, shaped as
 * {@code GET /api/analytics/congestion-points/{cp}/forecast} answers them.
 *
 * @param method  the model's name ({@link GridPatternModel#METHOD})
 * @param history the history the model was fitted on
 */
public record Forecast(String congestionPoint, String method, HistoryRange history, List<Day> days) {

    public Forecast {
        days = List.copyOf(days);
    }

    /** One day of the market zone, its ISPs numbered as UFTP does (1-based; 92, 96 or 100 of them). */
    public record Day(LocalDate date, String dayType, List<Isp> isps) {

        public Day {
            isps = List.copyOf(isps);
        }
    }

    /**
     * @param probability chance that a FlexRequest asks for this ISP, 0..1
     * @param direction   {@code reduce} or {@code increase}, the likelier direction of such a request; null when
     *                    the probability is below {@link ModelParameters#directionMinProbability()}
     * @param requestedKw size of the request in that direction, when there is one
     */
    public record Isp(int isp, Instant start, double probability, String direction, RequestedKw requestedKw) {
    }

    /**
     * @param first first day of history; null when the point has none of its own
     * @param days  days of history the point's own estimate rests on (gaps not counted)
     */
    public record HistoryRange(LocalDate first, LocalDate last, int days) {
    }
}
