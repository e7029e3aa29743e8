package io.flexhub.analytics.model;

import static io.flexhub.analytics.model.ModelFixtures.AMSTERDAM;
import static io.flexhub.analytics.model.ModelFixtures.FEATURES;
import static io.flexhub.analytics.model.ModelFixtures.histories;
import static io.flexhub.analytics.model.ModelFixtures.meanAbsError;
import static io.flexhub.analytics.model.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.flexhub.analytics.history.CongestionDay;

/**
 * The model against a synthetic DSO whose request probabilities are known exactly: three years of history of five
 * congestion points, the forecast for the following year measured against the truth.
 */
class GridPatternModelTest {

    static final LocalDate FROM = LocalDate.of(2023, 1, 1);
    static final LocalDate TO = LocalDate.of(2025, 12, 31);
    static final SyntheticDso DSO = new SyntheticDso(FEATURES, 7);
    static final String CP = "ean.871685900000000001";
    static Map<String, SyntheticDso.Profile> points;
    static Map<String, List<CongestionDay>> history;

    @BeforeAll
    static void history() {
        points = new LinkedHashMap<>();
        points.put(CP, SyntheticDso.standard());
        points.put("ean.871685900000000002", SyntheticDso.standard().shifted(1, 0.9, 1.5));
        points.put("ean.871685900000000003", SyntheticDso.standard().shifted(-1, 1.1, 0.7));
        points.put("ean.871685900000000004", SyntheticDso.standard().shifted(2, 1.0, 2.0));
        points.put("ean.871685900000000005", SyntheticDso.standard().shifted(0, 0.85, 1.0));
        history = histories(DSO, points, FROM, TO);
    }

    @Test
    void should_forecast_the_known_pattern_within_a_small_mean_absolute_error() {
        GridPatternModel.Fitted fitted = model(ModelParameters.defaults()).fit(history);

        Forecast forecast = fitted.point(CP).orElseThrow().forecast(LocalDate.of(2026, 1, 1), 365);

        assertThat(forecast.method()).isEqualTo(GridPatternModel.METHOD);
        assertThat(forecast.days()).hasSize(365);
        assertThat(forecast.history()).isEqualTo(new Forecast.HistoryRange(FROM, TO, 1096));
        // the truth's probabilities reach 0.8; the mean error over all 35,040 ISPs of the year stays under 0.025
        assertThat(meanAbsError(forecast, DSO, points.get(CP))).isLessThan(0.025);
        for (String cp : points.keySet()) {
            Forecast other = fitted.point(cp).orElseThrow().forecast(LocalDate.of(2026, 1, 1), 365);
            assertThat(meanAbsError(other, DSO, points.get(cp))).as(cp).isLessThan(0.03);
        }
        // a winter working-day evening: the block 17:00-20:00 (ISPs 69-80), jitter of 2 ISPs at either end
        Forecast.Day monday = forecast.days().get(4);
        assertThat(monday.date()).isEqualTo(LocalDate.of(2026, 1, 5));
        assertThat(monday.dayType()).isEqualTo("working-day");
        double[] truth = DSO.truth(points.get(CP), monday.date());
        Forecast.Isp evening = monday.isps().get(74);
        assertThat(evening.isp()).isEqualTo(75);
        assertThat(evening.start()).isEqualTo(ZonedDateTime.of(monday.date(), LocalTime.of(18, 30), AMSTERDAM).toInstant());
        assertThat(evening.probability()).isCloseTo(truth[74], within(0.08));
        assertThat(evening.probability()).isGreaterThan(0.7);
        assertThat(evening.direction()).isEqualTo("reduce");
        // sizes drawn log-normal around 150 kW (sigma 0.25): the median within 10 %, the P90 about 1.38 x median
        assertThat(evening.requestedKw().median()).isCloseTo(150.0, within(15.0));
        assertThat(evening.requestedKw().p90()).isBetween(evening.requestedKw().median() * 1.2,
                evening.requestedKw().median() * 1.6);
        // at night nothing is ever requested
        Forecast.Isp night = monday.isps().get(8);
        assertThat(night.probability()).isLessThan(0.01);
        assertThat(night.direction()).isNull();
        assertThat(night.requestedKw()).isEqualTo(new RequestedKw(null, null));
    }

