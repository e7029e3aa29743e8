package io.flexhub.analytics.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.flexhub.analytics.history.CongestionDay.Direction;
import io.flexhub.analytics.history.CongestionDays.Header;

class CongestionDaysTest {

    private static final String CP = "ean.871685900012636543";
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final Duration PT15M = Duration.ofMinutes(15);
    private static final LocalDate DAY = LocalDate.of(2025, 1, 15);
    private static final Instant RECORDED = Instant.parse("2025-02-01T00:00:00Z");

    @Test
    void should_count_the_latest_revision_whatever_order_the_rows_come_in() {
        Header first = header("m1", DAY, 1, "2025-01-14T13:00:00Z", 96);
        Header second = header("m2", DAY, 2, "2025-01-15T09:00:00Z", 96);
        for (List<Header> order : List.of(List.of(first, second), List.of(second, first))) {
            CongestionDays days = days(DAY, DAY);
            order.forEach(days::offer);
            assertThat(days.isp("m1", 69, true, -40_000, -20_000)).isFalse();
            assertThat(days.isp("m2", 70, true, -60_000, -30_000)).isTrue();

            CongestionDay day = days.days().get(0);

            assertThat(day.isps().get(68).requested()).as("revision 1 asked for ISP 69").isFalse();
            CongestionDay.Isp isp70 = day.isps().get(69);
            assertThat(isp70.requested()).isTrue();
            assertThat(isp70.direction()).isEqualTo(Direction.REDUCE);
            assertThat(isp70.minKw()).isEqualTo(-60.0);
            assertThat(isp70.maxKw()).isEqualTo(-30.0);
            assertThat(isp70.requestedKw()).isEqualTo(30.0);
            // ISP 70 starts at 17:15 CET = 16:15 UTC, 7 h 15 min after revision 2 was sent
            assertThat(isp70.start()).isEqualTo(Instant.parse("2025-01-15T16:15:00Z"));
            assertThat(isp70.leadTime()).isEqualTo(Duration.ofHours(7).plusMinutes(15));
        }
    }

    @Test
    void should_break_a_tie_of_revisions_by_time_stamp_then_recording_then_message_id() {
        CongestionDays days = days(DAY, DAY);
        days.offer(header("b-later", DAY, 3, "2025-01-15T09:00:00Z", 96));
        days.offer(header("a-earlier", DAY, 3, "2025-01-15T08:00:00Z", 96));

        assertThat(days.isp("a-earlier", 1, true, 0, 10_000)).isFalse();
        assertThat(days.isp("b-later", 1, true, 0, 10_000)).isTrue();
        assertThat(CongestionDays.LATEST_LAST.compare(header("a", DAY, 3, "2025-01-15T09:00:00Z", 96),
                header("b", DAY, 3, "2025-01-15T09:00:00Z", 96))).isNegative();
    }

    @Test
    void should_fill_days_without_a_request_as_no_request() {
        LocalDate next = DAY.plusDays(1);
        CongestionDays days = days(DAY.minusDays(1), next);
        days.offer(header("m1", DAY, 1, "2025-01-14T13:00:00Z", 96));
        days.isp("m1", 69, true, -40_000, -20_000);

        List<CongestionDay> result = days.days();

        assertThat(result).extracting(CongestionDay::date).containsExactly(DAY.minusDays(1), DAY, next);
        assertThat(result).extracting(CongestionDay::anyRequested).containsExactly(false, true, false);
        CongestionDay empty = result.get(2);
        assertThat(empty.ispCount()).isEqualTo(96);
        assertThat(empty.isps()).allSatisfy(isp -> {
            assertThat(isp.requested()).isFalse();
            assertThat(isp.direction()).isNull();
            assertThat(isp.minKw()).isNull();
            assertThat(isp.leadTime()).isNull();
        });
        assertThat(empty.isps().get(0).start()).isEqualTo(Instant.parse("2025-01-15T23:00:00Z"));
    }

    @Test
    void should_lay_out_dst_days_with_92_and_100_isps_in_the_market_zone() {
        LocalDate spring = LocalDate.of(2025, 3, 30);
        LocalDate autumn = LocalDate.of(2025, 10, 26);
        CongestionDays springDays = days(spring.minusDays(1), spring.plusDays(1));
        springDays.offer(header("s", spring, 1, "2025-03-29T12:00:00Z", 92));
        springDays.isp("s", 92, true, 5_000, 9_000);
        CongestionDays autumnDays = days(autumn, autumn.plusDays(1));
        autumnDays.offer(header("a", autumn, 1, "2025-10-25T12:00:00Z", 100));
        autumnDays.isp("a", 100, true, 5_000, 9_000);

        List<CongestionDay> around = springDays.days();
        List<CongestionDay> after = autumnDays.days();

        assertThat(around).extracting(CongestionDay::ispCount).containsExactly(96, 92, 96);
        CongestionDay springDay = around.get(1);
        // 00:00-02:00 CET are ISPs 1-8; the clock jumps to 03:00 CEST, which is ISP 9 at 01:00 UTC
        assertThat(springDay.isps().get(8).start()).isEqualTo(Instant.parse("2025-03-30T01:00:00Z"));
        assertThat(springDay.isps().get(91).requested()).isTrue();
        assertThat(springDay.isps().get(91).direction()).isEqualTo(Direction.INCREASE);
        assertThat(springDay.isps().get(91).start()).isEqualTo(Instant.parse("2025-03-30T21:45:00Z"));
        assertThat(after).extracting(CongestionDay::ispCount).containsExactly(100, 96);
        // 02:00-03:00 happens twice: ISPs 9-12 in CEST, ISPs 13-16 in CET
        assertThat(after.get(0).isps().get(12).start()).isEqualTo(Instant.parse("2025-10-26T01:00:00Z"));
        assertThat(after.get(0).isps().get(99).start()).isEqualTo(Instant.parse("2025-10-26T22:45:00Z"));
        assertThat(after.get(1).isps().get(0).start()).isEqualTo(Instant.parse("2025-10-26T23:00:00Z"));
    }

