package io.flexhub.flex;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.AcceptedRejectedType;
import org.lfenergy.shapeshifter.api.AvailableRequestedType;
import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexOfferOptionISPType;
import org.lfenergy.shapeshifter.api.FlexOfferResponse;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestISPType;
import org.lfenergy.shapeshifter.api.FlexRequestResponse;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.flexhub.flex.offer.OfferProblem;
import io.flexhub.flex.offer.OfferProblemBuilder;
import io.flexhub.flex.optimizer.FlexOfferOptimizer;
import io.flexhub.flex.optimizer.FlexOfferSolution;
import io.flexhub.site.ContextStore;
import io.flexhub.support.H2HubTest;
import io.flexhub.support.UftpTestPeer;
import io.flexhub.usef.store.UftpMessageStore;
import io.flexhub.usef.transport.UftpTransportException;
import io.flexhub.usef.xml.UftpXsd;

/**
 * A DSO sends FlexRequests for the demo building's congestion point over real HTTP; the hub answers with a signed,
 * schema-valid FlexOffer whose ISPs are the optimizer's answer for the building's context, priced per MWh, and
 * stores the device plans behind it. A congestion point without a building is rejected before the engine sees it.
 */
class FlexOfferEndToEndTest extends H2HubTest {

    private static final String CP = "ean.871685900012636543";
    private static final UftpXsd XSD = new UftpXsd();

    @Autowired
    ContextStore context;
    @Autowired
    FlexOfferStore offers;
    @Autowired
    FlexOfferEngine engine;
    @Autowired
    UftpMessageStore messages;
    @Autowired
    FlexProperties flex;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @BeforeEach
    void dsoUp() {
        dsoAccepts();
        // devices committed to other tests' events would (rightly) be left out of the offer, unlike in the
        // independent solve these tests compare with
        jdbc.sql("UPDATE dr_event SET state = 'CANCELLED', restore_pending = FALSE WHERE state IN ('SCHEDULED', 'ACTIVE')")
                .update();
    }

    /** Tomorrow's request: Requested ISPs [from, to] within [minW, maxW], Available ±60 kW elsewhere except ISPs 1-4. */
    private FlexRequest request(String congestionPoint, int from, int to, long minW, long maxW) {
        FlexRequest request = DSO.flexRequest();
        request.setCongestionPoint(congestionPoint);
        request.getISPS().clear();
        LocalDate day = request.getPeriod();
        int count = (int) Duration.between(day.atStartOfDay(UftpTestPeer.MARKET_ZONE),
                day.plusDays(1).atStartOfDay(UftpTestPeer.MARKET_ZONE)).toMinutes() / 15;
        for (int isp = 5; isp <= count; isp++) {
            boolean requested = isp >= from && isp <= to;
            FlexRequestISPType i = new FlexRequestISPType();
            i.setStart((long) isp);
            i.setDuration(1L);
            i.setDisposition(requested ? AvailableRequestedType.REQUESTED : AvailableRequestedType.AVAILABLE);
            i.setMinPower(requested ? minW : -60_000L);
            i.setMaxPower(requested ? maxW : 60_000L);
            request.getISPS().add(i);
        }
        return request;
    }

