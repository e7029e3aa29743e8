package io.flexhub.selfconsumption.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

/** Behaviour at the edges: what the plan does and reports, not the numbers (see the reference test). */
class SelfConsumptionOptimizerTest {

    private static final double DT = 0.25;
    private final SelfConsumptionOptimizer optimizer = new SelfConsumptionOptimizer();

    @Test
    void should_plan_only_the_morning_part_when_a_window_crosses_midnight() {
        Building raw = Fixtures.instance("edge_midnight").buildings().get(0);
        Building split = Fixtures.instance("edge_midnight.split").buildings().get(0);

        BuildingResult fromRaw = optimizer.optimize(raw, DT, SelfConsumptionOptions.cost());
        BuildingResult fromSplit = optimizer.optimize(split, DT, SelfConsumptionOptions.cost());

        String id = raw.evs().get(0).id();
        assertThat(raw.evs().get(0).crossesMidnight()).isTrue();
        assertThat(fromRaw.objectiveTotal()).isCloseTo(fromSplit.objectiveTotal(), within(1e-9));
        assertThat(Arrays.copyOfRange(fromRaw.schedule().ev().get(id), 80, 96)).containsOnly(0.0);
        assertThat(fromRaw.notes()).anyMatch(n -> n.contains(id) && n.contains("crosses midnight"));
    }

