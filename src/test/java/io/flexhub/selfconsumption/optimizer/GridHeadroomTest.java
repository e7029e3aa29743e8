package io.flexhub.selfconsumption.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Grid headroom in the self-consumption LP: where a request is likely the plan moves flexible exchange away as far
 * as that pays, the costs it reports stay the tariff's, and without a weight the plan is exactly the plain one.
 */
class GridHeadroomTest {

    private static final double DT = 0.25;
    private static final int ISPS = 96;
    private final SelfConsumptionOptimizer optimizer = new SelfConsumptionOptimizer();

    private static double[] filled(double value) {
        double[] a = new double[ISPS];
        Arrays.fill(a, value);
        return a;
    }

    private static double[] filled(double value, int from, int to) {
        double[] a = new double[ISPS];
        Arrays.fill(a, from, to, value);
        return a;
    }

    /** 2 kW of load all day at a flat price, one van plugged in from midnight to 08:00 that needs 20 kWh more. */
    private static Building nightCharging() {
        EvSession van = new EvSession("van", "van", 50.0, 0.2, 0.1, 0.9, 11.0, 0.0, 0.92, 0, 32, 30.0, null);
        return new Building("night", filled(0.0), filled(2.0), filled(0.12), filled(0.0), GridLimits.NONE,
                List.of(van), null);
    }

    /** 9 kW of PV surplus from 10:00 to 14:00 and an empty 10 kWh battery, export worth less than import. */
    private static Building noonSurplus() {
        double[] pv = filled(10.0, 40, 56);
        Battery battery = new Battery(10.0, 0.1, 0.1, 0.9, 5.0, 5.0, 0.97, 0.97, null, null);
        return new Building("noon", pv, filled(1.0), filled(0.20), filled(0.05), GridLimits.NONE, List.of(), battery);
    }

    @Test
    void should_price_only_the_isps_whose_request_probability_reaches_the_threshold() {
        double[] reduce = filled(0.0);
        reduce[10] = 0.8;
        reduce[11] = 0.1;
        double[] increase = filled(0.0);
        increase[50] = 0.5;

        GridHeadroom room = GridHeadroom.of(reduce, increase, 0.05, 0.2);

        assertThat(room.importEurPerKwh()[10]).isCloseTo(0.04, within(1e-12));
        assertThat(room.importEurPerKwh()[11]).isZero();
        assertThat(room.exportEurPerKwh()[50]).isCloseTo(0.025, within(1e-12));
        assertThat(room.reduceIsps()).isEqualTo(1);
        assertThat(room.increaseIsps()).isEqualTo(1);
        assertThat(GridHeadroom.of(reduce, increase, 0.0, 0.2)).as("weight 0: no headroom").isNull();
        assertThat(GridHeadroom.of(reduce, increase, 0.05, 0.9)).as("nothing likely enough").isNull();
        assertThatThrownBy(() -> new GridHeadroom(filled(-0.1), filled(0.0))).hasMessageContaining("not negative");
        assertThatThrownBy(() -> nightCharging().withHeadroom(new GridHeadroom(new double[4], new double[4])))
                .hasMessageContaining("expected 96 ISPs");
    }

    @Test
    void should_move_ev_charging_out_of_the_isps_where_a_reduce_request_is_likely_at_no_cost() {
        Building plain = nightCharging();
        // the DSO often asks for less consumption from midnight to 04:00
        GridHeadroom room = GridHeadroom.of(filled(0.8, 0, 16), filled(0.0), 0.05, 0.2);

        BuildingResult without = optimizer.optimize(plain, DT, SelfConsumptionOptions.cost());
        BuildingResult with = optimizer.optimize(plain.withHeadroom(room), DT, SelfConsumptionOptions.cost());

        double[] van = with.schedule().ev().get("van");
        assertThat(Arrays.copyOfRange(van, 0, 16)).as("no charging where the grid is likely short").containsOnly(0.0);
        assertThat(Arrays.stream(without.schedule().ev().get("van"), 0, 16).sum()).as("the plain plan charges at once")
                .isGreaterThan(10.0);
        assertThat(with.energy().evChargedKwh()).isCloseTo(20.0 / 0.92, within(1e-6));
        assertThat(with.shortfalls()).isEmpty();
        // only the load is left in the likely-REDUCE ISPs: 2 kW x 4 h
        assertThat(room.exposure(with.schedule(), DT).importKwh()).isCloseTo(8.0, within(1e-6));
        assertThat(room.exposure(without.schedule(), DT).importKwh()).isGreaterThan(8.0 + 10.0);
        // a flat tariff: moving the charging costs nothing, and the report is in tariff prices, not headroom prices
        assertThat(with.energy().gridCostEur()).isCloseTo(without.energy().gridCostEur(), within(1e-9));
    }

