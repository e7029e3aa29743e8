package io.flexhub.selfconsumption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import io.flexhub.analytics.StoredSyntheticHistory;
import io.flexhub.analytics.history.CongestionDay.Direction;
import io.flexhub.analytics.history.FlexRequestHistoryStore;
import io.flexhub.analytics.model.CalendarFeatures;
import io.flexhub.analytics.model.HolidayCalendar;
import io.flexhub.analytics.model.SyntheticDso;
import io.flexhub.support.H2HubTest;

/**
 * The nightly run keeps grid headroom where the demo building's congestion point is likely to get a FlexRequest: a
 * year of history in which the DSO asks for less consumption almost every night from midnight to 04:00, when the
 * demo's four vans charge. The run moves their charging towards 04:00-08:00 (same off-peak price) and reports what
 * it moved and what it cost against the plain plan. A context of its own: its history must not reach other tests,
 * and theirs not this one.
 */
@TestPropertySource(properties = "flexhub.selfconsumption.headroom.min-probability=0.25")
class NightlyHeadroomTest extends H2HubTest {

    private static final String CP = "ean.871685900012636543";
    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

    @Autowired
    FlexRequestHistoryStore store;
    @Autowired
    JdbcTemplate jdbcTemplate;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    private JsonNode run(LocalDate day) {
        HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url("/api/selfconsumption/runs?day=" + day)))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return read(r.body()).get("sites").get(0);
    }

    private void writeNightlyRequests() {
        CalendarFeatures features = new CalendarFeatures(ZoneId.of("Europe/Amsterdam"), Duration.ofMinutes(15),
                HolidayCalendar.netherlands());
        StoredSyntheticHistory history = new StoredSyntheticHistory(new SyntheticDso(features, 11), store, jdbcTemplate,
                transactions);
        double[] always = {0.95, 0.95, 0.95, 0.95};
        SyntheticDso.Block night = new SyntheticDso.Block("night", 0, 15, Direction.REDUCE, 60,
                new double[][] {always, always, always});
        LocalDate yesterday = LocalDate.now(features.zone()).minusDays(1);
        history.write(CP, new SyntheticDso.Profile(List.of(night), 0, 1.0, 1.0), yesterday.minusYears(1), yesterday);
    }

    @Test
    void should_move_the_vans_charging_out_of_the_likely_reduce_isps_and_report_it() {
        LocalDate day = LocalDate.now(MADRID).plusDays(2);
        // before any FlexRequest: nothing to keep headroom for, and the report says why
        JsonNode before = run(day).get("headroom");
        assertThat(before.get("status").asText()).as(before.toString()).isEqualTo("NO_OUTLOOK");
        assertThat(before.get("detail").asText()).isEqualTo("no FlexRequest history for " + CP);
        assertThat(before.get("minProbability").asDouble()).isEqualTo(0.25);

        writeNightlyRequests();
        JsonNode site = run(day);
        JsonNode headroom = site.get("headroom");

        assertThat(headroom.get("status").asText()).as(headroom.toString()).isEqualTo("KEPT");
        assertThat(headroom.get("method").asText()).startsWith("calendar-beta-shrinkage/1");
        // 00:00-04:00, less the edges the DSO's jitter makes uncertain
        assertThat(headroom.get("reduceIsps").asInt()).isBetween(12, 20);
        assertThat(headroom.get("increaseIsps").asInt()).isZero();
        double with = headroom.get("importKwhInReduceIsps").asDouble();
        double without = headroom.at("/withoutHeadroom/importKwhInReduceIsps").asDouble();
        // the plain plan charges the vans from midnight (soonest among equal prices); with headroom only what does
        // not fit into 04:00-08:00 stays: the shuttle needs 47.8 kWh at 11 kW, 4.3 h
        assertThat(without - with).as(headroom.toString()).isGreaterThan(30.0);
        // off-peak price all night: the move is free, up to the solver's tolerance
        assertThat(headroom.get("costEur").asDouble()).isCloseTo(0.0, within(1e-6));
        assertThat(headroom.get("headroomPriceEur").asDouble())
                .isLessThan(headroom.at("/withoutHeadroom/headroomPriceEur").asDouble());
        // the vans still get what they need
        assertThat(site.at("/kpis/evChargedKwh").asDouble()).isCloseTo(89.0 / 0.92, within(1e-4));
        assertThat(site.at("/kpis/evUnmetKwh").asDouble()).isCloseTo(0.0, within(1e-6));

        // the charging moved: the vans' setpoints before 04:00 carry less energy than the plain plan would
        JsonNode devices = site.at("/schedule/devicesKw");
        double beforeFour = 0.0;
        for (String van : List.of("urn:ngsi-ld:Device:pleiades-ev-01", "urn:ngsi-ld:Device:pleiades-ev-02",
                "urn:ngsi-ld:Device:pleiades-ev-03", "urn:ngsi-ld:Device:pleiades-ev-04")) {
            for (int t = 0; t < 16; t++) {
                beforeFour += devices.get(van).get(t).asDouble() * 0.25;
            }
        }
        assertThat(beforeFour).isLessThan(without - with);

        Map<String, Object> mail = jdbc.sql("SELECT body FROM notification_outbox WHERE id = :id")
                .param("id", site.get("notificationId").asLong()).query().singleRow();
        assertThat((String) mail.get("body")).contains("Grid headroom where the DSO is likely to ask for flexibility")
                .containsPattern("import there [0-9.]+ kWh \\([0-9.]+ kWh without headroom\\)");
    }
}
