package io.flexhub.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexOfferOptionISPType;
import org.lfenergy.shapeshifter.api.FlexOfferOptionType;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderISPType;
import org.lfenergy.shapeshifter.api.FlexRequestResponse;
import org.lfenergy.shapeshifter.api.TestMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

import io.flexhub.analytics.history.CongestionDay;
import io.flexhub.analytics.history.FlexRequestHistoryStore;
import io.flexhub.support.HubTestBeans;
import io.flexhub.support.HubTestSupport;
import io.flexhub.support.UftpTestPeer;
import io.flexhub.usef.store.UftpMessageStore;

/**
 * The quick start's chain with the demo DSO enabled (its own context: the hub must reach the demo endpoint on a
 * port known before start-up): one admin call makes the demo DSO send a signed FlexRequest, the hub accepts it and
 * offers, the demo DSO orders the offer, and the hub accepts the order and plans DR events for the devices.
 * The H2 hub of {@code H2HubTest} with the demo DSO switched on: the shared properties first, then the demo's,
 * which a subclass of H2HubTest could not override.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(HubTestBeans.class)
class DemoDsoEndToEndTest extends HubTestSupport {

    private static final String DEMO_DOMAIN = "dso.flexhub.test";
    private static final String CP = "ean.871685900012636543";
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final int PORT = freePort();

    @DynamicPropertySource
    static void demoDso(DynamicPropertyRegistry registry) {
        hubProperties(registry);
        h2(registry);
        registry.add("flexhub.probes.directory", PROBES_DIR::toString);
        registry.add("server.port", () -> PORT);
        // no participant entry: the running demo DSO is trusted by itself, with its published key
        registry.add("flexhub.demo.enabled", () -> "true");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Autowired
    UftpMessageStore messages;
    @Autowired
    FlexRequestHistoryStore history;
    @Autowired
    DemoHistory demoHistory;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CamelContext camel;

    @Test
    void the_quick_start_imports_a_year_of_archived_flex_requests_for_the_demo_point_once() {
        LocalDate today = LocalDate.now(ZONE);
        LocalDate first = today.withDayOfMonth(1).minusMonths(12);
        List<org.lfenergy.shapeshifter.api.FlexRequest> archived = new DemoFlexRequestArchive(CP, DEMO_DOMAIN,
                UftpTestPeer.HUB_DOMAIN, ZONE, Duration.ofMinutes(15)).requests(first, today.minusDays(1));
        String last = archived.get(archived.size() - 1).getMessageID();

        // imported after start-up by route demo-history-archive, month by month, the last month last
        await().atMost(Duration.ofSeconds(90)).until(() -> history.contains(last));

        long imported = jdbc.sql("SELECT COUNT(*) FROM flex_request_history WHERE congestion_point = :cp AND "
                + "source = 'imported' AND sender_domain = :dso").param("cp", CP).param("dso", DEMO_DOMAIN)
                .query(Long.class).single();
        assertThat(imported).isEqualTo(archived.size());
        List<CongestionDay> year = history.days(CP, first, today.minusDays(1));
        // from the first to the last day with a request; October and April have quiet weeks
        assertThat(year.size()).isGreaterThan(300);
        assertThat(year.get(0).date()).isBefore(first.plusDays(30));
        // winter working-day evenings are asked to reduce, summer middays to increase
        long januaryEvenings = year.stream().filter(d -> d.date().getMonthValue() == 1 && working(d.date()))
                .filter(d -> d.isps().get(ispOf(d.date(), 18) - 1).direction() == CongestionDay.Direction.REDUCE)
                .count();
        long januaryWorkingDays = year.stream().filter(d -> d.date().getMonthValue() == 1 && working(d.date())).count();
        assertThat(januaryEvenings).isGreaterThan(januaryWorkingDays / 2);
        assertThat(year.stream().filter(d -> d.date().getMonthValue() == 7)
                .filter(d -> d.isps().get(ispOf(d.date(), 13) - 1).direction() == CongestionDay.Direction.INCREASE)
                .count()).isGreaterThan(10);

        // a restart imports nothing again
        assertThat(demoHistory.importYearBefore(today)).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM flex_request_history WHERE congestion_point = :cp AND "
                + "source = 'imported'").param("cp", CP).query(Long.class).single()).isEqualTo(imported);
    }

    private static boolean working(LocalDate day) {
        return day.getDayOfWeek().getValue() <= 5 && !(day.getMonthValue() == 1 && day.getDayOfMonth() == 1);
    }

    @Test
    void one_call_runs_request_offer_order_and_plans_dr_events() {
        assertThat(port).isEqualTo(PORT);
        HttpResponse<String> answer = flexRequest(
                "{\"direction\":\"reduce\",\"from\":\"17:00\",\"to\":\"18:00\",\"kw\":20,\"day\":\"tomorrow\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        JsonNode started = read(answer.body());
        String requestId = started.get("messageId").asText();
        String conversationId = started.get("conversationId").asText();
        LocalDate tomorrow = LocalDate.now(ZONE).plusDays(1);
        int firstIsp = ispOf(tomorrow, 17);
        assertThat(started.get("senderDomain").asText()).isEqualTo(DEMO_DOMAIN);
        assertThat(started.get("congestionPoint").asText()).isEqualTo(CP);
        assertThat(started.get("period").asText()).isEqualTo(tomorrow.toString());
        assertThat(started.get("requestedIsps").asText()).isEqualTo(firstIsp + "-" + (firstIsp + 3));
        assertThat(started.at("/watch/messages").asText())
                .isEqualTo("/api/usef/messages?conversationId=" + conversationId);

        // the hub stored the request as the demo DSO signed it and accepted it
        awaitMessage(requestId, "processingStatus", "ACCEPTED");

        JsonNode requestResponse = awaitReceived("FlexRequestResponse", conversationId);
        assertThat(requestResponse.get("references").asText()).isEqualTo(requestId);
        assertThat(requestResponse.get("result").asText()).isEqualTo("Accepted");
        JsonNode offerEntry = awaitReceived("FlexOffer", conversationId);
        assertThat(offerEntry.get("references").asText()).isEqualTo(requestId);
        String offerId = offerEntry.get("messageId").asText();

        JsonNode offerAccepted = awaitEntry("sent", "FlexOfferResponse", conversationId);
        assertThat(offerAccepted.get("references").asText()).isEqualTo(offerId);
        assertThat(offerAccepted.get("result").asText()).isEqualTo("HTTP 200");
        JsonNode orderSent = awaitEntry("sent", "FlexOrder", conversationId);
        assertThat(orderSent.get("references").asText()).isEqualTo(offerId);
        assertThat(orderSent.get("result").asText()).isEqualTo("HTTP 200");
        String orderId = orderSent.get("messageId").asText();
        JsonNode orderResponse = awaitReceived("FlexOrderResponse", conversationId);
        assertThat(orderResponse.get("references").asText()).isEqualTo(orderId);
        assertThat(orderResponse.get("result").asText()).as(orderResponse.toString()).isEqualTo("Accepted");
        assertThat(orderResponse.get("rejectionReason").isNull()).isTrue();

        // the order is the offer's option as offered: all its ISPs, Power and Price x 1.00
        FlexOffer offer = (FlexOffer) stored(offerId);
        FlexOrder order = (FlexOrder) stored(orderId);
        FlexOfferOptionType option = offer.getOfferOptions().get(0);
        assertThat(order.getSenderDomain()).isEqualTo(DEMO_DOMAIN);
        assertThat(order.getFlexOfferMessageID()).isEqualTo(offerId);
        assertThat(order.getOptionReference()).isEqualTo(option.getOptionReference());
        assertThat(order.getActivationFactor()).isEqualByComparingTo("1.00");
        assertThat(order.getPrice()).isEqualByComparingTo(option.getPrice());
        assertThat(order.getCurrency()).isEqualTo(offer.getCurrency());
        assertThat(order.getPeriod()).isEqualTo(tomorrow);
        assertThat(order.getCongestionPoint()).isEqualTo(CP);
        assertThat(order.getISPS()).extracting(FlexOrderISPType::getStart, FlexOrderISPType::getDuration,
                FlexOrderISPType::getPower).containsExactlyElementsOf(option.getISPS().stream()
                .map(i -> org.assertj.core.groups.Tuple.tuple(i.getStart(), i.getDuration(), i.getPower())).toList());
        // a reduction in the requested hour
        long reduced = option.getISPS().stream()
                .filter(i -> i.getStart() >= firstIsp && i.getStart() <= firstIsp + 3)
                .mapToLong(FlexOfferOptionISPType::getPower).sum();
        assertThat(reduced).isNegative();

        List<JsonNode> events = await().atMost(Duration.ofSeconds(30))
                .until(() -> events("sourceRef=" + orderId), list -> !list.isEmpty());
        Instant windowStart = tomorrow.atTime(17, 0).atZone(ZONE).toInstant();
        for (JsonNode event : events) {
            assertThat(event.get("source").asText()).isEqualTo("FLEX_ORDER");
            assertThat(event.get("orderMessageId").asText()).isEqualTo(orderId);
            assertThat(event.get("state").asText()).isEqualTo("SCHEDULED");
            assertThat(event.get("congestionPoint").asText()).isEqualTo(CP);
            assertThat(event.get("deviceId").asText()).startsWith("urn:ngsi-ld:Device:");
            assertThat(event.get("activationFactor").decimalValue()).isEqualByComparingTo(BigDecimal.ONE);
            assertThat(Instant.parse(event.get("endAt").asText())).isAfter(Instant.parse(event.get("startAt").asText()));
        }
        // the devices act in the requested hour (load moved elsewhere starts before or after it)
        assertThat(events).anyMatch(e -> !Instant.parse(e.get("startAt").asText()).isAfter(windowStart)
                && Instant.parse(e.get("endAt").asText()).isAfter(windowStart));

        // the hub's log of the conversation holds the whole chain
        HttpResponse<String> log = admin(HttpRequest.newBuilder(URI.create(url(
                "/api/usef/messages?conversationId=" + conversationId))).GET());
        assertThat(read(log.body()).findValuesAsText("type")).contains("FlexRequest", "FlexRequestResponse",
                "FlexOffer", "FlexOfferResponse", "FlexOrder", "FlexOrderResponse");

        // both directions of the chain went through Camel endpoints that Hawtio shows with their counts: the hub's
        // outbox to the demo DSO, and the demo DSO's messages to the hub
        String context = "org.apache.camel:context=" + camel.getManagementName() + ",";
        for (String step : List.of("to-uftp-peer", "to-hub-from-demo-dso")) {
            HttpResponse<String> counts = admin(HttpRequest.newBuilder(URI.create(url("/actuator/jolokia/read/"
                    + context + "type=processors,name=%22" + step + "%22/ExchangesCompleted"))).GET());
            assertThat(read(counts.body()).path("value").asLong()).as(step + ": " + counts.body()).isPositive();
        }
        HttpResponse<String> endpoints = admin(HttpRequest.newBuilder(
                URI.create(url("/actuator/jolokia/search/org.apache.camel:type=endpoints,*"))).GET());
        List<String> names = new ArrayList<>();
        read(endpoints.body()).get("value").forEach(n -> {
            if (n.asText().startsWith(context)) {
                names.add(n.asText());
            }
        });
        assertThat(names).anyMatch(n -> n.contains("/demo-dso/shapeshifter/api/v3/message"))
                .anyMatch(n -> n.endsWith("name=\"http://localhost:" + PORT + "/shapeshifter/api/v3/message\""));
    }

    @Test
    void bad_input_is_refused_naming_the_field_and_forged_messages_are_not_recorded() {
        HttpResponse<String> direction = flexRequest("{\"direction\":\"sideways\"}");
        assertThat(direction.statusCode()).isEqualTo(400);
        assertThat(read(direction.body()).get("detail").asText()).startsWith("direction must be reduce or increase");
        HttpResponse<String> from = flexRequest("{\"from\":\"17:05\"}");
        assertThat(from.statusCode()).isEqualTo(400);
        assertThat(read(from.body()).get("detail").asText()).startsWith("from must be on an ISP boundary");
        HttpResponse<String> past = flexRequest("{\"day\":\"2020-01-01\"}");
        assertThat(past.statusCode()).isEqualTo(400);
        assertThat(read(past.body()).get("detail").asText()).startsWith("from must be in the future");
        HttpResponse<String> unknown = flexRequest("{\"power\":3}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(read(unknown.body()).get("detail").asText()).startsWith("unknown field 'power'");

        // signed by another party in the hub's name: the demo DSO opens only what the hub signed
        UftpTestPeer impostor = new UftpTestPeer(UftpTestPeer.HUB_DOMAIN);
        FlexRequestResponse forged = impostor.header(new FlexRequestResponse(), "7a0c8f55-7a43-4a7e-9a39-0d35f1f0c0de");
        forged.setRecipientDomain(DEMO_DOMAIN);
        forged.setFlexRequestMessageID("00000000-0000-0000-0000-000000000000");
        forged.setResult(org.lfenergy.shapeshifter.api.AcceptedRejectedType.ACCEPTED);
        HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create(url("/demo-dso/shapeshifter/api/v3/message")))
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(impostor.signed(forged))).build());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(entries()).noneMatch(e -> "7a0c8f55-7a43-4a7e-9a39-0d35f1f0c0de".equals(e.path("conversationId").asText()));
    }

    @Test
    void hostile_requests_and_envelopes_get_a_specific_4xx_and_nothing_is_sent_or_recorded() {
        long requestsBefore = entries().stream().filter(e -> "FlexRequest".equals(e.get("type").asText())).count();
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("{\"kw\": \"20\"}", "kw must be a whole number");
        bodies.put("{\"kw\": 1e999}", "kw must be a whole number");
        bodies.put("{\"kw\": 20.5}", "kw must be a whole number");
        bodies.put("{\"from\": 17}", "from must be a string");
        bodies.put("{\"day\": [\"tomorrow\"]}", "day must be a string");
        bodies.put("[{\"kw\": 20}]", "body must be a JSON object");
        bodies.put("\"reduce\"", "body must be a JSON object");
        bodies.put("{\"kw\": 20, \"kw\": 30}", "duplicate key 'kw'");
        bodies.put("{\"kw\": 20} {\"kw\": 30}", "more follows the JSON value");
        bodies.put("{\"kw\": 2" + "0".repeat(200) + "}", "Number value length");
        bodies.put("{\"kw\": 20", "body must be a JSON object");
        for (Map.Entry<String, String> b : bodies.entrySet()) {
            HttpResponse<String> r = flexRequest(b.getKey());
            assertThat(r.statusCode()).as(b.getKey() + ": " + r.body()).isEqualTo(400);
            assertThat(read(r.body()).get("detail").asText()).as(b.getKey()).contains(b.getValue());
        }
        HttpResponse<String> latin1 = admin(HttpRequest.newBuilder(URI.create(url("/api/demo/flex-request")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray("{\"day\": \"ma\u00f1ana\"}".getBytes(StandardCharsets.ISO_8859_1))));
        assertThat(latin1.statusCode()).isEqualTo(400);
        assertThat(read(latin1.body()).get("detail").asText()).startsWith("Body is not valid UTF-8");
        assertThat(entries().stream().filter(e -> "FlexRequest".equals(e.get("type").asText())).count())
                .isEqualTo(requestsBefore);

        // the demo DSO's own endpoint reads the hub's envelopes as strictly as the hub reads a DSO's
        UftpTestPeer hubLike = new UftpTestPeer(UftpTestPeer.HUB_DOMAIN);
        String conversation = "5d1c0f2e-3b4a-4c5d-8e6f-7a8b9c0d1e2f";
        String xml = UftpTestPeer.text(UftpTestPeer.xml(hubLike.header(new TestMessage(), conversation)));
        String envelope = UftpTestPeer.text(hubLike.signedXml(xml.getBytes(StandardCharsets.UTF_8)));
        Map<String, String> envelopes = new LinkedHashMap<>();
        envelopes.put(envelope.replaceFirst("\\?>", "?><?xml-stylesheet href=\"http://127.0.0.1:9/x\"?>"),
                "processing instructions are not allowed");
        envelopes.put(envelope.replaceFirst("\\?>", "?><!DOCTYPE SignedMessage [<!ENTITY x \"y\">]>"), "DOCTYPE");
        envelopes.put(envelope.substring(0, envelope.length() / 2), "not well-formed");
        for (Map.Entry<String, String> e : envelopes.entrySet()) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url("/demo-dso/shapeshifter/api/v3/message")))
                    .header("Content-Type", "text/xml; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(e.getKey())).build());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(r.body()).contains(e.getValue());
        }
        HttpResponse<String> form = send(HttpRequest.newBuilder(URI.create(url("/demo-dso/shapeshifter/api/v3/message")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Body=x")).build());
        assertThat(form.statusCode()).isEqualTo(400);
        assertThat(form.body()).isEqualTo("Content-Type must be text/xml or application/xml, got "
                + "application/x-www-form-urlencoded");
        assertThat(entries()).noneMatch(e -> conversation.equals(e.path("conversationId").asText()));
    }

    private HttpResponse<String> flexRequest(String body) {
        return admin(HttpRequest.newBuilder(URI.create(url("/api/demo/flex-request")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static int ispOf(LocalDate day, int hour) {
        return (int) Duration.between(day.atStartOfDay(ZONE), day.atTime(hour, 0).atZone(ZONE)).toMinutes() / 15 + 1;
    }

    private org.lfenergy.shapeshifter.api.PayloadMessageType stored(String messageId) {
        return UftpTestPeer.parse(messages.findByMessageId(messageId).orElseThrow().payloadXml()
                .getBytes(StandardCharsets.UTF_8));
    }

    private List<JsonNode> entries() {
        HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url("/api/demo/dso/received"))).GET());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = read(r.body());
        assertThat(body.get("domain").asText()).isEqualTo(DEMO_DOMAIN);
        List<JsonNode> list = new ArrayList<>();
        body.get("entries").forEach(list::add);
        return list;
    }

    private JsonNode awaitReceived(String type, String conversationId) {
        return awaitEntry("received", type, conversationId);
    }

    private JsonNode awaitEntry(String direction, String type, String conversationId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> entries().stream()
                        .filter(e -> direction.equals(e.get("direction").asText()))
                        .filter(e -> type.equals(e.get("type").asText()))
                        .filter(e -> conversationId.equals(e.get("conversationId").asText()))
                        .findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private List<JsonNode> events(String query) {
        HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url("/api/dr/events?" + query))).GET());
        assertThat(r.statusCode()).isEqualTo(200);
        List<JsonNode> list = new ArrayList<>();
        read(r.body()).forEach(list::add);
        return list;
    }
}
