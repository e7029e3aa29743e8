package io.flexhub.flex.dr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.AcceptedRejectedType;
import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexOfferOptionISPType;
import org.lfenergy.shapeshifter.api.FlexOfferOptionType;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderISPType;
import org.lfenergy.shapeshifter.api.FlexOrderResponse;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestResponse;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.flexhub.flex.FlexOfferStore;
import io.flexhub.flex.FlexOfferStore.DevicePlanRow;
import io.flexhub.flex.FlexOfferStore.PlanKind;
import io.flexhub.flex.LocalFlexRequest;
import io.flexhub.flex.LocalFlexResult;
import io.flexhub.flex.LocalFlexibility;
import io.flexhub.flex.optimizer.Direction;
import io.flexhub.notify.Notification;
import io.flexhub.site.Actuation;
import io.flexhub.site.ContextStore;
import io.flexhub.support.H2HubTest;
import io.flexhub.support.MovableClock;
import io.flexhub.support.RecordingActuator;
import io.flexhub.support.RecordingNotifications;
import io.flexhub.support.UftpTestPeer;
import io.flexhub.usef.OutgoingMessages;
import io.flexhub.usef.store.UftpMessageRecord;
import io.flexhub.usef.store.UftpMessageStore;
import io.flexhub.usef.validation.ContentDigest;

/**
 * Demand response end to end: a DSO's FlexOrder on a stored offer plan, and the seed's DR interface, down to the
 * commands the devices receive at ISP boundaries (time moved with the hub's clock), with mails and log lines.
 */
class DemandResponseEndToEndTest extends H2HubTest {

    private static final String CP = "ean.871685900012636543";
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    /** The demo site's time zone (the seed's UMU Pleiades building). */
    private static final ZoneId SITE_ZONE = ZoneId.of("Europe/Madrid");
    private static final String THERMOSTAT = "urn:ngsi-ld:Device:pleiades-hvac-c1-hall";

    @Autowired
    MovableClock clock;
    @Autowired
    RecordingActuator devices;
    @Autowired
    RecordingNotifications mails;
    @Autowired
    ContextStore context;
    @Autowired
    FlexOfferStore offers;
    @Autowired
    OutgoingMessages outgoing;
    @Autowired
    LocalFlexibility localFlexibility;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UftpMessageStore messages;

    @BeforeEach
    void noEventsRunning() {
        dsoAccepts();
        // earlier tests' events must not make this one's requests busy
        jdbc.sql("UPDATE dr_event SET state = 'CANCELLED', restore_pending = FALSE WHERE state IN ('SCHEDULED', 'ACTIVE')")
                .update();
        devices.clear();
    }