    @Test
    void should_offer_the_optimal_reduction_of_the_demo_building_signed_priced_and_with_its_plans() {
        // 20:00-22:00: 2-25 kW less consumption (EV charging and the evening HVAC)
        FlexRequest request = request(CP, 81, 88, -25_000, -2_000);

        assertThat(postUftp(DSO.signed(request)).statusCode()).isEqualTo(200);

        FlexRequestResponse response = awaitResponse(FlexRequestResponse.class, request.getMessageID());
        assertThat(response.getResult()).isEqualTo(AcceptedRejectedType.ACCEPTED);
        byte[] xml = awaitOfferXml(request.getConversationID());
        XSD.validate(xml);
        FlexOffer offer = (FlexOffer) UftpTestPeer.parse(xml);
        assertReferencesTheRequest(offer, request);

        long[] power = expand(offer, request);
        FlexOfferSolution expected = solveIndependently(request);
        assertThat(expected.outcome()).isEqualTo(FlexOfferSolution.Outcome.OFFER);
        assertThat(power).containsExactly(expected.offerPowerW());
        long requestedWattIsps = 0;
        for (FlexRequestISPType isp : request.getISPS()) {
            int t = isp.getStart().intValue() - 1;
            if (isp.getDisposition() == AvailableRequestedType.REQUESTED) {
                // less consumption, at most what is asked for
                assertThat(power[t]).as("ISP %d", t + 1).isBetween(-25_000L, 0L);
                requestedWattIsps += -power[t];
            } else {
                // load moved in from the Requested ISPs, within the room
                assertThat(power[t]).as("ISP %d", t + 1).isBetween(0L, 60_000L);
            }
        }
        assertThat(requestedWattIsps).isPositive();
        assertThat(power[0]).isZero();
        assertThat(power[3]).isZero();
        assertPrice(offer, requestedWattIsps);

        FlexOfferStore.StoredOffer stored = offers.findByMessageId(offer.getMessageID()).orElseThrow();
        assertThat(stored.flexRequestMessageId()).isEqualTo(request.getMessageID());
        assertThat(stored.direction()).isEqualTo("REDUCE");
        assertThat(stored.price()).isEqualByComparingTo(offer.getOfferOptions().get(0).getPrice());
        List<FlexOfferStore.DevicePlanRow> plans = offers.plans(stored.id());
        assertThat(plans).extracting(FlexOfferStore.DevicePlanRow::kind)
                .contains(FlexOfferStore.PlanKind.SHIFT, FlexOfferStore.PlanKind.CURTAILMENT);
        assertThat(plans).allMatch(p -> p.baselineKw().length == power.length && p.plannedKw().length == power.length);
        for (FlexOfferStore.DevicePlanRow plan : plans) {
            if (plan.kind() == FlexOfferStore.PlanKind.SHIFT) {
                // energy-neutral shift: the same energy over the day
                assertThat(sum(plan.plannedKw())).as(plan.deviceId())
                        .isCloseTo(sum(plan.baselineKw()), org.assertj.core.api.Assertions.within(1e-6));
            }
        }
        JsonNode entity = awaitMessage(request.getMessageID(), "handoff", FlexOfferEngine.OFFERED);
        assertThat(entity.has("handoffReason")).isFalse();

        // a second hand-off of the same request (recovery, another instance) sends nothing more
        long pk = messages.findByMessageId(request.getMessageID()).orElseThrow().id();
        assertThat(engine.answer(pk)).isEqualTo(FlexOfferEngine.OFFERED);
        assertThat(responsesIn(request.getConversationID(), FlexOffer.class)).hasSize(1);
    }

    @Test
    void should_offer_more_consumption_at_night_by_moving_ev_charging_into_the_requested_isps() {
        // 02:00-04:00: 1-30 kW more consumption wanted (e.g. a wind surplus); the evening charging may move there
        FlexRequest request = request(CP, 9, 16, 1_000, 30_000);

        assertThat(postUftp(DSO.signed(request)).statusCode()).isEqualTo(200);

        byte[] xml = awaitOfferXml(request.getConversationID());
        XSD.validate(xml);
        FlexOffer offer = (FlexOffer) UftpTestPeer.parse(xml);
        assertReferencesTheRequest(offer, request);
        long[] power = expand(offer, request);
        assertThat(power).containsExactly(solveIndependently(request).offerPowerW());
        long requestedWattIsps = 0;
        for (FlexRequestISPType isp : request.getISPS()) {
            int t = isp.getStart().intValue() - 1;
            if (isp.getDisposition() == AvailableRequestedType.REQUESTED) {
                assertThat(power[t]).as("ISP %d", t + 1).isBetween(0L, 30_000L);
                requestedWattIsps += power[t];
            } else {
                assertThat(power[t]).as("ISP %d", t + 1).isBetween(-60_000L, 0L);
            }
        }
        assertThat(requestedWattIsps).isPositive();
        // what moves in comes out of the evening sessions: energy neutral to the watt-ISP (rounding aside)
        assertThat(java.util.Arrays.stream(power).sum()).isBetween(-(long) power.length, (long) power.length);
        assertPrice(offer, requestedWattIsps);
        assertThat(offers.findByMessageId(offer.getMessageID()).orElseThrow().direction()).isEqualTo("INCREASE");
    }

