package io.flexhub.selfconsumption.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.flexhub.selfconsumption.optimizer.Building;
import io.flexhub.selfconsumption.optimizer.BuildingResult;
import io.flexhub.selfconsumption.optimizer.SelfConsumptionOptimizer;
import io.flexhub.selfconsumption.optimizer.SelfConsumptionOptions;
import io.flexhub.site.Actuation;
import io.flexhub.site.Site;

/** From a site's forecasts and assets to the optimiser's building, and from its schedule to device setpoints. */
class SitePlanTest {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    private static final Duration ISP = Duration.ofMinutes(15);
    private static final Site SITE = new Site("urn:ngsi-ld:Building:test", "Test", "ean.1", MADRID, 80, 30, List.of());

    private static SiteAssets.EvAsset ev(String id, String charger, String from, String to, double soc, double required) {
        return new SiteAssets.EvAsset(id, "urn:ngsi-ld:Device:" + charger, "car", LocalTime.parse(from),
                LocalTime.parse(to), 60, soc, 0.1, 0.9, 1.4, 7.4, 0.92, required);
    }

    private static double[] pv(int n, double peak) {
        double[] out = new double[n];
        for (int t = 0; t < n; t++) {
            double h = t / 4.0;
            out[t] = h > 7 && h < 19 ? peak * Math.sin(Math.PI * (h - 7) / 12) : 0.0;
        }
        return out;
    }

    private static double[] flat(int n, double kw) {
        double[] out = new double[n];
        Arrays.fill(out, kw);
        return out;
    }

    private static SitePlan plan(LocalDate day, SiteAssets assets, double pvPeak) {
        Instant start = day.atStartOfDay(MADRID).toInstant();
        int n = (int) (Duration.between(start, day.plusDays(1).atStartOfDay(MADRID).toInstant()).toMinutes() / 15);
        return SitePlan.of(SITE, day, start, ISP, pv(n, pvPeak), flat(n, 10), assets, Tariff.SPANISH_2_0TD);
    }

    @Test
    void should_price_working_days_by_2_0td_periods_and_weekends_as_valle() {
        Building weekday = plan(LocalDate.parse("2026-03-03"), SiteAssets.none(SITE.id()), 20).building();
        double[] p = weekday.importPrice();
        assertThat(p[0]).isEqualTo(0.119);       // 00:00 valle
        assertThat(p[8 * 4]).isEqualTo(0.157);   // 08:00 llano
        assertThat(p[10 * 4]).isEqualTo(0.226);  // 10:00 punta
        assertThat(p[14 * 4]).isEqualTo(0.157);  // 14:00 llano
        assertThat(p[18 * 4 + 3]).isEqualTo(0.226);
        assertThat(p[22 * 4]).isEqualTo(0.157);
        assertThat(weekday.exportPrice()).containsOnly(0.05);
        assertThat(weekday.grid().importMax(5)).isEqualTo(80);
        assertThat(weekday.grid().exportMax(50)).isEqualTo(30);

        Building saturday = plan(LocalDate.parse("2026-03-07"), SiteAssets.none(SITE.id()), 20).building();
        assertThat(saturday.importPrice()).containsOnly(0.119);
    }

    @Test
    void should_follow_the_local_clock_on_daylight_saving_days() {
        // 29 March 2026: 02:00 -> 03:00 in Madrid, 23 hours
        SitePlan spring = plan(LocalDate.parse("2026-03-29"), new SiteAssets(SITE.id(), null,
                List.of(ev("e1", "ev-1", "09:00", "17:00", 0.3, 40)), null), 20);
        assertThat(spring.building().isps()).isEqualTo(92);
        // 09:00 local is 9 clock hours after midnight but only 8 elapsed hours: ISP 32, not 36
        assertThat(spring.building().evs().get(0).arrivalIsp()).isEqualTo(32);
        assertThat(spring.building().evs().get(0).departureIsp()).isEqualTo(64);
        assertThat(spring.building().importPrice()[35]).isEqualTo(0.119); // a Sunday: valle all day

    }