    /** Moves the hub to 30 s before 11:00 on a coming Wednesday at the site: office hours, thermostats running. */
    private Instant officeHours() {
        LocalDate wednesday = LocalDate.now(SITE_ZONE).plusDays(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.WEDNESDAY));
        Instant eleven = wednesday.atTime(11, 0).atZone(SITE_ZONE).toInstant();
        clock.setTo(eleven.minusSeconds(30));
        return eleven;
    }

    /** Per ISP, how much the events deliver against the devices' baselines. */
    private double[] delivered(List<JsonNode> events, int isps) {
        double[] sum = new double[isps];
        for (JsonNode e : events) {
            Instant start = Instant.parse(e.get("startAt").asText());
            List<Double> setpoints = doubles(e.get("setpointsKw"));
            double[] baseline = context.baselineKw(e.get("deviceId").asText(), start, Duration.ofMinutes(15),
                    setpoints.size());
            for (int t = 0; t < setpoints.size(); t++) {
                if (setpoints.get(t) != null) {
                    sum[t] += baseline[t] - setpoints.get(t);
                }
            }
        }
        return sum;
    }

    private List<JsonNode> eventsOf(JsonNode answer) {
        List<JsonNode> list = new java.util.ArrayList<>();
        answer.get("eventIds").forEach(id -> list.add(event(id.asLong())));
        return list;
    }

    @AfterEach
    void realTime() {
        clock.reset();
        devices.clear();
    }

    @Test
    void flex_order_runs_the_offer_plan_scaled_by_the_activation_factor_at_isp_boundaries() {
        LocalDate tomorrow = LocalDate.now(ZONE).plusDays(1);
        FlexRequest request = DSO.flexRequest();
        request.setCongestionPoint(CP);
        assertThat(postUftp(DSO.signed(request)).statusCode()).isEqualTo(200);
        assertThat(awaitResponse(FlexRequestResponse.class, request.getMessageID(), null).getResult())
                .isEqualTo(AcceptedRejectedType.ACCEPTED);

        FlexOffer offer = offer(request);
        outgoing.queue(offer, "DSO", request.getMessageID());
        double[] baseline = new double[96];
        Arrays.fill(baseline, 4.0);
        double[] reduction = new double[96];
        Arrays.fill(reduction, 68, 72, 2.0);
        double[] offered = new double[96];
        Arrays.fill(offered, 68, 72, -2.0);
        offers.insert(new FlexOfferStore.StoredOffer(0, offer.getMessageID(), request.getMessageID(),
                request.getConversationID(), UftpTestPeer.DSO_DOMAIN, CP, tomorrow, ZONE, Duration.ofMinutes(15),
                "REDUCE", new BigDecimal("10.0000"), "EUR", offered, "{}", Instant.now()),
                List.of(new DevicePlanRow(THERMOSTAT, PlanKind.CURTAILMENT, baseline, reduction)));

        FlexOrder order = order(offer, "0.50", -1000);
        assertThat(postUftp(DSO.signed(order)).statusCode()).isEqualTo(200);
        FlexOrderResponse response = awaitResponse(FlexOrderResponse.class, order.getMessageID(), null);
        assertThat(response.getRejectionReason()).isNull();
        assertThat(response.getResult()).isEqualTo(AcceptedRejectedType.ACCEPTED);

        JsonNode event = await().atMost(Duration.ofSeconds(20)).until(() -> events("sourceRef=" + order.getMessageID()),
                list -> list.size() == 1).get(0);
        Instant start = tomorrow.atTime(17, 0).atZone(ZONE).toInstant();
        assertThat(event.get("deviceId").asText()).isEqualTo(THERMOSTAT);
        assertThat(event.get("source").asText()).isEqualTo("FLEX_ORDER");
        assertThat(event.get("state").asText()).isEqualTo("SCHEDULED");
        assertThat(event.get("startAt").asText()).isEqualTo(start.toString());
        assertThat(event.get("endAt").asText()).isEqualTo(start.plus(Duration.ofHours(1)).toString());
        assertThat(doubles(event.get("setpointsKw"))).containsExactly(3.0, 3.0, 3.0, 3.0);
        assertThat(event.get("activationFactor").decimalValue()).isEqualByComparingTo("0.5");
        awaitMessage(order.getMessageID(), "handoff", DrOrders.PLANNED);
        long id = event.get("id").asLong();

        clock.setTo(start.plusSeconds(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> devices.applied(THERMOSTAT).size() == 1);
        Actuation first = devices.applied(THERMOSTAT).get(0);
        assertThat(first.command()).isEqualTo(Actuation.Command.SETPOINT);
        assertThat(first.powerKw()).isEqualTo(3.0);
        assertThat(first.reference()).isEqualTo("dr-event-" + id + "/0");
        await().atMost(Duration.ofSeconds(10)).until(() -> event(id).get("state").asText().equals("ACTIVE"));

        clock.setTo(start.plus(Duration.ofMinutes(31)));
        clock.setTo(start.plus(Duration.ofMinutes(60)).plusSeconds(1));
        JsonNode done = await().atMost(Duration.ofSeconds(10)).until(() -> event(id),
                e -> e.get("state").asText().equals("COMPLETED"));
        // the three later ISPs hold the same setpoint: nothing is sent for them
        assertThat(devices.applied(THERMOSTAT)).extracting(Actuation::command)
                .containsExactly(Actuation.Command.SETPOINT, Actuation.Command.RESTORE);
        assertThat(done.get("transitions")).extracting(t -> t.get("to").asText())
                .containsExactly("SCHEDULED", "ACTIVE", "COMPLETED");
        assertThat(done.get("missedIsps")).isEmpty();
        Notification completed = mail("FlexOrder " + order.getMessageID() + " / event status COMPLETED - ");
        assertThat(completed.body()).contains("Demand: [-1, -1, -1, -1]").contains("Device: " + THERMOSTAT);
        assertThat(completed.to()).containsExactly("building.manager@pleiades.example", "energy@umu.example");
        assertThat(completed.category()).isEqualTo("dr-status");
    }

    @Test
    void flex_order_deviating_in_isps_that_begin_within_the_lead_time_is_rejected_and_plans_nothing() {
        LocalDate tomorrow = LocalDate.now(ZONE).plusDays(1);
        FlexRequest request = DSO.flexRequest();
        request.setCongestionPoint(CP);
        assertThat(postUftp(DSO.signed(request)).statusCode()).isEqualTo(200);
        awaitResponse(FlexRequestResponse.class, request.getMessageID(), null);
        FlexOffer offer = offer(request);
        offer.setExpirationDateTime(tomorrow.atTime(20, 0).atZone(ZONE).toOffsetDateTime());
        outgoing.queue(offer, "DSO", request.getMessageID());
        double[] baseline = new double[96];
        Arrays.fill(baseline, 4.0);
        double[] reduction = new double[96];
        Arrays.fill(reduction, 68, 72, 2.0);
        offers.insert(new FlexOfferStore.StoredOffer(0, offer.getMessageID(), request.getMessageID(),
                request.getConversationID(), UftpTestPeer.DSO_DOMAIN, CP, tomorrow, ZONE, Duration.ofMinutes(15),
                "REDUCE", new BigDecimal("10.0000"), "EUR", reduction, "{}", Instant.now()),
                List.of(new DevicePlanRow(THERMOSTAT, PlanKind.CURTAILMENT, baseline, reduction)));
        // ISP 69 starts at 17:00: three minutes ahead, inside the 5-minute lead time
        clock.setTo(tomorrow.atTime(16, 57).atZone(ZONE).toInstant());

        FlexOrder order = order(offer, "1.00", -2000);
        assertThat(postUftp(DSO.signed(order)).statusCode()).isEqualTo(200);
        FlexOrderResponse response = awaitResponse(FlexOrderResponse.class, order.getMessageID(), null);

        assertThat(response.getResult()).isEqualTo(AcceptedRejectedType.REJECTED);
        assertThat(response.getRejectionReason()).isEqualTo("Period out of bounds (ISP 69 of " + tomorrow
                + ": begun, or beginning within the 5 min lead time)");
        assertThat(events("sourceRef=" + order.getMessageID())).isEmpty();
    }

    @Test
    void flex_order_on_an_offer_without_a_stored_plan_is_recorded_and_plans_nothing() {
        FlexRequest request = DSO.flexRequest();
        request.setCongestionPoint(CP);
        assertThat(postUftp(DSO.signed(request)).statusCode()).isEqualTo(200);
        awaitResponse(FlexRequestResponse.class, request.getMessageID(), null);
        FlexOffer offer = offer(request);
        outgoing.queue(offer, "DSO", request.getMessageID());

        FlexOrder order = order(offer, "1.00", -2000);
        assertThat(postUftp(DSO.signed(order)).statusCode()).isEqualTo(200);

        assertThat(awaitResponse(FlexOrderResponse.class, order.getMessageID(), null).getResult())
                .isEqualTo(AcceptedRejectedType.ACCEPTED);
        awaitMessage(order.getMessageID(), "handoff", DrOrders.NO_PLAN);
        assertThat(events("sourceRef=" + order.getMessageID())).isEmpty();
    }

    @Test
    void should_plan_an_order_an_earlier_version_answered_and_left_awaiting_the_engine() {
        LocalDate tomorrow = LocalDate.now(ZONE).plusDays(1);
        FlexRequest request = DSO.flexRequest();
        request.setCongestionPoint(CP);
        assertThat(postUftp(DSO.signed(request)).statusCode()).isEqualTo(200);
        awaitResponse(FlexRequestResponse.class, request.getMessageID(), null);
        FlexOffer offer = offer(request);
        outgoing.queue(offer, "DSO", request.getMessageID());
        double[] baseline = new double[96];
        Arrays.fill(baseline, 4.0);
        double[] reduction = new double[96];
        Arrays.fill(reduction, 68, 72, 2.0);
        offers.insert(new FlexOfferStore.StoredOffer(0, offer.getMessageID(), request.getMessageID(),
                request.getConversationID(), UftpTestPeer.DSO_DOMAIN, CP, tomorrow, ZONE, Duration.ofMinutes(15),
                "REDUCE", new BigDecimal("10.0000"), "EUR", reduction, "{}", Instant.now()),
                List.of(new DevicePlanRow(THERMOSTAT, PlanKind.CURTAILMENT, baseline, reduction)));
        FlexOrder order = order(offer, "1.00", -2000);
        // as the previous version left it: answered Accepted, the offer ORDERED, the events still to be planned
        String xml = UftpTestPeer.text(UftpTestPeer.xml(order));
        long pk = messages.insert(new UftpMessageStore.NewMessage(UftpMessageRecord.Direction.IN, "FlexOrder",
                order.getMessageID(), order.getConversationID(), UftpTestPeer.DSO_DOMAIN, "DSO",
                UftpTestPeer.HUB_DOMAIN, offer.getMessageID(), 0, xml, ContentDigest.of(xml), null,
                UftpMessageRecord.InStatus.RECEIVED, null, Instant.now()));
        messages.markProcessed(pk, UftpMessageRecord.InStatus.ACCEPTED, null, null,
                UftpMessageRecord.AWAITING_ENGINE, Instant.now().minusSeconds(10));
        messages.closeOffer(messages.findByMessageId(offer.getMessageID()).orElseThrow().id(), "ORDERED");

        awaitMessage(order.getMessageID(), "handoff", DrOrders.PLANNED);
        List<JsonNode> planned = events("sourceRef=" + order.getMessageID());
        assertThat(planned).hasSize(1);
        assertThat(planned.get(0).get("deviceId").asText()).isEqualTo(THERMOSTAT);
        assertThat(doubles(planned.get(0).get("setpointsKw"))).containsExactly(2.0, 2.0, 2.0, 2.0);
    }

    @Test
    void dr_interface_accepts_retries_a_failing_device_and_completes_with_mail_and_log_line() {
        Instant start = officeHours();

        HttpResponse<String> r = drRequest("[0.5, 0.5, 0, 0, 0, 0, 0, 0]");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode answer = read(r.body());
        assertThat(answer.get("status").asText()).as(answer.toString()).isEqualTo("Accepted");
        assertThat(answer.get("start").asText()).isEqualTo(DrNotifier.time(start, SITE_ZONE));
        List<JsonNode> events = eventsOf(answer);
        assertThat(events).isNotEmpty().allSatisfy(e -> {
            assertThat(e.get("source").asText()).isEqualTo("LOCAL");
            assertThat(e.get("deviceId").asText()).startsWith("urn:ngsi-ld:Device:pleiades-hvac-");
            assertThat(e.get("startAt").asText()).isEqualTo(start.toString());
            assertThat(e.get("state").asText()).isEqualTo("SCHEDULED");
        });
        // the thermostats together curtail what was asked in both ISPs, whole watts per device
        double[] delivered = delivered(events, 2);
        assertThat(delivered[0]).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.001 * events.size()));
        assertThat(delivered[1]).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.001 * events.size()));

        Notification mail = mail("Demand/Request / request status Accepted - ");
        assertThat(mail.body()).startsWith("Demand: [0.5, 0.5, 0, 0, 0, 0, 0, 0]");
        assertThat(logLines()).anySatisfy(line -> assertThat(line)
                .startsWith("Demand/Request: status Accepted - ").endsWith(" - [0.5, 0.5, 0, 0, 0, 0, 0, 0]"));

        JsonNode event = events.get(0);
        long id = event.get("id").asLong();
        String device = event.get("deviceId").asText();
        double setpoint = event.get("setpointsKw").get(0).asDouble();
        devices.fail(device, 3, true);
        clock.setTo(start.plusSeconds(1));
        await().atMost(Duration.ofSeconds(15)).until(() -> devices.applied(device).size() == 1);
        assertThat(devices.refused(device)).hasSize(3);
        assertThat(devices.applied(device).get(0).powerKw()).isEqualTo(setpoint);
        JsonNode active = await().atMost(Duration.ofSeconds(10)).until(() -> event(id),
                e -> e.get("state").asText().equals("ACTIVE"));
        assertThat(active.get("lastError").asText()).contains("unreachable (test)");
        assertThat(active.get("missedIsps")).isEmpty();
        Notification problem = mail("Demand/Request / event " + id + " problem - ");
        assertThat(problem.category()).isEqualTo("dr-failure");
        assertThat(problem.body()).contains("failed: device " + device + " unreachable (test)");

        clock.setTo(start.plus(Duration.ofMinutes(30)).plusSeconds(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> event(id).get("state").asText().equals("COMPLETED"));
        assertThat(devices.applied(device)).extracting(Actuation::command)
                .containsExactly(Actuation.Command.SETPOINT, Actuation.Command.RESTORE);
        assertThat(mail("Demand/Request / request status COMPLETED - ").body())
                .contains("Demand: [0.5, 0.5, 0, 0, 0, 0, 0, 0]");
    }

    @Test
    void overlapping_request_gets_engine_busy_and_cancel_gives_the_device_back() {
        Instant start = officeHours();
        JsonNode accepted = read(drRequest("[0, 0.3, 0.3, 0, 0, 0, 0, 0]").body());
        assertThat(accepted.get("status").asText()).isEqualTo("Accepted");
        List<JsonNode> events = eventsOf(accepted);
        long id = events.get(0).get("id").asLong();
        String device = events.get(0).get("deviceId").asText();
        Instant eventStart = start.plus(Duration.ofMinutes(15));
        assertThat(events.get(0).get("startAt").asText()).isEqualTo(eventStart.toString());

        HttpResponse<String> busy = drRequest("[1, 0, 0, 0, 0, 0, 0, 0.5]");

        assertThat(busy.statusCode()).isEqualTo(200);
        assertThat(read(busy.body()).get("status").asText()).isEqualTo("Engine Busy");
        assertThat(read(busy.body()).get("detail").asText()).contains(id + " (" + device + ", SCHEDULED");
        assertThat(logLines()).anySatisfy(line -> assertThat(line)
                .startsWith("Demand/Request: status Engine Busy - ").endsWith(" - [1, 0, 0, 0, 0, 0, 0, 0.5]"));

        clock.setTo(eventStart.plusSeconds(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> devices.applied(device).size() == 1);
        assertThat(devices.applied(device).get(0).powerKw())
                .isEqualTo(events.get(0).get("setpointsKw").get(0).asDouble());

        HttpResponse<String> cancelled = cancel(id);
        assertThat(cancelled.statusCode()).isEqualTo(200);
        JsonNode body = read(cancelled.body());
        assertThat(body.get("state").asText()).isEqualTo("CANCELLED");
        assertThat(body.get("restorePending").asBoolean()).isFalse();
        assertThat(body.get("transitions")).extracting(t -> t.get("to").asText())
                .containsExactly("SCHEDULED", "ACTIVE", "CANCELLED");
        assertThat(devices.applied(device)).extracting(Actuation::command)
                .containsExactly(Actuation.Command.SETPOINT, Actuation.Command.RESTORE);
        HttpResponse<String> again = cancel(id);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(read(again.body()).get("detail").asText()).isEqualTo("Event " + id + " is already CANCELLED");

        for (JsonNode other : events.subList(1, events.size())) {
            assertThat(cancel(other.get("id").asLong()).statusCode()).isEqualTo(200);
        }
        assertThat(read(drRequest("[0, 0, 0.2, 0, 0, 0, 0, 0]").body()).get("status").asText()).isEqualTo("Accepted");
    }

    private HttpResponse<String> cancel(long id) {
        return admin(HttpRequest.newBuilder(URI.create(url("/api/dr/events/" + id + "/cancel")))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    @Test
    void denies_what_cannot_be_delivered_and_says_why() {
        JsonNode roomOnly = read(drRequest("[-1, -1, 0, 0, 0, 0, 0, 0]").body());
        assertThat(roomOnly.get("status").asText()).isEqualTo("Denied");
        assertThat(roomOnly.get("detail").asText()).startsWith("no ISP asks for flexibility");
        assertThat(read(drRequest("[0, 0, 0, 0, 0, 0, 0, 0]").body()).get("detail").asText())
                .isEqualTo("nothing requested: every value is 0");

        LocalFlexResult nowhere = localFlexibility.request(new LocalFlexRequest("ean.nowhere", Direction.REDUCE,
                clock.instant().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.HOURS),
                Duration.ofMinutes(15), new double[] {1, 0, 0, 0, 0, 0, 0, 0},
                "test"));
        assertThat(nowhere.status()).isEqualTo(LocalFlexResult.Status.DENIED);
        assertThat(nowhere.detail()).isEqualTo("no site behind congestion point ean.nowhere");
        assertThat(nowhere.eventIds()).isEmpty();
    }

    @Test
    void rejects_malformed_requests_with_a_specific_400_and_requires_the_admin_login() {
        assertBad("[1, 2, 3, 4, 5, 6, 7]", "application/json", "Expected exactly 8 values (one per 15-minute ISP from the "
                + "next ISP), got 7");
        assertBad("[1, 2, 3, 4, 5, 6, 7, 8, 9]", "application/json", "Expected exactly 8 values");
        assertBad("[1, 2, \"3\", 4, 5, 6, 7, 8]", "application/json", "Value 3 is not a number: \"3\"");
        assertBad("[1, 2, 3, null, 5, 6, 7, 8]", "application/json", "Value 4 is not a number: null");
        assertBad("[1, 2, 3, 4, 5, 6, 7, 1e999]", "application/json", "Value 8 is not a finite number");
        assertBad("{\"values\": [1]}", "application/json", "Body must be a JSON array of 8 numbers, got object");
        assertBad("[1, 2, 3, 4, 5, 6, 7, 8] x", "application/json", "Body is not valid JSON");
        assertBad("[1, 2", "application/json", "Body is not valid JSON");
        assertBad("", "application/json", "Empty body");
        assertBad("[1, 2, 3, 4, 5, 6, 7, 8]", "text/plain", "Content-Type must be application/json, got text/plain");
        assertThat(mail("Demand/Request / error - ").body()).startsWith("Error: 400");

        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(url("/services/demand-response/request")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[0, 0, 0, 0, 0, 0, 0, 0]")).build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> anonymousLog = send(HttpRequest.newBuilder(URI.create(url("/services/demand-response/log")))
                .GET().build());
        assertThat(anonymousLog.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void stores_posted_log_lines_as_text_or_json() {
        String text = "Demand/Request: status Accepted - 2026-11-26T10:00:00+01:00 - [0, 0, 0.5, -1.3, 0, 0, 0, 0] "
                + UUID.randomUUID();
        String viaJson = "json line " + UUID.randomUUID();

        HttpResponse<String> plain = admin(HttpRequest.newBuilder(URI.create(url("/services/demand-response/log")))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(text + "\n")));
        HttpResponse<String> json = admin(HttpRequest.newBuilder(URI.create(url("/services/demand-response/log")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"line\": \"" + viaJson + "\"}")));
        HttpResponse<String> empty = admin(HttpRequest.newBuilder(URI.create(url("/services/demand-response/log")))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("  ")));

        assertThat(plain.statusCode()).isEqualTo(201);
        assertThat(read(plain.body()).get("line").asText()).isEqualTo(text);
        assertThat(json.statusCode()).isEqualTo(201);
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(read(empty.body()).get("detail").asText()).isEqualTo("line is empty");
        assertThat(logLines()).contains(text, viaJson);
        assertThat(logLines().indexOf(viaJson)).isLessThan(logLines().indexOf(text));
    }

    private void assertBad(String body, String contentType, String detail) {
        HttpResponse<String> r = drRequest(body, contentType);
        assertThat(r.statusCode()).as(body).isEqualTo(400);
        assertThat(read(r.body()).get("detail").asText()).as(body).contains(detail);
    }

    private HttpResponse<String> drRequest(String body) {
        return drRequest(body, "application/json");
    }

    private HttpResponse<String> drRequest(String body, String contentType) {
        return admin(HttpRequest.newBuilder(URI.create(url("/services/demand-response/request")))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private List<String> logLines() {
        HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url("/services/demand-response/log"))).GET());
        assertThat(r.statusCode()).isEqualTo(200);
        return read(r.body()).findValuesAsText("line");
    }

    private List<JsonNode> events(String query) {
        HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url("/api/dr/events?" + query))).GET());
        assertThat(r.statusCode()).isEqualTo(200);
        List<JsonNode> list = new java.util.ArrayList<>();
        read(r.body()).forEach(list::add);
        return list;
    }

    private JsonNode event(long id) {
        HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url("/api/dr/events/" + id))).GET());
        assertThat(r.statusCode()).isEqualTo(200);
        return read(r.body());
    }

    private Notification mail(String subjectPrefix) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> mails.sent().stream()
                .filter(m -> m.subject().startsWith(subjectPrefix)).reduce((a, b) -> b), java.util.Optional::isPresent)
                .orElseThrow();
    }

    private static List<Double> doubles(JsonNode array) {
        List<Double> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.isNull() ? null : v.asDouble()));
        return values;
    }

    private static FlexOffer offer(FlexRequest request) {
        FlexOffer offer = new FlexOffer();
        offer.setVersion("3.0.0");
        offer.setSenderDomain(UftpTestPeer.HUB_DOMAIN);
        offer.setRecipientDomain(UftpTestPeer.DSO_DOMAIN);
        offer.setTimeStamp(OffsetDateTime.now(ZoneOffset.UTC));
        offer.setMessageID(UUID.randomUUID().toString());
        offer.setConversationID(request.getConversationID());
        offer.setISPDuration(request.getISPDuration());
        offer.setTimeZone(request.getTimeZone());
        offer.setPeriod(request.getPeriod());
        offer.setCongestionPoint(request.getCongestionPoint());
        offer.setFlexRequestMessageID(request.getMessageID());
        offer.setExpirationDateTime(OffsetDateTime.now(ZoneOffset.UTC).plusHours(1));
        offer.setCurrency("EUR");
        FlexOfferOptionType option = new FlexOfferOptionType();
        option.setOptionReference("A");
        option.setPrice(new BigDecimal("10.0000"));
        option.setMinActivationFactor(new BigDecimal("0.50"));
        FlexOfferOptionISPType isp = new FlexOfferOptionISPType();
        isp.setStart(69L);
        isp.setDuration(4L);
        isp.setPower(-2000L);
        option.getISPS().add(isp);
        offer.getOfferOptions().add(option);
        return offer;
    }

    private static FlexOrder order(FlexOffer offer, String factor, long power) {
        FlexOrder order = DSO.header(new FlexOrder(), offer.getConversationID());
        order.setISPDuration(offer.getISPDuration());
        order.setTimeZone(offer.getTimeZone());
        order.setPeriod(offer.getPeriod());
        order.setCongestionPoint(offer.getCongestionPoint());
        order.setFlexOfferMessageID(offer.getMessageID());
        order.setOptionReference("A");
        order.setOrderReference("DR-" + UUID.randomUUID().toString().substring(0, 8));
        order.setActivationFactor(new BigDecimal(factor));
        order.setPrice(new BigDecimal("10.0000").multiply(new BigDecimal(factor)));
        order.setCurrency("EUR");
        FlexOrderISPType isp = new FlexOrderISPType();
        isp.setStart(69L);
        isp.setDuration(4L);
        isp.setPower(power);
        order.getISPS().add(isp);
        return order;
    }

    @Test
    void should_plan_a_local_request_that_has_begun_only_in_the_isps_still_ahead() {
        Instant eleven = officeHours();
        double[] ask = new double[8];
        Arrays.fill(ask, 0.5);

        // 10:00-12:00 asked for at 10:59:30: the four ISPs up to 11:00 have begun
        LocalFlexResult result = localFlexibility.request(new LocalFlexRequest(CP, Direction.REDUCE,
                eleven.minus(Duration.ofHours(1)), Duration.ofMinutes(15), ask, "dr-interface"));

        assertThat(result.status()).as(result.detail()).isEqualTo(LocalFlexResult.Status.ACCEPTED);
        assertThat(result.eventIds()).isNotEmpty().allSatisfy(id -> assertThat(
                Instant.parse(event(id).get("startAt").asText())).isAfterOrEqualTo(eleven));
    }

    @Test
    void should_deny_a_local_request_whose_period_is_over() {
        double[] surplus = new double[8];
        Arrays.fill(surplus, 2.0);
        Instant past = clock.instant().minus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);

        LocalFlexResult result = localFlexibility.request(new LocalFlexRequest(CP, Direction.INCREASE, past,
                Duration.ofMinutes(15), surplus, "pv-surplus"));

        assertThat(result.status()).isEqualTo(LocalFlexResult.Status.DENIED);
        assertThat(result.detail()).contains("ended at " + past.plus(Duration.ofHours(2)));
        assertThat(result.eventIds()).isEmpty();
    }
}