    @Test
    void should_revoke_the_open_offer_when_a_newer_request_for_the_same_period_comes() {
        FlexRequest first = request(CP, 81, 84, -10_000, -2_000);
        assertThat(postUftp(DSO.signed(first)).statusCode()).isEqualTo(200);
        FlexOffer firstOffer = awaitResponse(FlexOffer.class, null, first.getConversationID());

        FlexRequest second = request(CP, 81, 88, -25_000, -2_000);
        assertThat(postUftp(DSO.signed(second)).statusCode()).isEqualTo(200);
        awaitResponse(FlexOffer.class, null, second.getConversationID());

        // the DSO is told, in the first conversation, that the first offer no longer stands
        org.lfenergy.shapeshifter.api.FlexOfferRevocation revocation = awaitResponse(
                org.lfenergy.shapeshifter.api.FlexOfferRevocation.class, null, first.getConversationID());
        assertThat(revocation.getFlexOfferMessageID()).isEqualTo(firstOffer.getMessageID());
        awaitMessage(firstOffer.getMessageID(), "businessState", "REVOKED");

        // and an order on it is refused: the same devices cannot be sold twice
        org.lfenergy.shapeshifter.api.FlexOrder order = new io.flexhub.demo.DemoDsoMessages(UftpTestPeer.DSO_DOMAIN,
                UftpTestPeer.HUB_DOMAIN, UftpTestPeer.MARKET_ZONE, Duration.ofMinutes(15))
                .order(firstOffer, java.math.BigDecimal.ONE, java.time.Instant.now()).orElseThrow();
        assertThat(postUftp(DSO.signed(order)).statusCode()).isEqualTo(200);
        org.lfenergy.shapeshifter.api.FlexOrderResponse refused = awaitResponse(
                org.lfenergy.shapeshifter.api.FlexOrderResponse.class, order.getMessageID());
        assertThat(refused.getResult()).isEqualTo(org.lfenergy.shapeshifter.api.AcceptedRejectedType.REJECTED);
        assertThat(refused.getRejectionReason()).containsIgnoringCase("revoked");
    }

    @Test
    void should_not_revoke_an_offer_the_dso_rejected_when_a_newer_request_for_the_same_period_comes() {
        FlexRequest first = request(CP, 81, 84, -10_000, -2_000);
        assertThat(postUftp(DSO.signed(first)).statusCode()).isEqualTo(200);
        FlexOffer firstOffer = awaitResponse(FlexOffer.class, null, first.getConversationID());
        FlexOfferResponse rejection = DSO.header(new FlexOfferResponse(), first.getConversationID());
        rejection.setFlexOfferMessageID(firstOffer.getMessageID());
        rejection.setResult(AcceptedRejectedType.REJECTED);
        rejection.setRejectionReason("Price too high");
        assertThat(postUftp(DSO.signed(rejection)).statusCode()).isEqualTo(200);
        awaitMessage(firstOffer.getMessageID(), "peerResult", "Rejected");

        FlexRequest second = request(CP, 81, 88, -25_000, -2_000);
        assertThat(postUftp(DSO.signed(second)).statusCode()).isEqualTo(200);
        awaitResponse(FlexOffer.class, null, second.getConversationID());

        // a revocation would have been queued in the transaction that queued the second offer
        assertThat(messages.list(first.getConversationID(), "FlexOfferRevocation", 10, 0)).isEmpty();
        assertThat(awaitMessage(firstOffer.getMessageID(), "peerResult", "Rejected").has("businessState")).isFalse();
    }