    @Test
    void should_report_the_missing_energy_when_an_ev_requirement_cannot_be_reached() {
        Building b = Fixtures.instance("edge_ev_unreachable").buildings().get(0);
        EvSession shortWindow = b.evs().get(1);

        BuildingResult r = optimizer.optimize(b, DT, SelfConsumptionOptions.cost());

        double reachable = shortWindow.arrivalEnergyKwh()
                + shortWindow.chargeEff() * DT * shortWindow.maxKw() * (shortWindow.departureIsp() - shortWindow.arrivalIsp());
        assertThat(r.status()).isEqualTo(BuildingResult.Status.OPTIMAL);
        assertThat(r.shortfalls()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(Shortfall.Kind.EV_ENERGY);
            assertThat(s.subject()).isEqualTo(shortWindow.id());
            assertThat(s.kwh()).isCloseTo(shortWindow.requiredEnergyKwh() - reachable, within(1e-6));
        });
        assertThat(r.energy().evUnmetKwh()).isCloseTo(shortWindow.requiredEnergyKwh() - reachable, within(1e-6));
    }

    @Test
    void should_not_charge_when_an_ev_arrives_above_its_soc_max() {
        Building b = Fixtures.instance("edge_ev_above_socmax").buildings().get(0);
        EvSession full = b.evs().get(0);

        BuildingResult r = optimizer.optimize(b, DT, SelfConsumptionOptions.cost());

        assertThat(full.arrivalEnergyKwh()).isGreaterThan(full.maxEnergyKwh());
        assertThat(r.schedule().ev().get(full.id())).containsOnly(0.0);
        assertThat(r.shortfalls()).isEmpty();
    }

    @Test
    void should_curtail_and_offer_the_surplus_when_export_is_capped_at_zero() {
        Building b = Fixtures.instance("edge_export_cap0").buildings().get(0);

        BuildingResult r = optimizer.optimize(b, DT, SelfConsumptionOptions.cost());

        assertThat(r.schedule().gridExportKw()).containsOnly(0.0);
        assertThat(r.energy().curtailedKwh()).isGreaterThan(100.0);
        assertThat(r.checks().maxSimultaneousChargeDischargeKw()).isLessThanOrEqualTo(1e-6);
        PvSurplus surplus = r.pvSurplus();
        assertThat(surplus.totalKwh(DT)).isCloseTo(r.energy().curtailedKwh(), within(1e-9));
        List<PvSurplus.RequestedIsp> requested = surplus.requestedIsps(1.0);
        assertThat(requested).isNotEmpty().allSatisfy(isp -> {
            assertThat(isp.minKw()).isEqualTo(1.0);
            assertThat(isp.maxKw()).isEqualTo(r.schedule().curtailedKw()[isp.isp()]);
        });
    }

    @Test
    void should_return_a_best_effort_plan_when_the_load_exceeds_the_import_limit() {
        Building base = Fixtures.instance("campus1_ev1").buildings().get(0);
        double[] limit = new double[96];
        Arrays.fill(limit, 5.0);
        Building b = new Building(base.id(), base.pvKw(), base.loadKw(), base.importPrice(), base.exportPrice(),
                new GridLimits(limit, base.grid().exportMaxKw()), base.evs(), null);

        BuildingResult r = optimizer.optimize(b, DT, SelfConsumptionOptions.selfConsumption());

        assertThat(r.status()).isEqualTo(BuildingResult.Status.BEST_EFFORT);
        assertThat(r.shortfalls()).anyMatch(s -> s.kind() == Shortfall.Kind.IMPORT_LIMIT && s.kwh() > 0);
        double night = b.loadKw()[0] - b.pvKw()[0];
        assertThat(r.schedule().gridImportKw()[0]).isGreaterThanOrEqualTo(night - 1e-6);
    }

    @Test
    void should_bring_the_battery_back_into_bounds_when_it_starts_below_soc_min() {
        Building base = Fixtures.instance("edge_battery_at_socmin").buildings().get(0);
        Battery bat = base.battery();
        Battery empty = new Battery(bat.capacityKwh(), 0.0, 0.5, bat.socMax(), bat.maxChargeKw(), bat.maxDischargeKw(),
                bat.chargeEff(), bat.dischargeEff(), null, null);
        Building b = withBattery(base, empty);

        BuildingResult r = optimizer.optimize(b, DT, SelfConsumptionOptions.cost());

        assertThat(r.status()).isEqualTo(BuildingResult.Status.OPTIMAL);
        assertThat(r.shortfalls()).anyMatch(s -> s.kind() == Shortfall.Kind.BATTERY_OUT_OF_BOUNDS);
        double[] energy = r.schedule().battery().energyKwh();
        assertThat(energy[0]).isCloseTo(empty.chargeEff() * DT * empty.maxChargeKw(), within(1e-6));
        assertThat(energy[95]).isGreaterThanOrEqualTo(empty.minEnergyKwh() - 1e-6);
    }

    @Test
    void should_report_the_gap_when_the_battery_end_target_is_unreachable() {
        Building base = Fixtures.instance("edge_battery_at_socmin").buildings().get(0);
        Battery bat = base.battery();
        Battery slow = new Battery(bat.capacityKwh(), bat.socMin(), bat.socMin(), bat.socMax(), 0.1, bat.maxDischargeKw(),
                bat.chargeEff(), bat.dischargeEff(), bat.socMax(), null);

        BuildingResult r = optimizer.optimize(withBattery(base, slow), DT, SelfConsumptionOptions.cost());

        double reachable = slow.initialEnergyKwh() + slow.chargeEff() * DT * 0.1 * 96;
        assertThat(r.status()).isEqualTo(BuildingResult.Status.OPTIMAL);
        assertThat(r.shortfalls()).anySatisfy(s -> {
            assertThat(s.kind()).isEqualTo(Shortfall.Kind.BATTERY_FINAL_ENERGY);
            assertThat(s.kwh()).isCloseTo(slow.maxEnergyKwh() - reachable, within(1e-6));
        });
    }

    @Test
    void should_repair_simultaneous_flows_when_export_pays_more_than_import() {
        Building b = Fixtures.instance("edge_inverted_prices").buildings().get(0);

        BuildingResult r = optimizer.optimize(b, DT, SelfConsumptionOptions.cost());

        assertThat(r.repair()).isNotNull();
        assertThat(r.repair().proven()).isTrue();
        assertThat(r.repair().objective()).isGreaterThan(r.repair().lpObjective());
        assertThat(r.objectiveTotal()).isEqualTo(r.repair().objective());
        assertThat(r.checks().maxSimultaneousImportExportKw()).isLessThanOrEqualTo(1e-6);
        assertThat(r.checks().maxSimultaneousChargeDischargeKw()).isLessThanOrEqualTo(1e-6);
    }

    @Test
    void should_not_repair_when_prices_are_ordinary() {
        BuildingResult r = optimizer.optimize(Fixtures.instance("campus1_ev4_batt").buildings().get(0), DT,
                SelfConsumptionOptions.cost());

        assertThat(r.repair()).isNull();
        assertThat(r.notes()).isEmpty();
    }

    @Test
    void should_give_the_same_plan_when_run_on_an_executor_or_a_parallel_stream() {
        Portfolio p = Fixtures.instance("edge_portfolio3_feeder");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            SelfConsumptionResult onPool = optimizer.optimize(p, SelfConsumptionOptions.cost(), pool);
            SelfConsumptionResult onStream = optimizer.optimize(p, SelfConsumptionOptions.cost());

            assertThat(onPool.objectiveTotal()).isEqualTo(onStream.objectiveTotal());
            assertThat(onPool.buildings()).extracting(BuildingResult::id).containsExactly("p0", "p1", "p2");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void should_warn_when_the_portfolio_has_an_aggregate_limit() {
        SelfConsumptionResult r = optimizer.optimize(Fixtures.instance("edge_portfolio3_feeder"),
                SelfConsumptionOptions.cost().withoutBaseline());

        assertThat(r.warnings()).containsExactly("aggregate limits ignored in per-building mode");
        assertThat(r.baseline()).isNull();
        assertThat(r.savingVsBaselineEur()).isEmpty();
    }

    @Test
    void should_save_against_the_rule_based_baseline_when_there_is_a_battery() {
        SelfConsumptionResult r = optimizer.optimize(Fixtures.instance("campus1_ev4_batt"), SelfConsumptionOptions.cost());

        assertThat(r.savingVsBaselineEur().getAsDouble()).isCloseTo(16.44540130098515 - 13.909648366202537, within(1e-6));
        assertThat(r.savingVsBaselineRatio().getAsDouble()).isBetween(0.15, 0.16);
    }

    @Test
    void should_reject_the_building_when_two_sessions_share_an_id() {
        Building base = Fixtures.instance("campus1_ev1").buildings().get(0);
        Building twice = new Building(base.id(), base.pvKw(), base.loadKw(), base.importPrice(), base.exportPrice(),
                base.grid(), List.of(base.evs().get(0), base.evs().get(0)), null);

        assertThatThrownBy(() -> optimizer.optimize(twice, DT, SelfConsumptionOptions.cost()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate EV session id");
    }

    private static Building withBattery(Building b, Battery battery) {
        return new Building(b.id(), b.pvKw(), b.loadKw(), b.importPrice(), b.exportPrice(), b.grid(), b.evs(), battery);
    }
}
