package io.flexhub.usef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.AcceptedRejectedType;
import org.lfenergy.shapeshifter.api.AvailableRequestedType;
import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderResponse;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestISPType;
import org.lfenergy.shapeshifter.api.FlexRequestResponse;
import org.lfenergy.shapeshifter.api.PayloadMessageType;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.flexhub.demo.DemoDsoMessages;
import io.flexhub.support.HubTestSupport;
import io.flexhub.support.UftpTestPeer;

/**
 * FlexOrders that cross each other or a revocation, on the demo building's congestion point, over real HTTP: many
 * orders on one offer, and an order racing the newer FlexRequest that revokes its offer. Whatever the timing, an
 * offer is ordered at most once, an Accepted FlexOrderResponse goes only to the order whose events were planned,
 * and no device gets two events for the same time. Run on H2 and on PostgreSQL, many rounds each so that the
 * interleavings actually occur.
 */
interface FlexOrderRaceScenarios {

    String CP = "ean.871685900012636543";
    int CONCURRENT_ORDERS = 16;
    int ORDER_ROUNDS = 3;
    int REVOCATION_ROUNDS = 12;

    UftpTestPeer dso();

    JdbcClient jdbc();

    HttpResponse<String> postUftp(byte[] body);

    <T extends PayloadMessageType> T awaitResponse(Class<T> type, String requestMessageId, String conversationId);

    <T extends PayloadMessageType> List<T> responsesIn(String conversationId, Class<T> type);

    @BeforeEach
    default void dsoUp() {
        HubTestSupport.dsoAccepts();
    }

    @Test
    default void should_accept_exactly_one_of_many_concurrent_orders_on_one_offer_and_plan_its_events_once() {
        for (int round = 0; round < ORDER_ROUNDS; round++) {
            releaseDevices();
            FlexOffer offer = offerFor(request());
            List<FlexOrder> orders = new ArrayList<>();
            for (int i = 0; i < CONCURRENT_ORDERS; i++) {
                orders.add(orderOf(offer));
            }

            postAtOnce(orders.stream().map(o -> dso().signed(o)).toList());

            List<FlexOrderResponse> answers = await().atMost(Duration.ofSeconds(60)).until(
                    () -> responsesIn(offer.getConversationID(), FlexOrderResponse.class),
                    list -> list.size() >= CONCURRENT_ORDERS);
            assertThat(answers).as("one answer per order, round %d", round).hasSize(CONCURRENT_ORDERS);
            List<FlexOrderResponse> accepted = answers.stream()
                    .filter(r -> r.getResult() == AcceptedRejectedType.ACCEPTED).toList();
            assertThat(accepted).as("accepted orders, round %d", round).hasSize(1);
            assertThat(answers).filteredOn(r -> r.getResult() == AcceptedRejectedType.REJECTED)
                    .hasSize(CONCURRENT_ORDERS - 1)
                    .allSatisfy(r -> assertThat(r.getRejectionReason()).contains("Reference message already ordered"));
            String winner = accepted.get(0).getFlexOrderMessageID();
            assertThat(offerState(offer)).isEqualTo("ORDERED");
            assertThat(eventsByOrder(orders)).as("events per order, round %d", round).containsOnlyKeys(winner);
            assertThat(eventsByOrder(orders).get(winner)).isEqualTo(plannedDevices(offer));
            assertNoDeviceDrivenTwice();
        }
    }