    @Test
    void should_keep_a_window_crossing_midnight_for_the_optimiser_and_command_only_its_morning_part() {
        SiteAssets assets = new SiteAssets(SITE.id(), null, List.of(ev("night", "ev-1", "20:00", "08:00", 0.3, 40),
                ev("day", "ev-2", "09:00", "17:00", 0.5, 45)), new SiteAssets.BatteryAsset("urn:ngsi-ld:Device:batt",
                50, 0.5, 0.1, 0.95, 20, 20, 0.9));
        SitePlan plan = plan(LocalDate.parse("2026-03-03"), assets, 60);
        assertThat(plan.building().evs().get(0).arrivalIsp()).isEqualTo(80);
        assertThat(plan.building().evs().get(0).departureIsp()).isEqualTo(32);
        assertThat(plan.sessions()).containsExactly(
                new SitePlan.PlannedSession("night", "urn:ngsi-ld:Device:ev-1", 0, 32),
                new SitePlan.PlannedSession("day", "urn:ngsi-ld:Device:ev-2", 36, 68));
        assertThat(plan.building().battery().chargeEff()).isEqualTo(Math.sqrt(0.9));

        BuildingResult r = new SelfConsumptionOptimizer().optimize(plan.building(), 0.25, SelfConsumptionOptions.cost());
        List<DeviceSchedules.DeviceSchedule> schedules = DeviceSchedules.of(plan, r);
        assertThat(schedules).extracting(DeviceSchedules.DeviceSchedule::deviceId).containsExactly(
                "urn:ngsi-ld:Device:ev-1", "urn:ngsi-ld:Device:ev-2", "urn:ngsi-ld:Device:batt");
        double[] night = schedules.get(0).powerKw();
        assertThat(Arrays.stream(night, 32, 96).sum()).isZero();
        // the night car gets its 40 kWh minus the 18 it arrived with, through a 92 % efficient charger
        assertThat(Arrays.stream(night).sum() * 0.25 * 0.92).isCloseTo(22.0, org.assertj.core.data.Offset.offset(1e-6));

        List<Actuation> commands = DeviceSchedules.commands(plan, schedules, 7);
        Instant start = plan.start();
        List<Actuation> ev1 = commands.stream().filter(c -> c.deviceId().endsWith("ev-1")).toList();
        assertThat(ev1.get(0).effectiveAt()).isEqualTo(start);
        assertThat(ev1.get(ev1.size() - 1).command()).isEqualTo(Actuation.Command.RESTORE);
        assertThat(ev1.get(ev1.size() - 1).effectiveAt()).isEqualTo(start.plus(Duration.ofHours(8)));
        for (int i = 1; i < ev1.size() - 1; i++) {
            // one setpoint per change, at ISP boundaries
            assertThat(ev1.get(i).powerKw()).isNotEqualTo(ev1.get(i - 1).powerKw());
            assertThat(Duration.between(start, ev1.get(i).effectiveAt()).toMinutes() % 15).isZero();
        }
        for (Actuation c : ev1.subList(0, ev1.size() - 1)) {
            int t = (int) (Duration.between(start, c.effectiveAt()).toMinutes() / 15);
            assertThat(c.powerKw()).isCloseTo(night[t], org.assertj.core.data.Offset.offset(1e-3));
        }
        List<Actuation> battery = commands.stream().filter(c -> c.deviceId().endsWith("batt")).toList();
        assertThat(battery.get(battery.size() - 1).effectiveAt()).isEqualTo(start.plus(Duration.ofHours(24)));
        assertThat(commands).allSatisfy(c -> assertThat(c.reference()).isEqualTo("selfconsumption-run-7"));

        var entities = DeviceSchedules.entities(plan, schedules, 7, start);
        assertThat(entities).hasSize(3);
        assertThat(entities.get(0)).containsEntry("id", "urn:ngsi-ld:DeviceSchedule:ev-1:2026-03-03")
                .containsEntry("type", "DeviceSchedule");
        assertThat(entities.get(0).get("refDevice")).isEqualTo(java.util.Map.of("type", "Relationship",
                "object", "urn:ngsi-ld:Device:ev-1"));
        // issued at a nanosecond clock reading: written as brokers take it (UTC, milliseconds)
        var issued = DeviceSchedules.entities(plan, schedules, 7, start.plusNanos(123_456_789)).get(0);
        assertThat(typedValue(issued, "dateIssued")).isEqualTo(start.toString().replace("Z", ".123Z"));
        assertThat(typedValue(issued, "startTime")).isEqualTo(start.toString().replace("Z", ".000Z"));
    }

    private static Object typedValue(java.util.Map<String, Object> entity, String attribute) {
        return ((java.util.Map<?, ?>) ((java.util.Map<?, ?>) entity.get(attribute)).get("value")).get("@value");
    }

    @Test
    void should_reject_negative_prices_in_a_tariff() {
        assertThatThrownBy(() -> new Tariff(0.2, 0.1, -0.1, 0.05)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-0.1");
    }
}