    @Test
    void should_charge_the_battery_from_the_pv_where_an_increase_request_is_likely_instead_of_exporting_there() {
        Building plain = noonSurplus();
        // the DSO often asks for more consumption from 12:00 to 14:00
        GridHeadroom room = GridHeadroom.of(filled(0.0), filled(0.9, 48, 56), 0.05, 0.2);

        BuildingResult without = optimizer.optimize(plain, DT, SelfConsumptionOptions.cost());
        BuildingResult with = optimizer.optimize(plain.withHeadroom(room), DT, SelfConsumptionOptions.cost());

        // 9 kW surplus x 2 h in the likely-INCREASE ISPs; the battery takes all it can hold (8 kWh / 0.97) there
        double stored = 8.0 / 0.97;
        assertThat(room.exposure(with.schedule(), DT).exportKwh()).isCloseTo(18.0 - stored, within(1e-6));
        assertThat(room.exposure(without.schedule(), DT).exportKwh())
                .isGreaterThanOrEqualTo(room.exposure(with.schedule(), DT).exportKwh() - 1e-9);
        double[] charge = with.schedule().battery().chargeKw();
        assertThat(Arrays.stream(charge, 40, 48).sum()).as("nothing charged before 12:00").isCloseTo(0.0, within(1e-6));
        // the PV is exported elsewhere, not curtailed: the headroom price (0.045) stays below the export price
        assertThat(with.energy().curtailedKwh()).isCloseTo(0.0, within(1e-9));
        assertThat(with.energy().exportKwh()).isCloseTo(without.energy().exportKwh(), within(1e-6));
        assertThat(with.energy().gridCostEur()).isCloseTo(without.energy().gridCostEur(), within(1e-9));
        assertThat(with.checks().maxSimultaneousChargeDischargeKw()).isLessThanOrEqualTo(1e-6);
    }

    @Test
    void should_give_exactly_the_plain_plan_when_the_headroom_prices_nothing() {
        for (Building plain : List.of(nightCharging(), noonSurplus())) {
            BuildingResult without = optimizer.optimize(plain, DT, SelfConsumptionOptions.cost());
            BuildingResult zero = optimizer.optimize(plain.withHeadroom(new GridHeadroom(filled(0.0), filled(0.0))), DT,
                    SelfConsumptionOptions.cost());
            BuildingResult selfConsumption = optimizer.optimize(plain.withHeadroom(new GridHeadroom(filled(0.0),
                    filled(0.0))), DT, SelfConsumptionOptions.selfConsumption());

            assertThat(zero.objectiveTotal()).isEqualTo(without.objectiveTotal());
            assertThat(zero.schedule().gridImportKw()).containsExactly(without.schedule().gridImportKw());
            assertThat(zero.schedule().gridExportKw()).containsExactly(without.schedule().gridExportKw());
            assertThat(zero.schedule().curtailedKw()).containsExactly(without.schedule().curtailedKw());
            assertThat(zero.schedule().ev().keySet()).isEqualTo(without.schedule().ev().keySet());
            zero.schedule().ev().forEach((id, kw) -> assertThat(kw).containsExactly(without.schedule().ev().get(id)));
            assertThat(selfConsumption.schedule().gridImportKw()).containsExactly(optimizer.optimize(plain, DT,
                    SelfConsumptionOptions.selfConsumption()).schedule().gridImportKw());
        }
    }
}