    @Test
    void should_name_the_increase_of_summer_middays_and_tell_day_types_apart() {
        PointModel model = model(ModelParameters.defaults()).fit(history).point(CP).orElseThrow();

        Forecast july = model.forecast(LocalDate.of(2026, 7, 10), 3);
        // Friday, Saturday, Sunday 13:00 (ISP 53): the PV surplus block grows toward the weekend
        double friday = july.days().get(0).isps().get(52).probability();
        double saturday = july.days().get(1).isps().get(52).probability();
        double sunday = july.days().get(2).isps().get(52).probability();

        assertThat(july.days().get(2).isps().get(52).direction()).isEqualTo("increase");
        assertThat(friday).isLessThan(saturday);
        assertThat(saturday).isLessThan(sunday);
        assertThat(sunday).isCloseTo(DSO.truth(points.get(CP), LocalDate.of(2026, 7, 12), 52), within(0.1));
        assertThat(july.days().get(2).isps().get(52).requestedKw().median()).isCloseTo(80.0, within(10.0));
    }

    @Test
    void should_forecast_a_dutch_holiday_like_a_sunday() {
        PointModel model = model(ModelParameters.defaults()).fit(history).point(CP).orElseThrow();

        // King's Day 2026 is a Monday; Ascension Thursday 14 May
        Forecast forecast = model.forecast(LocalDate.of(2026, 4, 26), 3);
        Forecast ascension = model.forecast(LocalDate.of(2026, 5, 13), 2);

        assertThat(forecast.days().get(1).dayType()).isEqualTo("sunday-or-holiday");
        assertThat(forecast.days().get(2).dayType()).isEqualTo("working-day");
        assertThat(forecast.days().get(1).isps()).isEqualTo(forecast.days().get(0).isps().stream()
                .map(i -> new Forecast.Isp(i.isp(), i.start().plusSeconds(86_400), i.probability(), i.direction(),
                        i.requestedKw())).toList());
        assertThat(ascension.days().get(1).dayType()).isEqualTo("sunday-or-holiday");
        assertThat(ascension.days().get(0).isps().get(72).probability())
                .isGreaterThan(ascension.days().get(1).isps().get(72).probability() + 0.1);
    }

    @Test
    void should_number_isps_of_dst_days_as_uftp_does_and_align_them_by_clock_time() {
        PointModel model = model(ModelParameters.defaults()).fit(history).point(CP).orElseThrow();

        Forecast march = model.forecast(LocalDate.of(2026, 3, 28), 3);
        Forecast october = model.forecast(LocalDate.of(2026, 10, 24), 3);

        assertThat(march.days()).extracting(d -> d.isps().size()).containsExactly(96, 92, 96);
        assertThat(october.days()).extracting(d -> d.isps().size()).containsExactly(96, 100, 96);
        Forecast.Day short_ = march.days().get(1);
        Forecast.Day long_ = october.days().get(1);
        // ISP 9 of the short day starts at 03:00 local, ISP 13 of the long day at the second 02:00
        assertThat(short_.isps().get(8).start()).isEqualTo(
                ZonedDateTime.of(short_.date(), LocalTime.of(3, 0), AMSTERDAM).toInstant());
        assertThat(long_.isps().get(12).start()).isEqualTo(long_.isps().get(8).start().plusSeconds(3600));
        for (int i = 8; i < 12; i++) {
            assertThat(long_.isps().get(i + 4).probability()).isEqualTo(long_.isps().get(i).probability());
        }
        // after the clock change the DST day's ISPs are an ordinary Sunday's of the same month, 4 ISPs off
        List<Forecast.Isp> sundayInMarch = model.forecast(LocalDate.of(2026, 3, 22), 1).days().get(0).isps();
        List<Forecast.Isp> sundayInOctober = model.forecast(LocalDate.of(2026, 10, 18), 1).days().get(0).isps();
        for (int i = 12; i < 96; i++) {
            assertThat(short_.isps().get(i - 4).probability()).as("ISP %d", i - 3)
                    .isEqualTo(sundayInMarch.get(i).probability());
            assertThat(long_.isps().get(i + 4).probability()).as("ISP %d", i + 5)
                    .isEqualTo(sundayInOctober.get(i).probability());
        }
        for (int i = 0; i < 8; i++) {
            assertThat(short_.isps().get(i).probability()).isEqualTo(sundayInMarch.get(i).probability());
            assertThat(long_.isps().get(i).probability()).isEqualTo(sundayInOctober.get(i).probability());
        }
        assertThat(meanAbsError(march, DSO, points.get(CP))).isLessThan(0.03);
        assertThat(meanAbsError(october, DSO, points.get(CP))).isLessThan(0.03);
        assertThat(short_.isps().get(91).start().plusSeconds(900))
                .isEqualTo(ZonedDateTime.of(short_.date().plusDays(1), LocalTime.MIDNIGHT, AMSTERDAM).toInstant());
    }

