package io.flexhub.analytics.model;

import static io.flexhub.analytics.model.ModelFixtures.FEATURES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PatternsTest {

    static final SyntheticDso DSO = new SyntheticDso(FEATURES, 7);
    static PointModel model;

    @BeforeAll
    static void fit() {
        model = ModelFixtures.model(ModelParameters.defaults()).fit(Map.of("cp", DSO.days("cp",
                SyntheticDso.standard(), LocalDate.of(2023, 1, 1), LocalDate.of(2025, 12, 31)))).point("cp").orElseThrow();
    }

    private static List<Patterns.Window> windows(List<Patterns.Window> all, String season, String dayType) {
        return all.stream().filter(w -> w.season().equals(season) && w.dayType().equals(dayType)).toList();
    }

    @Test
    void should_find_the_blocks_of_each_season_and_day_type_as_windows() {
        List<Patterns.Window> all = new Patterns(Patterns.Parameters.defaults()).windows(model);

        // winter working days: the evening peak (17:00-20:00, ISPs 69-80) first, then the morning (07:00-09:00)
        List<Patterns.Window> winter = windows(all, "winter", "working-day");
        assertThat(winter).hasSize(2);
        assertThat(winter.get(0).firstIsp()).isBetween(68, 70);
        assertThat(winter.get(0).lastIsp()).isBetween(79, 82);
        assertThat(winter.get(0).from()).isIn("16:45", "17:00", "17:15");
        assertThat(winter.get(0).direction()).isEqualTo("reduce");
        assertThat(winter.get(0).meanProbability()).isBetween(0.5, 0.75);
        assertThat(winter.get(0).peakProbability()).isGreaterThanOrEqualTo(winter.get(0).meanProbability());
        assertThat(winter.get(0).requestedKw().median()).isCloseTo(150.0, within(15.0));
        assertThat(winter.get(0).expectedDaysPerYear()).isCloseTo(winter.get(0).meanProbability() * 63, within(1.0));
        assertThat(winter.get(1).firstIsp()).isBetween(29, 31);
        assertThat(winter.get(1).lastIsp()).isBetween(34, 37);
        // summer Sundays and holidays: the PV surplus at midday (11:00-15:00, ISPs 45-60)
        List<Patterns.Window> summer = windows(all, "summer", "sunday-or-holiday");
        assertThat(summer).hasSize(1);
        assertThat(summer.get(0).direction()).isEqualTo("increase");
        assertThat(summer.get(0).firstIsp()).isBetween(43, 46);
        assertThat(summer.get(0).lastIsp()).isBetween(59, 62);
        assertThat(summer.get(0).requestedKw().median()).isCloseTo(80.0, within(10.0));
        // winter Sundays stay below the threshold everywhere
        assertThat(windows(all, "winter", "sunday-or-holiday")).isEmpty();
    }

    @Test
    void should_draw_the_weekday_heatmap_from_the_history() {
        Patterns.Report report = new Patterns(Patterns.Parameters.defaults()).report(model, List.of(), List.of());

        assertThat(report.heatmap().rows()).containsExactly("monday", "tuesday", "wednesday", "thursday", "friday",
                "saturday", "sunday", "holiday");
        assertThat(report.heatmap().slots()).isEqualTo(96);
        List<List<Double>> f = report.heatmap().frequency();
        assertThat(f).hasSize(8).allSatisfy(row -> assertThat(row).hasSize(96));
        // 18:30 (slot 74) over every season: working days well above Saturdays, Saturdays above Sundays
        assertThat(f.get(0).get(74)).isBetween(0.25, 0.55);
        assertThat(f.get(5).get(74)).isLessThan(f.get(0).get(74) - 0.1);
        assertThat(f.get(6).get(74)).isLessThan(f.get(5).get(74));
        assertThat(f.get(7).get(74)).isNotNull();
        assertThat(f.get(0).get(8)).isZero();
        assertThat(report.ratePlans()).isEmpty();
        assertThat(report.origin()).isEqualTo(LocalDate.of(2026, 1, 1));
    }

    @Test
    void should_propose_the_most_wanted_windows_with_an_incentive_from_the_prices_paid() {
        List<OfferSeen> offers = List.of(
                // site a: winter working-day evenings, one ordered at 0.20 EUR/kWh, one only offered at 0.50
                new OfferSeen("site-a", LocalDate.of(2025, 1, 8), List.of(72, 73, 74, 75), 12.0, 60.0, true),
                new OfferSeen("site-a", LocalDate.of(2025, 1, 9), List.of(72, 73), 15.0, 30.0, false),
                // site a: a summer Sunday midday, ordered at 0.05 EUR/kWh
                new OfferSeen("site-a", LocalDate.of(2025, 7, 6), List.of(50, 51), 1.0, 20.0, true),
                // the congestion point as a whole, at 0.30 EUR/kWh
                new OfferSeen(null, LocalDate.of(2025, 2, 4), List.of(70), 3.0, 10.0, true));
        Patterns.Parameters parameters = new Patterns.Parameters(0.3, 3, 3, 0.5);

        Patterns.Report report = new Patterns(parameters).report(model,
                List.of(new Patterns.SiteRef("site-a", "Pleiades"), new Patterns.SiteRef("site-b", "Annex")), offers);

        Patterns.RatePlan a = report.ratePlans().get(0);
        assertThat(a.site()).isEqualTo("site-a");
        assertThat(a.name()).isEqualTo("Pleiades");
        assertThat(a.basis()).isEqualTo(new Patterns.Basis(3, 2, 80.0, 0.1625, 0.5, "site"));
        // ordered offers only: (12 + 1) EUR / (60 + 20) kWh = 0.1625, half of it to the occupants
        assertThat(a.incentiveEurPerKwh()).isEqualTo(0.0813);
        assertThat(a.windows()).hasSize(3);
        // the most often wanted window of the year is the winter working-day evening: priced from its own offers
        Patterns.PlanWindow first = a.windows().get(0);
        assertThat(first.window().season()).isEqualTo("winter");
        assertThat(first.window().dayType()).isEqualTo("working-day");
        assertThat(first.window().firstIsp()).isBetween(68, 70);
        assertThat(first.offers()).isEqualTo(1);
        assertThat(first.incentiveEurPerKwh()).isEqualTo(0.1);
        assertThat(a.windows()).extracting(w -> w.window().expectedDaysPerYear()).isSortedAccordingTo(
                (x, y) -> Double.compare(y, x));
        // site b sold nothing of its own: the congestion point's offers set its price
        Patterns.RatePlan b = report.ratePlans().get(1);
        assertThat(b.basis().source()).isEqualTo("congestion-point");
        assertThat(b.incentiveEurPerKwh()).isEqualTo(0.15);
        assertThat(b.windows().get(0).incentiveEurPerKwh()).isEqualTo(0.15);
        // and without any offer there is no price to pass on
        Patterns.RatePlan none = new Patterns(parameters).report(model, List.of(new Patterns.SiteRef("c", "C")),
                List.of()).ratePlans().get(0);
        assertThat(none.incentiveEurPerKwh()).isNull();
        assertThat(none.basis().source()).isEqualTo("none");
        assertThat(none.windows()).hasSize(3);
    }
}
