package io.flexhub.analytics;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.flexhub.analytics.history.FlexRequestHistoryStore;
import io.flexhub.analytics.model.CalendarFeatures;
import io.flexhub.analytics.model.HolidayCalendar;
import io.flexhub.analytics.model.OfferSeen;
import io.flexhub.analytics.model.SyntheticDso;

/**
 * Three years of synthetic FlexRequest history up to yesterday for the demo site's congestion point and two
 * others, written into the hub's history store, and the offers seen for the demo point while the hub has no
 * {@link OffersSeen} of its own. Imported with {@code @ImportAutoConfiguration}, so that its condition is judged
 * after the hub's own beans.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SyntheticHistoryConfiguration {

    public static final String DEMO_CP = "ean.871685900012636543";
    public static final String OTHER_CP = "ean.871685900000000777";
    public static final String THIRD_CP = "ean.871685900000000888";

    @Bean
    StoredSyntheticHistory storedSyntheticHistory(FlexRequestHistoryStore store, JdbcTemplate jdbc,
                                                  TransactionTemplate transactions) {
        CalendarFeatures features = new CalendarFeatures(ZoneId.of("Europe/Amsterdam"), Duration.ofMinutes(15),
                HolidayCalendar.netherlands());
        StoredSyntheticHistory history = new StoredSyntheticHistory(new SyntheticDso(features, 5), store, jdbc,
                transactions);
        LocalDate yesterday = LocalDate.now(features.zone()).minusDays(1);
        LocalDate first = yesterday.minusYears(3);
        history.write(DEMO_CP, SyntheticDso.standard(), first, yesterday);
        history.write(OTHER_CP, SyntheticDso.standard().shifted(1, 0.9, 2.0), first, yesterday);
        history.write(THIRD_CP, SyntheticDso.standard().shifted(-1, 1.1, 0.5), first, yesterday);
        return history;
    }

    /** Ordered offers of the demo building in winter working-day evenings at 0.20 EUR/kWh. */
    @Bean
    @ConditionalOnMissingBean(OffersSeen.class)
    OffersSeen syntheticOffersSeen() {
        return (cp, from, to) -> {
            if (!DEMO_CP.equals(cp)) {
                return List.of();
            }
            LocalDate january = LocalDate.of(from.getYear() + 1, Month.JANUARY, 14);
            return List.of(
                    new OfferSeen("urn:ngsi-ld:Building:umu-pleiades", january, List.of(72, 73, 74, 75), 8.0, 40.0, true),
                    new OfferSeen("urn:ngsi-ld:Building:umu-pleiades", january.plusDays(1), List.of(70, 71), 4.0, 20.0,
                            true));
        };
    }
}