    @Test
    void should_keep_listed_available_isps_with_their_bounds_and_leave_unlisted_ones_empty() {
        CongestionDays days = days(DAY, DAY);
        days.offer(header("m1", DAY, 1, "2025-01-14T13:00:00Z", 96));
        days.isp("m1", 1, false, -50_000, 50_000);
        days.isp("m1", 2, true, 10_000, 30_000);

        CongestionDay day = days.days().get(0);

        CongestionDay.Isp available = day.isps().get(0);
        assertThat(available.requested()).isFalse();
        assertThat(available.direction()).isNull();
        assertThat(available.minKw()).isEqualTo(-50.0);
        assertThat(available.maxKw()).isEqualTo(50.0);
        assertThat(available.requestedKw()).isZero();
        assertThat(available.leadTime()).as("the request covered the whole day").isNotNull();
        assertThat(day.isps().get(1).direction()).isEqualTo(Direction.INCREASE);
        assertThat(day.isps().get(1).requestedKw()).isEqualTo(10.0);
        CongestionDay.Isp unlisted = day.isps().get(2);
        assertThat(unlisted.requested()).isFalse();
        assertThat(unlisted.minKw()).isNull();
        assertThat(unlisted.maxKw()).isNull();
    }

    @Test
    void should_take_the_isps_of_requests_stored_with_runs_from_the_runs_and_no_rows_for_them() {
        CongestionDays days = days(DAY, DAY.plusDays(1));
        days.offer(new Header("runs", DAY, 1, Instant.parse("2025-01-14T13:00:00Z"), RECORDED, "Europe/Amsterdam", 15,
                96, "1,68,A,-80000,80000;69,2,R,-40000,-20000;71,26,A,-80000,80000"));
        days.offer(header("rows", DAY.plusDays(1), 1, "2025-01-15T13:00:00Z", 96));

        assertThat(days.needsIspRows()).isTrue();
        assertThat(days.isp("runs", 1, true, 1, 2)).as("a row of a request with runs is not read").isFalse();
        assertThat(days.isp("rows", 80, true, 1_000, 2_000)).isTrue();
        List<CongestionDay> result = days.days();

        assertThat(result.get(0).isps().stream().filter(CongestionDay.Isp::requested).map(CongestionDay.Isp::isp))
                .containsExactly(69, 70);
        assertThat(result.get(0).isps().get(0).minKw()).isEqualTo(-80.0);
        assertThat(result.get(0).isps().get(68).requestedKw()).isEqualTo(20.0);
        assertThat(result.get(1).isps().stream().filter(CongestionDay.Isp::requested).map(CongestionDay.Isp::isp))
                .containsExactly(80);
    }

    @Test
    void should_take_the_direction_from_the_requested_side() {
        assertThat(CongestionDays.direction(-20_000, -5_000)).isEqualTo(Direction.REDUCE);
        assertThat(CongestionDays.direction(-20_000, 0)).isEqualTo(Direction.REDUCE);
        assertThat(CongestionDays.direction(0, 20_000)).isEqualTo(Direction.INCREASE);
        assertThat(CongestionDays.direction(-5_000, 5_000)).isNull();
    }

    @Test
    void should_ignore_requests_outside_the_range() {
        CongestionDays days = days(DAY, DAY);
        days.offer(header("before", DAY.minusDays(1), 9, "2025-01-13T13:00:00Z", 96));

        assertThat(days.isp("before", 1, true, 0, 1)).isFalse();
        assertThat(days.days()).singleElement().extracting(CongestionDay::anyRequested).isEqualTo(false);
    }

    private static CongestionDays days(LocalDate from, LocalDate to) {
        return new CongestionDays(CP, from, to, AMSTERDAM, PT15M);
    }

    private static Header header(String id, LocalDate period, long revision, String sentAt, int ispCount) {
        return new Header(id, period, revision, Instant.parse(sentAt), RECORDED, "Europe/Amsterdam", 15, ispCount,
                null);
    }
}
