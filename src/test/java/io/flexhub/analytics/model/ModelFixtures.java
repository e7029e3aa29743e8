package io.flexhub.analytics.model;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.flexhub.analytics.history.CongestionDay;

/** The market of the tests (Amsterdam, 15-minute ISPs, Dutch holidays) and measures against the synthetic truth. */
final class ModelFixtures {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    static final CalendarFeatures FEATURES =
            new CalendarFeatures(AMSTERDAM, Duration.ofMinutes(15), HolidayCalendar.netherlands());

    private ModelFixtures() {
    }

    /** Mean absolute difference between forecast and true probability over every ISP of the forecast. */
    static double meanAbsError(Forecast forecast, SyntheticDso dso, SyntheticDso.Profile truth) {
        double sum = 0;
        long n = 0;
        for (Forecast.Day day : forecast.days()) {
            double[] t = dso.truth(truth, day.date());
            for (Forecast.Isp isp : day.isps()) {
                sum += Math.abs(isp.probability() - t[isp.isp() - 1]);
                n++;
            }
        }
        return sum / n;
    }

    static Map<String, List<CongestionDay>> histories(SyntheticDso dso, Map<String, SyntheticDso.Profile> points,
                                                     LocalDate from, LocalDate to) {
        Map<String, List<CongestionDay>> histories = new LinkedHashMap<>();
        points.forEach((cp, profile) -> histories.put(cp, dso.days(cp, profile, from, to)));
        return histories;
    }

    static GridPatternModel model(ModelParameters parameters) {
        return new GridPatternModel(FEATURES, parameters);
    }
}
