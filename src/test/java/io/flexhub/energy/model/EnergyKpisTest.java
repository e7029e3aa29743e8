package io.flexhub.energy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flexhub.selfconsumption.plan.Tariff;

/** KPIs of a measured day, worked out by hand: energies, ratios, grid cost and the rule-based baseline. */
class EnergyKpisTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Madrid");
    static final Duration ISP = Duration.ofMinutes(15);
    // a Wednesday: 2.0TD working-day periods
    static final LocalDate DAY = LocalDate.of(2026, 6, 10);

    @Test
    void should_price_the_meter_and_compare_it_with_charging_at_full_power_from_the_first_draw() {
        List<Instant> starts = Resolution.DAY.starts(DAY, DAY, ZONE, ISP);
        IspGrid grid = new IspGrid(starts.get(0), Resolution.DAY.next(starts.get(0), ZONE, ISP), ISP);
        int n = grid.size();
        double[] load = new double[n];
        double[] pv = new double[n];
        double[] ev = new double[n];
        double[] battery = new double[n];
        double[] meter = new double[n];
        Arrays.fill(load, 10.0);
        // 20 kW of PV 12:00-14:00 (punta): 10 kW exported
        for (int t = 48; t < 56; t++) {
            pv[t] = 20.0;
        }
        // the charger draws 1 kW at 13:45 (punta), then 7 kW from 14:00 to 16:00 (llano): 14.25 kWh
        ev[55] = 1.0;
        for (int t = 56; t < 64; t++) {
            ev[t] = 7.0;
        }
        for (int t = 0; t < n; t++) {
            meter[t] = load[t] + ev[t] + battery[t] - pv[t];
        }
        Tariff tariff = Tariff.SPANISH_2_0TD;
        EnergyKpis.Input in = new EnergyKpis.Input("site", grid, load, pv, ev, battery, meter,
                Map.of("ev-1", new EnergyKpis.Charger(ev, 7.4)), tariff.importPrices(grid.start(), ISP, n, ZONE),
                tariff.exportPrices(n), 80.0, null);

        List<EnergyKpis.Period> p = new EnergyKpis().periods(in, starts, Resolution.DAY, ZONE);

        assertThat(p).hasSize(1);
        EnergyKpis.Period k = p.get(0);
        assertThat(k.start()).isEqualTo(DAY);
        assertThat(k.measuredIsps()).isEqualTo(96);
        assertThat(k.pvKwh()).isCloseTo(40.0, offset(1e-9));
        assertThat(k.loadKwh()).isCloseTo(240.0, offset(1e-9));
        assertThat(k.evKwh()).isCloseTo(14.25, offset(1e-9));
        // exported while the PV ran, except 13:45 when the charger took 1 kW of the 10 kW surplus
        assertThat(k.exportKwh()).isCloseTo(1.75 * 10 + 9 * 0.25, offset(1e-9));
        assertThat(k.importKwh()).isCloseTo(240 - 20 + 14.25 - 0.25 + 0, offset(1e-9));
        assertThat(k.selfConsumptionRatio()).isCloseTo(1 - 19.75 / 40.0, offset(1e-9));
        assertThat(k.selfSufficiency()).isCloseTo(1 - k.importKwh() / (240 + 14.25), offset(1e-9));
        // the load alone: valle 0-8 (8 h), llano 8-10, 14-18, 22-24 (8 h), punta 10-14 and 18-22 (8 h minus PV hours)
        double loadCost = 80 * 0.119 + 80 * 0.157 + 60 * 0.226;
        double evCost = 0.25 * 0.226 * 0 + 14.0 * 0.157;
        double exportRevenue = 19.75 * 0.05;
        assertThat(k.gridCostEur()).isCloseTo(loadCost + evCost - exportRevenue, offset(1e-9));
        // baseline: the same 14.25 kWh at 7.4 kW from 13:45: 1.85 kWh at 13:45, of which 1.85 - 2.5 < 0 is
        // exported PV, i.e. it only cuts export there, then 12.4 kWh in llano from 14:00
        double baseEv = 14.25 - 1.85;
        double baseExport = 17.5 + (10 - 7.4) * 0.25;
        double baseline = loadCost + baseEv * 0.157 - baseExport * 0.05;
        assertThat(k.baselineCostEur()).isCloseTo(baseline, offset(1e-9));
        assertThat(k.savingEur()).isCloseTo(baseline - k.gridCostEur(), offset(1e-12));
    }

    @Test
    void should_leave_out_periods_without_measurements_and_null_the_ratios_of_a_day_without_pv() {
        List<Instant> starts = Resolution.DAY.starts(DAY, DAY.plusDays(1), ZONE, ISP);
        IspGrid grid = new IspGrid(starts.get(0), Resolution.DAY.next(starts.get(1), ZONE, ISP), ISP);
        double[] load = grid.empty();
        double[] zero = grid.empty();
        for (int t = 0; t < 96; t++) {
            load[t] = 2.0;
            zero[t] = 0.0;
        }
        Tariff tariff = Tariff.SPANISH_2_0TD;
        EnergyKpis.Input in = new EnergyKpis.Input("site", grid, load, zero, zero, zero, load, Map.of(),
                tariff.importPrices(grid.start(), ISP, grid.size(), ZONE), tariff.exportPrices(grid.size()),
                Double.MAX_VALUE, null);
        List<EnergyKpis.Period> p = new EnergyKpis().periods(in, starts, Resolution.DAY, ZONE);
        assertThat(p).extracting(EnergyKpis.Period::start).containsExactly(DAY);
        assertThat(p.get(0).selfConsumptionRatio()).isNull();
        assertThat(p.get(0).selfSufficiency()).isZero();
        assertThat(p.get(0).savingEur()).isCloseTo(0.0, offset(1e-9));
    }
}
