package io.flexhub.selfconsumption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.flexhub.support.H2HubTest;

/** The nightly run end to end on the embedded demo site, started by the admin trigger and by its Quartz job. */
class NightlyRunTest extends H2HubTest {

    private static final String SITE = "urn:ngsi-ld:Building:umu-pleiades";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Scheduler scheduler;
    @Autowired
    OptimizerWarmUp warmUp;

    private JsonNode postRun(String day) {
        HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url("/api/selfconsumption/runs"
                + (day == null ? "" : "?day=" + day)))).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return read(r.body());
    }

    @Test
    void should_plan_the_demo_site_publish_schedules_offer_the_surplus_and_mail_the_summary() throws Exception {
        // a Saturday: little load in the building, so the PV exceeds it at noon
        JsonNode run = postRun("2027-06-12");

        assertThat(run.get("status").asText()).isEqualTo("DONE");
        assertThat(run.get("trigger").asText()).isEqualTo("ADMIN");
        assertThat(run.get("day").asText()).isEqualTo("2027-06-12");
        JsonNode site = run.get("sites").get(0);
        assertThat(site.get("siteId").asText()).isEqualTo(SITE);
        assertThat(site.get("status").asText()).isEqualTo("optimal");
        // no broker, no service in the test hub: the hub's own forecast, and the report says why
        assertThat(site.at("/forecast/provenance").asText()).isEqualTo("HISTORY");
        assertThat(site.at("/forecast/detail").asText()).contains("device baselines")
                .contains("no context broker configured").contains("no forecasting service configured");

        JsonNode k = site.get("kpis");
        assertThat(k.get("pvKwh").asDouble()).isBetween(150.0, 400.0);
        assertThat(k.get("selfConsumptionRatio").asDouble()).isBetween(0.0, 1.0);
        assertThat(k.get("selfSufficiencyRatio").asDouble()).isBetween(0.0, 1.0);
        // the optimiser is never worse than the rule-based plan it reports the saving against
        assertThat(k.get("savingEur").asDouble()).isGreaterThanOrEqualTo(-1e-6);
        assertThat(k.get("netCostEur").asDouble()).isCloseTo(
                k.get("baselineNetCostEur").asDouble() - k.get("savingEur").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(k.get("evUnmetKwh").asDouble()).as(site.get("shortfalls").toString()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-6));
        // 4 cars: 42-18 + 48-33 + 64-20 + 30-24 kWh stored = 89 kWh, through 92 % chargers
        assertThat(k.get("evChargedKwh").asDouble()).isCloseTo(89.0 / 0.92, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(k.get("maxImportExportKw").asDouble()).isLessThanOrEqualTo(1e-6);
        assertThat(k.get("maxChargeDischargeKw").asDouble()).isLessThanOrEqualTo(1e-6);
        // other tests of this context send FlexRequests, so whether headroom was kept depends on them
        // (NightlyHeadroomTest has a context of its own); the report is there with the configured weight
        assertThat(site.at("/headroom/weightEurPerKwh").asDouble()).isEqualTo(0.05);
        assertThat(site.at("/headroom/status").asText()).isIn("NO_OUTLOOK", "NO_LIKELY_REQUEST", "KEPT");

        // schedules as entities, one per charger
        assertThat(site.get("publishedEntities").asInt()).isEqualTo(4);
        String entity = jdbc.sql("SELECT entity_json FROM ngsild_entity WHERE id = :id")
                .param("id", "urn:ngsi-ld:DeviceSchedule:pleiades-ev-03:2027-06-12").query(String.class).single();
        JsonNode e = read(entity);
        assertThat(e.at("/refDevice/object").asText()).isEqualTo("urn:ngsi-ld:Device:pleiades-ev-03");
        assertThat(e.at("/powerKw/value")).hasSize(96);
        assertThat(e.at("/startTime/value/@value").asText()).isEqualTo("2027-06-11T22:00:00.000Z");

        // setpoints at ISP boundaries, from midnight to the 08:00 departure, then the charger is handed back
        List<Map<String, Object>> commands = jdbc.sql("SELECT device_id, command, power_kw, effective_at FROM "
                + "schedule_command WHERE run_id = :run AND device_id = :d ORDER BY effective_at")
                .param("run", run.get("id").asLong()).param("d", "urn:ngsi-ld:Device:pleiades-ev-03").query().listOfRows();
        assertThat(commands).isNotEmpty();
        assertThat(commands.get(commands.size() - 1)).containsEntry("command", "RESTORE");
        double kwh = 0;
        for (int i = 0; i < commands.size() - 1; i++) {
            Instant from = ((java.time.OffsetDateTime) commands.get(i).get("effective_at")).toInstant();
            Instant to = ((java.time.OffsetDateTime) commands.get(i + 1).get("effective_at")).toInstant();
            kwh += ((Number) commands.get(i).get("power_kw")).doubleValue() * Duration.between(from, to).toMinutes() / 60.0;
        }
        assertThat(kwh * 0.92).isCloseTo(64.0 - 20.0, org.assertj.core.data.Offset.offset(0.01));

        // the PV surplus went to the flexibility engine as an INCREASE request: it shifted the hot-water heat pump
        // (shiftable 05:00-20:00) out of its morning slot into the sunny hours, as demand-response events
        assertThat(site.at("/surplus/status").asText()).as(site.get("surplus").toString()).isEqualTo("Accepted");
        java.util.regex.Matcher ids = java.util.regex.Pattern.compile("events \\[([0-9, ]+)\\]")
                .matcher(site.at("/surplus/detail").asText());
        assertThat(ids.find()).as(site.at("/surplus/detail").asText()).isTrue();
        List<JsonNode> events = Arrays.stream(ids.group(1).split(",\\s*")).map(id -> read(admin(HttpRequest
                .newBuilder(URI.create(url("/api/dr/events/" + id))).GET()).body())).toList();
        JsonNode heatPump = events.stream()
                .filter(ev -> ev.get("deviceId").asText().equals("urn:ngsi-ld:Device:pleiades-dhw-heatpump"))
                .findFirst().orElseThrow();
        assertThat(heatPump.get("state").asText()).isEqualTo("SCHEDULED");
        assertThat(heatPump.get("source").asText()).isEqualTo("LOCAL");
        double[] setpoints = new double[heatPump.get("setpointsKw").size()];
        for (int i = 0; i < setpoints.length; i++) {
            setpoints[i] = heatPump.get("setpointsKw").get(i).isNull() ? Double.NaN : heatPump.get("setpointsKw").get(i).asDouble();
        }
        // the event's setpoints start at its first ISP; the demand it answers covers the whole day
        Instant dayStart = LocalDate.parse("2027-06-12").atStartOfDay(ZoneId.of("Europe/Madrid")).toInstant();
        int offset = (int) Duration.between(dayStart, Instant.parse(heatPump.get("startAt").asText())).toMinutes() / 15;
        double inSurplus = 0;
        double outside = 0;
        for (int i = 0; i < setpoints.length; i++) {
            double v = Double.isNaN(setpoints[i]) ? 0 : setpoints[i];
            if (heatPump.get("demandKw").get(offset + i).asDouble() > 0) {
                inSurplus += v;
            } else {
                outside += v;
            }
        }
        // weekend profile: 1.8 kW from 07:00 to 09:00, before the PV surplus starts; the plan heats the tank in the
        // surplus instead (as early in it as possible: the LP keeps shifts near the original time)
        assertThat(inSurplus).as(heatPump.toString()).isGreaterThan(outside).isGreaterThan(0.0);
        assertThat(site.at("/surplus/kwh").asDouble()).isGreaterThan(0.0);

        // summary mail queued for the site's recipients and delivered
        long mailId = site.get("notificationId").asLong();
        Map<String, Object> mail = jdbc.sql("SELECT category, recipients, subject, body FROM notification_outbox WHERE id = :id")
                .param("id", mailId).query().singleRow();
        assertThat(mail.get("category")).isEqualTo("selfconsumption");
        assertThat((String) mail.get("recipients")).contains("building.manager@pleiades.example");
        assertThat((String) mail.get("subject")).contains("2027-06-12");
        assertThat((String) mail.get("body")).contains("Forecasts: HISTORY")
                .contains("hub's own forecast").contains("Self-consumption ratio").contains("Accepted");
        await().atMost(Duration.ofSeconds(20)).until(() -> Arrays.stream(SMTP.getReceivedMessages())
                .anyMatch(m -> subject(m).contains("Self-consumption plan") && subject(m).contains("2027-06-12")));

        // the run is listed and the forecast stored for later history
        HttpResponse<String> list = admin(HttpRequest.newBuilder(URI.create(url("/api/selfconsumption/runs"))).GET());
        assertThat(read(list.body()).get("runs").findValuesAsText("id")).contains(run.get("id").asText());
        assertThat(jdbc.sql("SELECT provenance FROM site_forecast WHERE site_id = :s AND forecast_day = :d")
                .param("s", SITE).param("d", LocalDate.parse("2027-06-12")).query(String.class).list()).contains("HISTORY");
    }

    /** A re-run of a day replaces its own plan: the earlier run's PV-surplus events and commands give way. */
    @Test
    void should_supersede_the_earlier_runs_surplus_events_and_commands_when_a_day_is_planned_again() {
        JsonNode first = postRun("2027-06-19");
        JsonNode firstSite = first.get("sites").get(0);
        assertThat(firstSite.at("/surplus/status").asText()).as(firstSite.get("surplus").toString()).isEqualTo("Accepted");
        List<Long> earlier = eventIds(firstSite);

        JsonNode second = postRun("2027-06-19");

        JsonNode site = second.get("sites").get(0);
        assertThat(site.at("/surplus/status").asText()).as(site.get("surplus").toString()).isEqualTo("Accepted");
        assertThat(eventIds(site)).doesNotContainAnyElementsOf(earlier).isNotEmpty();
        for (long id : earlier) {
            JsonNode event = read(admin(HttpRequest.newBuilder(URI.create(url("/api/dr/events/" + id))).GET()).body());
            assertThat(event.get("state").asText()).as(event.toString()).isEqualTo("CANCELLED");
        }
        assertThat(jdbc.sql("SELECT DISTINCT status FROM schedule_command WHERE run_id = :run")
                .param("run", first.get("id").asLong()).query(String.class).list()).containsExactly("SUPERSEDED");
    }

    private static List<Long> eventIds(JsonNode site) {
        java.util.regex.Matcher ids = java.util.regex.Pattern.compile("events \\[([0-9, ]+)\\]")
                .matcher(site.at("/surplus/detail").asText());
        assertThat(ids.find()).as(site.at("/surplus/detail").asText()).isTrue();
        return Arrays.stream(ids.group(1).split(",\\s*")).map(Long::valueOf).toList();
    }

    @Test
    void should_apply_due_setpoints_through_the_actuator() {
        // yesterday's plan is already due: the actuation route applies it
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Madrid")).minusDays(1);
        JsonNode run = postRun(day.toString());
        long id = run.get("id").asLong();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT COUNT(*) FROM schedule_command WHERE run_id = :run AND status <> 'APPLIED'").param("run", id)
                .query(Long.class).single()).isZero());
        List<Map<String, Object>> recorded = jdbc.sql("SELECT device_id, command FROM site_actuation WHERE reference = :ref")
                .param("ref", "selfconsumption-run-" + id).query().listOfRows();
        long planned = jdbc.sql("SELECT COUNT(*) FROM schedule_command WHERE run_id = :run").param("run", id)
                .query(Long.class).single();
        assertThat(recorded).hasSize((int) planned);
        assertThat(recorded).anySatisfy(r -> assertThat(r).containsEntry("device_id", "urn:ngsi-ld:Device:pleiades-ev-01")
                .containsEntry("command", "RESTORE"));
    }

    @Test
    void should_reject_a_malformed_day_and_answer_404_for_an_unknown_run() {
        HttpResponse<String> bad = admin(HttpRequest.newBuilder(URI.create(url("/api/selfconsumption/runs?day=13-06-2026")))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("day must be an ISO date");
        HttpResponse<String> missing = admin(HttpRequest.newBuilder(URI.create(url("/api/selfconsumption/runs/999999"))).GET());
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    void should_register_the_nightly_cron_in_the_clustered_jdbc_store_and_run_when_fired() throws Exception {
        assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();
        assertThat(scheduler.getMetaData().isJobStoreSupportsPersistence()).isTrue();
        Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey("nightly", "selfconsumption"));
        assertThat(trigger).isInstanceOf(CronTrigger.class);
        assertThat(((CronTrigger) trigger).getCronExpression()).isEqualTo("0 0 21 * * ?");
        assertThat(((CronTrigger) trigger).getTimeZone().getID()).isEqualTo("UTC");
        assertThat(jdbc.sql("SELECT cron_expression FROM qrtz_cron_triggers WHERE trigger_name = 'nightly' "
                + "AND trigger_group = 'selfconsumption'").query(String.class).list()).containsExactly("0 0 21 * * ?");

        long before = jdbc.sql("SELECT COUNT(*) FROM selfconsumption_run WHERE trigger_source = 'CRON'").query(Long.class).single();
        JobKey job = trigger.getJobKey();
        scheduler.triggerJob(job);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT COUNT(*) FROM selfconsumption_run WHERE trigger_source = 'CRON' AND status = 'DONE'")
                .query(Long.class).single()).isGreaterThan(before));
        LocalDate planned = jdbc.sql("SELECT run_day FROM selfconsumption_run WHERE trigger_source = 'CRON' ORDER BY id DESC LIMIT 1")
                .query(LocalDate.class).single();
        assertThat(planned).isEqualTo(LocalDate.now(ZoneId.of("UTC")).plusDays(1));
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void should_warm_the_optimizer_up_on_variants_of_the_demo_site() {
        warmUp.run();

        assertThat(warmUp.solved()).isEqualTo(12);
    }
}
