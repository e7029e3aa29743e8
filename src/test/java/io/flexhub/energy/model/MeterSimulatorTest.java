package io.flexhub.energy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.InputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flexhub.site.Device;
import io.flexhub.site.embedded.SiteFile;

/** The demo building's simulated meter: the same numbers for the same seed, and numbers a building could have. */
class MeterSimulatorTest {

    static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    static final Duration ISP = Duration.ofMinutes(15);
    static final LocalDate FIRST = LocalDate.of(2026, 10, 5);

    private static List<MeterSimulator.SimDevice> demo() throws Exception {
        try (InputStream in = MeterSimulatorTest.class.getResourceAsStream("/site/demo-site.json")) {
            SiteFile file = SiteFile.read(in, "demo-site.json");
            List<MeterSimulator.SimDevice> out = new ArrayList<>();
            for (Device d : file.devices()) {
                out.add(new MeterSimulator.SimDevice(d.id(), d.kind(), d.ratedPowerKw(), file.profiles().get(d.id())));
            }
            return out;
        }
    }

    @Test
    void should_write_the_same_history_for_the_same_seed_and_another_for_another() throws Exception {
        MeterSimulator a = new MeterSimulator(42, MADRID, ISP, demo());
        MeterSimulator b = new MeterSimulator(42, MADRID, ISP, demo());
        MeterSimulator c = new MeterSimulator(43, MADRID, ISP, demo());
        for (int d = 0; d < 14; d++) {
            LocalDate day = FIRST.plusDays(d);
            assertThat(b.simulate(day).site()).isEqualTo(a.simulate(day).site());
        }
        assertThat(c.simulate(FIRST).site()).isNotEqualTo(a.simulate(FIRST).site());
        // pinned values: a change to the simulator shows up here
        MeterSimulator.Day day = a.simulate(FIRST);
        assertThat(day.site()).hasSize(96);
        assertThat(day.site().get(48).loadKw()).isCloseTo(32.06763377101046, offset(1e-9));
        assertThat(day.site().get(52).pvKw()).isCloseTo(19.421338058873282, offset(1e-9));
        assertThat(day.site().get(84).evKw()).isCloseTo(25.8, offset(1e-9));
    }

    @Test
    void should_simulate_a_plausible_office_with_pv_runs_of_sunny_and_overcast_days() throws Exception {
        MeterSimulator s = new MeterSimulator(20261201, MADRID, ISP, demo());
        List<Double> pvDays = new ArrayList<>();
        int sunny = 0;
        int overcast = 0;
        for (int d = 0; d < 56; d++) {
            LocalDate day = FIRST.plusDays(d);
            MeterSimulator.Day sim = s.simulate(day);
            double pv = 0;
            double ev = 0;
            for (SiteIsp r : sim.site()) {
                int hour = r.start().atZone(MADRID).getHour();
                assertThat(r.pvKw()).isBetween(0.0, 60.0);
                if (hour < 7 || hour >= 19) {
                    assertThat(r.pvKw()).as("no PV at night, " + r.start()).isZero();
                }
                assertThat(r.loadKw()).isBetween(1.0, 120.0);
                assertThat(r.evKw()).isBetween(0.0, 36.8);
                assertThat(r.batteryKw()).as("the demo building has no battery").isZero();
                assertThat(r.gridKw()).isCloseTo(r.loadKw() + r.evKw() + r.batteryKw() - r.pvKw(), offset(1e-9));
                pv += r.pvKw() * 0.25;
                ev += r.evKw() * 0.25;
            }
            // the meter device reads the building's balance
            String meter = "urn:ngsi-ld:Device:pleiades-meter-main";
            assertThat(sim.deviceKw().get(meter)[40]).isEqualTo(sim.site().get(40).gridKw());
            assertThat(sim.deviceKw()).containsKey("urn:ngsi-ld:Device:pleiades-ev-01");
            assertThat(ev).as("EV energy " + day).isBetween(0.0, 140.0);
            pvDays.add(pv);
            double cloud = s.cloudiness(day);
            sunny += cloud < 0.25 ? 1 : 0;
            overcast += cloud > 0.5 ? 1 : 0;
        }
        assertThat(sunny).as("sunny days in 8 weeks").isGreaterThan(5);
        assertThat(overcast).as("overcast days in 8 weeks").isGreaterThan(3);
        // weather comes in runs: neighbouring days are more alike than days chosen at random
        double neighbour = 0;
        double apart = 0;
        for (int d = 0; d + 1 < 56; d++) {
            neighbour += Math.abs(s.cloudiness(FIRST.plusDays(d)) - s.cloudiness(FIRST.plusDays(d + 1)));
            apart += Math.abs(s.cloudiness(FIRST.plusDays(d)) - s.cloudiness(FIRST.plusDays((d * 17 + 23) % 56)));
        }
        assertThat(neighbour).isLessThan(apart * 0.8);
        double max = pvDays.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double min = pvDays.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertThat(max).as("a sunny day's PV, kWh").isBetween(150.0, 400.0);
        assertThat(min).as("an overcast day").isLessThan(max * 0.5);
    }

    @Test
    void should_cover_dst_days_with_92_and_100_isps() throws Exception {
        MeterSimulator s = new MeterSimulator(1, MADRID, ISP, demo());
        assertThat(s.simulate(LocalDate.of(2026, 3, 29)).site()).hasSize(92);
        assertThat(s.simulate(LocalDate.of(2026, 10, 25)).site()).hasSize(100);
        Map<String, double[]> kw = s.simulate(LocalDate.of(2026, 10, 25)).deviceKw();
        assertThat(kw.values()).allSatisfy(v -> assertThat(v).hasSize(100));
        assertThat(kw.keySet()).noneMatch(id -> id == null).hasSizeGreaterThan(10);
        for (double v : kw.get("urn:ngsi-ld:Device:pleiades-pv-roof")) {
            assertThat(v).as("PV generates: negative kW").isLessThanOrEqualTo(0.0);
        }
    }
}