    @Test
    void should_count_requests_of_dst_days_in_their_clock_slots() {
        // two weeks of nothing but one request on the DST day: the short day's 03:00-04:00 (ISPs 9-12), or the
        // long day's second 02:00-03:00 (ISPs 13-16)
        List<CongestionDay> spring = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2026, 3, 22); !d.isAfter(LocalDate.of(2026, 4, 4)); d = d.plusDays(1)) {
            spring.add(day(d, d.equals(LocalDate.of(2026, 3, 29)) ? 9 : 0, 4));
        }
        List<CongestionDay> autumn = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2026, 10, 18); !d.isAfter(LocalDate.of(2026, 10, 31)); d = d.plusDays(1)) {
            autumn.add(day(d, d.equals(LocalDate.of(2026, 10, 25)) ? 13 : 0, 4));
        }
        assertThat(spring.get(7).ispCount()).isEqualTo(92);
        assertThat(autumn.get(7).ispCount()).isEqualTo(100);
        GridPatternModel m = model(ModelParameters.defaults().withPoolStrengthDays(0));

        List<Forecast.Isp> april = m.fit(Map.of("cp", spring)).point("cp").orElseThrow()
                .forecast(LocalDate.of(2026, 4, 12), 1).days().get(0).isps();
        List<Forecast.Isp> november = m.fit(Map.of("cp", autumn)).point("cp").orElseThrow()
                .forecast(LocalDate.of(2026, 11, 1), 1).days().get(0).isps();

        // 03:00 on an ordinary Sunday is ISP 13; 02:00 is ISP 9
        for (int i = 0; i < 4; i++) {
            assertThat(april.get(12 + i).probability()).isGreaterThan(3 * april.get(8 + i).probability());
            assertThat(november.get(8 + i).probability()).isGreaterThan(3 * november.get(12 + i).probability());
        }
    }

    /** A day with {@code length} REDUCE ISPs from {@code first} (0: none). */
    private static CongestionDay day(LocalDate date, int first, int length) {
        int count = FEATURES.calendar().ispCount(date);
        List<CongestionDay.Isp> isps = new ArrayList<>();
        for (int isp = 1; isp <= count; isp++) {
            boolean requested = first > 0 && isp >= first && isp < first + length;
            isps.add(new CongestionDay.Isp(isp, FEATURES.calendar().ispStart(date, isp), requested,
                    requested ? CongestionDay.Direction.REDUCE : null, requested ? -300.0 : null,
                    requested ? -50.0 : null, null));
        }
        return new CongestionDay("cp", date, count, isps);
    }

    @Test
    void should_lean_on_the_pool_when_a_point_has_three_weeks_of_history() {
        Map<String, List<CongestionDay>> withNewcomer = new LinkedHashMap<>(history);
        SyntheticDso.Profile newcomer = SyntheticDso.standard().shifted(0, 1.05, 1.2);
        withNewcomer.put("new", DSO.days("new", newcomer, LocalDate.of(2025, 12, 10), TO));

        PointModel pooled = model(ModelParameters.defaults()).fit(withNewcomer).point("new").orElseThrow();
        PointModel alone = model(ModelParameters.defaults()).fit(Map.of("new", withNewcomer.get("new")))
                .point("new").orElseThrow();
        double pooledError = meanAbsError(pooled.forecast(LocalDate.of(2026, 1, 1), 120), DSO, newcomer);
        double aloneError = meanAbsError(alone.forecast(LocalDate.of(2026, 1, 1), 120), DSO, newcomer);

        assertThat(pooled.ownWeight()).isLessThan(0.35);
        assertThat(pooledError).isLessThan(0.035);
        assertThat(pooledError).isLessThan(aloneError * 0.6);
    }

    @Test
    void should_shrink_sparse_cells_toward_their_parents() {
        // one point, ten weeks of autumn: four or five Saturdays and Sundays each, a dozen days per month
        SyntheticDso.Profile profile = SyntheticDso.standard();
        Map<String, List<CongestionDay>> sparse =
                Map.of("cp", DSO.days("cp", profile, LocalDate.of(2025, 9, 22), LocalDate.of(2025, 11, 30)));

        double shrunk = meanAbsError(model(ModelParameters.defaults()).fit(sparse).point("cp").orElseThrow()
                .forecast(LocalDate.of(2025, 9, 1), 91), DSO, profile);
        double raw = meanAbsError(model(ModelParameters.defaults().withCellStrength(0.05)).fit(sparse)
                .point("cp").orElseThrow().forecast(LocalDate.of(2025, 9, 1), 91), DSO, profile);

        assertThat(shrunk).isLessThan(raw * 0.85);
    }

    @Test
    void should_follow_a_pattern_that_moved_when_old_observations_decay() {
        // the DSO reinforced the grid: from April 2025 the evening block comes an hour later
        SyntheticDso.Profile before = SyntheticDso.standard();
        SyntheticDso.Profile after = SyntheticDso.standard().shifted(4, 1.0, 1.0);
        List<CongestionDay> days = new ArrayList<>(DSO.days("cp", before, FROM, LocalDate.of(2025, 3, 31)));
        days.addAll(DSO.days("cp", after, LocalDate.of(2025, 4, 1), TO));

        double decayed = meanAbsError(model(ModelParameters.defaults().withHalfLifeDays(90)).fit(Map.of("cp", days))
                .point("cp").orElseThrow().forecast(LocalDate.of(2026, 1, 1), 90), DSO, after);
        double undecayed = meanAbsError(model(ModelParameters.defaults().withHalfLifeDays(1e9))
                .fit(Map.of("cp", days)).point("cp").orElseThrow().forecast(LocalDate.of(2026, 1, 1), 90), DSO, after);

        assertThat(decayed).isLessThan(undecayed * 0.8);
    }

    @Test
    void should_tolerate_missing_days_and_a_gap_of_two_months() {
        SplittableRandom random = new SplittableRandom(3);
        Map<LocalDate, Boolean> kept = new LinkedHashMap<>();
        List<CongestionDay> days = DSO.days(CP, points.get(CP), FROM, TO, d -> {
            boolean keep = random.nextDouble() > 0.3
                    && (d.isBefore(LocalDate.of(2024, 6, 1)) || d.isAfter(LocalDate.of(2024, 7, 31)));
            kept.put(d, keep);
            return keep;
        });
        Map<String, List<CongestionDay>> gappy = new LinkedHashMap<>(history);
        gappy.put(CP, days);

        Forecast forecast = model(ModelParameters.defaults()).fit(gappy).point(CP).orElseThrow()
                .forecast(LocalDate.of(2026, 1, 1), 365);

        assertThat(days.size()).isBetween(650, 760);
        assertThat(forecast.history().days()).isEqualTo(days.size());
        assertThat(meanAbsError(forecast, DSO, points.get(CP))).isLessThan(0.03);
    }

    @Test
    void should_forecast_from_the_pool_alone_for_a_point_without_days_and_refuse_no_days() {
        Map<String, List<CongestionDay>> withEmpty = new LinkedHashMap<>(history);
        withEmpty.put("empty", List.of());

        PointModel empty = model(ModelParameters.defaults()).fit(withEmpty).point("empty").orElseThrow();

        assertThat(empty.history()).isEqualTo(new Forecast.HistoryRange(null, null, 0));
        assertThat(empty.origin()).isEqualTo(TO.plusDays(1));
        assertThat(meanAbsError(empty.forecast(LocalDate.of(2026, 1, 1), 30), DSO, SyntheticDso.standard()))
                .isLessThan(0.05);
        assertThatThrownBy(() -> empty.forecast(LocalDate.of(2026, 1, 1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("days");
    }
}