    @Test
    void should_reject_a_request_for_a_congestion_point_without_a_building_and_offer_nothing() {
        FlexRequest request = request("ean.871685900000000000", 81, 88, -25_000, -2_000);

        assertThat(postUftp(DSO.signed(request)).statusCode()).isEqualTo(200);

        FlexRequestResponse response = awaitResponse(FlexRequestResponse.class, request.getMessageID());
        assertThat(response.getResult()).isEqualTo(AcceptedRejectedType.REJECTED);
        assertThat(response.getRejectionReason()).isEqualTo("Invalid CongestionPoint (ean.871685900000000000)");
        JsonNode entity = awaitMessage(request.getMessageID(), "processingStatus", "REJECTED");
        assertThat(entity.has("handoff")).isFalse();
        assertThat(responsesIn(request.getConversationID(), FlexOffer.class)).isEmpty();
        long pk = messages.findByMessageId(request.getMessageID()).orElseThrow().id();
        assertThat(engine.answer(pk)).isNull();
    }

    private FlexOfferSolution solveIndependently(FlexRequest request) {
        OfferProblem problem = new OfferProblemBuilder(context).build(request);
        return new FlexOfferOptimizer().solve(problem.problem());
    }

    private void assertReferencesTheRequest(FlexOffer offer, FlexRequest request) {
        assertThat(offer.getFlexRequestMessageID()).isEqualTo(request.getMessageID());
        assertThat(offer.getConversationID()).isEqualTo(request.getConversationID());
        assertThat(offer.getSenderDomain()).isEqualTo(UftpTestPeer.HUB_DOMAIN);
        assertThat(offer.getRecipientDomain()).isEqualTo(UftpTestPeer.DSO_DOMAIN);
        assertThat(offer.getCongestionPoint()).isEqualTo(request.getCongestionPoint());
        assertThat(offer.getPeriod()).isEqualTo(request.getPeriod());
        assertThat(offer.getTimeZone()).isEqualTo(request.getTimeZone());
        assertThat(offer.getISPDuration()).isEqualTo(request.getISPDuration());
        assertThat(offer.getExpirationDateTime()).isBeforeOrEqualTo(request.getExpirationDateTime());
        assertThat(offer.getCurrency()).isEqualTo(flex.currency());
        assertThat(offer.getOfferOptions()).hasSize(1);
    }

    private void assertPrice(FlexOffer offer, long requestedWattIsps) {
        BigDecimal mwh = BigDecimal.valueOf(requestedWattIsps).multiply(BigDecimal.valueOf(0.25))
                .divide(BigDecimal.valueOf(1_000_000));
        assertThat(offer.getOfferOptions().get(0).getPrice())
                .isEqualByComparingTo(flex.pricePerMwh().multiply(mwh).setScale(4, RoundingMode.HALF_UP));
    }

    /** The offer's ISP elements (with Durations) as one W value per ISP of the Period; every ISP exactly once. */
    private static long[] expand(FlexOffer offer, FlexRequest request) {
        LocalDate day = request.getPeriod();
        int count = (int) Duration.between(day.atStartOfDay(UftpTestPeer.MARKET_ZONE),
                day.plusDays(1).atStartOfDay(UftpTestPeer.MARKET_ZONE)).toMinutes() / 15;
        long[] power = new long[count];
        int covered = 0;
        for (FlexOfferOptionISPType isp : offer.getOfferOptions().get(0).getISPS()) {
            for (long t = isp.getStart(); t < isp.getStart() + isp.getDuration(); t++) {
                power[(int) t - 1] = isp.getPower();
                covered++;
            }
        }
        assertThat(covered).isEqualTo(count);
        return power;
    }

    /** The FlexOffer the DSO's endpoint received in this conversation, as signed by this hub (signature checked). */
    private byte[] awaitOfferXml(String conversationId) {
        List<byte[]> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            found.clear();
            for (LoggedRequest r : DSO_SERVER.findAll(postRequestedFor(urlEqualTo(DSO_PATH)))) {
                byte[] payload;
                try {
                    payload = UftpTestPeer.codec().parse(r.getBody()).open(List.of(hubKey()));
                } catch (UftpTransportException otherHub) {
                    continue;
                }
                if (UftpTestPeer.parse(payload) instanceof FlexOffer o && conversationId.equals(o.getConversationID())) {
                    found.add(payload);
                }
            }
            assertThat(found).as("FlexOffer in " + conversationId).hasSize(1);
        });
        return found.get(0);
    }

    private static double sum(double[] values) {
        double s = 0.0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
