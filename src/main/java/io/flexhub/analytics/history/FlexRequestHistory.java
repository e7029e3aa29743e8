package io.flexhub.analytics.history;

import java.time.LocalDate;
import java.util.List;

/** Read side of the FlexRequest history (tables of migration V21), the input of the grid-pattern model. */
public interface FlexRequestHistory {

    /** Congestion points with at least one stored request, sorted. */
    List<String> congestionPoints();

    /**
     * One entry per day from {@code from} to {@code to} inclusive that lies inside the point's observed range
     * (first to last period with a stored request), days without a request filled in as such; ascending dates.
     */
    List<CongestionDay> days(String congestionPoint, LocalDate from, LocalDate to);
}