    @Test
    default void should_let_either_the_order_or_the_revocation_win_but_never_both_when_they_cross() {
        int ordered = 0;
        int revoked = 0;
        for (int round = 0; round < REVOCATION_ROUNDS; round++) {
            releaseDevices();
            FlexOffer offer = offerFor(request());
            FlexOrder order = orderOf(offer);
            FlexRequest newer = request();

            if (round % 2 == 0) {
                postAtOnce(List.of(dso().signed(order), dso().signed(newer)));
            } else {
                // the order leaves when the DSO hears the request was accepted: about when the engine revokes
                assertThat(postUftp(dso().signed(newer)).statusCode()).isEqualTo(200);
                awaitResponse(FlexRequestResponse.class, newer.getMessageID(), null);
                assertThat(postUftp(dso().signed(order)).statusCode()).isEqualTo(200);
            }

            FlexOrderResponse answer = awaitResponse(FlexOrderResponse.class, order.getMessageID(), null);
            String newerHandoff = await().atMost(Duration.ofSeconds(60)).until(() -> handoff(newer),
                    h -> h != null && !h.equals("AWAITING_ENGINE"));
            long revocations = revocationsOf(offer);
            List<String> orderEvents = eventsByOrder(List.of(order)).getOrDefault(order.getMessageID(), List.of());
            if (answer.getResult() == AcceptedRejectedType.ACCEPTED) {
                ordered++;
                assertThat(revocations).as("revocations of an ordered offer, round %d", round).isZero();
                assertThat(offerState(offer)).isEqualTo("ORDERED");
                assertThat(orderEvents).isEqualTo(plannedDevices(offer));
                // the newer request is offered only what the order left free
                assertThat(offeredDevices(newer)).as("devices offered again, round %d (%s)", round, newerHandoff)
                        .doesNotContainAnyElementsOf(orderEvents);
            } else {
                revoked++;
                assertThat(answer.getRejectionReason()).as("round %d", round).contains("Reference message revoked");
                assertThat(revocations).as("revocations, round %d", round).isEqualTo(1);
                assertThat(offerState(offer)).isEqualTo("REVOKED");
                assertThat(orderEvents).isEmpty();
            }
            assertNoDeviceDrivenTwice();
        }
        assertThat(ordered + revoked).isEqualTo(REVOCATION_ROUNDS);
    }

    /** A reduction 20:00-22:00 two days ahead, Available room elsewhere: the demo building always has an offer. */
    private FlexRequest request() {
        FlexRequest request = dso().flexRequest();
        request.setCongestionPoint(CP);
        LocalDate day = LocalDate.now(UftpTestPeer.MARKET_ZONE).plusDays(2);
        request.setPeriod(day);
        request.setExpirationDateTime(Instant.now().plus(Duration.ofHours(6)).atOffset(java.time.ZoneOffset.UTC));
        request.getISPS().clear();
        int count = (int) Duration.between(day.atStartOfDay(UftpTestPeer.MARKET_ZONE),
                day.plusDays(1).atStartOfDay(UftpTestPeer.MARKET_ZONE)).toMinutes() / 15;
        for (int isp = 1; isp <= count; isp++) {
            boolean requested = isp >= 81 && isp <= 88;
            FlexRequestISPType i = new FlexRequestISPType();
            i.setStart((long) isp);
            i.setDuration(1L);
            i.setDisposition(requested ? AvailableRequestedType.REQUESTED : AvailableRequestedType.AVAILABLE);
            i.setMinPower(requested ? -25_000L : -60_000L);
            i.setMaxPower(requested ? -2_000L : 60_000L);
            request.getISPS().add(i);
        }
        return request;
    }

    private FlexOffer offerFor(FlexRequest request) {
        assertThat(postUftp(dso().signed(request)).statusCode()).isEqualTo(200);
        return awaitResponse(FlexOffer.class, null, request.getConversationID());
    }

    private FlexOrder orderOf(FlexOffer offer) {
        return new DemoDsoMessages(dso().domain(), UftpTestPeer.HUB_DOMAIN, UftpTestPeer.MARKET_ZONE,
                Duration.ofMinutes(15)).order(offer, BigDecimal.ONE, Instant.now()).orElseThrow();
    }

