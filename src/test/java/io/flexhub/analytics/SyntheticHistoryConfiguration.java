package io.flexhub.analytics;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.flexhub.analytics.history.FlexRequestHistoryStore;
import io.flexhub.analytics.model.CalendarFeatures;
import io.flexhub.analytics.model.HolidayCalendar;
import io.flexhub.analytics.model.SyntheticDso;
import io.flexhub.flex.FlexOfferStore;
import io.flexhub.usef.store.UftpMessageStore;

/**
 * Three years of synthetic FlexRequest history up to yesterday for the demo site's congestion point and two
 * others, written into the hub's history store, and two ordered FlexOffers of the demo building in its offer store.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SyntheticHistoryConfiguration {

    public static final String DEMO_CP = "ean.871685900012636543";
    public static final String OTHER_CP = "ean.871685900000000777";
    public static final String THIRD_CP = "ean.871685900000000888";
    static final String DEMO_HVAC = "urn:ngsi-ld:Device:pleiades-hvac-c1-hall";

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

    /**
     * Two FlexOffers the demo building made and the DSO ordered, in winter working-day evenings at 0.20 EUR/kWh, stored
     * as the hub stores its own: the offer, its device plan, and its outgoing message closed as ORDERED.
     */
    @Bean
    StoredOffers storedOffers(FlexOfferStore offers, UftpMessageStore messages) {
        StoredOffers stored = new StoredOffers(offers, messages);
        // the last January behind us: inside the history a fit reads
        LocalDate january = LocalDate.of(LocalDate.now(ZoneId.of("Europe/Amsterdam")).getYear() - 1, Month.JANUARY, 14);
        // 40 kW less in ISPs 72-75: 40 kWh for 8 EUR; 40 kW less in ISPs 70-71: 20 kWh for 4 EUR
        stored.ordered(DEMO_CP, january, 72, 75, 40.0, "8.00", DEMO_HVAC);
        stored.ordered(DEMO_CP, january.plusDays(1), 70, 71, 40.0, "4.00", DEMO_HVAC);
        return stored;
    }
}