    /** Posts the signed messages from as many threads, released together. */
    private void postAtOnce(List<byte[]> bodies) {
        CyclicBarrier start = new CyclicBarrier(bodies.size());
        ExecutorService threads = Executors.newFixedThreadPool(bodies.size());
        try {
            List<CompletableFuture<Integer>> posts = bodies.stream()
                    .map(body -> CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        return postUftp(body).statusCode();
                    }, threads))
                    .toList();
            assertThat(posts.stream().map(CompletableFuture::join).toList()).containsOnly(200);
        } finally {
            threads.shutdown();
        }
    }

    /** Events of earlier rounds (and other tests) would rightly keep the devices out of the next offer. */
    private void releaseDevices() {
        jdbc().sql("UPDATE dr_event SET state = 'CANCELLED', restore_pending = FALSE "
                + "WHERE state IN ('SCHEDULED', 'ACTIVE') AND congestion_point = :cp").param("cp", CP).update();
    }

    private String offerState(FlexOffer offer) {
        return jdbc().sql("SELECT business_state FROM uftp_message WHERE direction = 'OUT' AND message_id = :m")
                .param("m", offer.getMessageID()).query(String.class).single();
    }

    private String handoff(FlexRequest request) {
        return jdbc().sql("SELECT handoff FROM uftp_message WHERE direction = 'IN' AND message_id = :m")
                .param("m", request.getMessageID()).query(String.class).optional().orElse(null);
    }

    private long revocationsOf(FlexOffer offer) {
        return jdbc().sql("SELECT COUNT(*) FROM uftp_message WHERE direction = 'OUT' "
                        + "AND message_type = 'FlexOfferRevocation' AND reference_message_id = :m")
                .param("m", offer.getMessageID()).query(Long.class).single();
    }

    /** Device ids of each order's events, sorted. */
    private java.util.Map<String, List<String>> eventsByOrder(List<FlexOrder> orders) {
        Set<String> ids = orders.stream().map(FlexOrder::getMessageID).collect(Collectors.toSet());
        return jdbc().sql("SELECT source_ref, device_id FROM dr_event WHERE source = 'FLEX_ORDER' "
                        + "AND source_ref IN (:ids) ORDER BY device_id")
                .param("ids", ids)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list().stream()
                .collect(Collectors.groupingBy(r -> r[0], java.util.TreeMap::new,
                        Collectors.mapping(r -> r[1], Collectors.toList())));
    }

    /** The devices of the offer's stored plan that deviate from their baseline, sorted. */
    private List<String> plannedDevices(FlexOffer offer) {
        return jdbc().sql("SELECT p.device_id, p.plan_kind, p.baseline_kw, p.planned_kw FROM flex_offer_device_plan p "
                        + "JOIN flex_offer o ON o.id = p.offer_id WHERE o.offer_message_id = :m ORDER BY p.device_id")
                .param("m", offer.getMessageID())
                .query((rs, n) -> deviates(rs.getString(2), rs.getString(3), rs.getString(4)) ? rs.getString(1) : null)
                .list().stream().filter(java.util.Objects::nonNull).toList();
    }

    private List<String> offeredDevices(FlexRequest request) {
        return jdbc().sql("SELECT p.device_id FROM flex_offer_device_plan p JOIN flex_offer o ON o.id = p.offer_id "
                        + "WHERE o.flex_request_message_id = :m")
                .param("m", request.getMessageID()).query(String.class).list();
    }

    /** No device has two live events overlapping in time. */
    private void assertNoDeviceDrivenTwice() {
        List<String> twice = jdbc().sql("SELECT a.device_id FROM dr_event a JOIN dr_event b ON a.device_id = b.device_id "
                        + "AND a.id < b.id AND a.start_at < b.end_at AND b.start_at < a.end_at "
                        + "WHERE a.congestion_point = :cp AND a.state IN ('SCHEDULED', 'ACTIVE') "
                        + "AND b.state IN ('SCHEDULED', 'ACTIVE')")
                .param("cp", CP).query(String.class).list();
        assertThat(twice).as("devices with two overlapping events").isEmpty();
    }

    private static boolean deviates(String kind, String baselineJson, String plannedJson) {
        double[] baseline = doubles(baselineJson);
        double[] planned = doubles(plannedJson);
        for (int t = 0; t < baseline.length; t++) {
            double deviation = kind.equals("CURTAILMENT") ? planned[t] : planned[t] - baseline[t];
            if (Math.abs(deviation) >= 1e-3) {
                return true;
            }
        }
        return false;
    }

    private static double[] doubles(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, double[].class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
