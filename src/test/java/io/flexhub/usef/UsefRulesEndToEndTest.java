package io.flexhub.usef;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.AcceptedDisputedType;
import org.lfenergy.shapeshifter.api.AcceptedRejectedType;
import org.lfenergy.shapeshifter.api.ContractSettlementISPType;
import org.lfenergy.shapeshifter.api.ContractSettlementPeriodType;
import org.lfenergy.shapeshifter.api.ContractSettlementType;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderISPType;
import org.lfenergy.shapeshifter.api.FlexOrderResponse;
import org.lfenergy.shapeshifter.api.FlexOrderSettlementISPType;
import org.lfenergy.shapeshifter.api.FlexOrderSettlementType;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestResponse;
import org.lfenergy.shapeshifter.api.FlexReservationUpdate;
import org.lfenergy.shapeshifter.api.FlexReservationUpdateISPType;
import org.lfenergy.shapeshifter.api.FlexReservationUpdateResponse;
import org.lfenergy.shapeshifter.api.FlexSettlement;
import org.lfenergy.shapeshifter.api.FlexSettlementResponse;

import io.flexhub.support.H2HubTest;
import io.flexhub.support.UftpTestPeer;

/**
 * Spec rules that need the hub's configuration and records, end to end: a signed message in, the signed
 * functional response out at the sender's endpoint.
 */
class UsefRulesEndToEndTest extends H2HubTest {

    @BeforeEach
    void peersUp() {
        dsoAccepts();
        DSO_SERVER.stubFor(post(urlEqualTo(BARRED_PATH)).willReturn(aResponse().withStatus(200)));
    }

    @Test
    void should_reject_a_flex_request_under_a_contract_the_dso_does_not_have() {
        FlexRequest request = DSO.flexRequest();
        request.setContractID("OTHER-CONTRACT");

        FlexRequestResponse response = answer(request);

        assertThat(response.getResult()).isEqualTo(AcceptedRejectedType.REJECTED);
        assertThat(response.getRejectionReason()).isEqualTo("Unknown reference ContractID (OTHER-CONTRACT)");
    }

    @Test
    void should_accept_a_flex_request_under_the_contract_configured_for_the_dso() {
        FlexRequest request = DSO.flexRequest();
        request.setContractID(DSO_CONTRACT);

        FlexRequestResponse response = answer(request);

        assertThat(response.getResult()).isEqualTo(AcceptedRejectedType.ACCEPTED);
        assertThat(response.getRejectionReason()).isNull();
        awaitEngine(request.getMessageID());
    }

    @Test
    void should_answer_a_barred_sender_with_a_signed_rejection_and_process_nothing() {
        FlexRequest request = BARRED.flexRequest();

        assertThat(postUftp(BARRED.signed(request)).statusCode()).isEqualTo(200);

        FlexRequestResponse response = await().atMost(Duration.ofSeconds(30)).until(
                () -> received(FlexRequestResponse.class, BARRED_PATH).stream()
                        .filter(r -> r.getFlexRequestMessageID().equals(request.getMessageID())).toList(),
                responses -> !responses.isEmpty()).get(0);
        assertThat(response.getResult()).isEqualTo(AcceptedRejectedType.REJECTED);
        assertThat(response.getRejectionReason()).isEqualTo("Barred Sender");
        assertThat(response.getRecipientDomain()).isEqualTo(BARRED.domain());
        assertThat(awaitMessage(request.getMessageID(), "processingStatus", "REJECTED").has("handoff")).isFalse();
    }

    @Test
    void should_reject_a_reservation_update_that_raises_what_an_earlier_one_left_reserved() {
        String reference = "reservation-" + UUID.randomUUID();
        FlexReservationUpdate first = reservationUpdate(reference, 1, 96, 5_000);
        assertThat(postUftp(DSO.signed(first)).statusCode()).isEqualTo(200);
        assertThat(awaitResponse(FlexReservationUpdateResponse.class, first.getMessageID()).getResult())
                .isEqualTo(AcceptedRejectedType.ACCEPTED);

        FlexReservationUpdate raised = reservationUpdate(reference, 41, 8, 6_000);
        raised.setConversationID(first.getConversationID());
        assertThat(postUftp(DSO.signed(raised)).statusCode()).isEqualTo(200);

        FlexReservationUpdateResponse response = awaitResponse(FlexReservationUpdateResponse.class,
                raised.getMessageID());
        assertThat(response.getResult()).isEqualTo(AcceptedRejectedType.REJECTED);
        assertThat(response.getRejectionReason())
                .isEqualTo("Reservation increase (ISPs 41-48 above what Reference " + reference + " left reserved)");
    }

    @Test
    void should_accept_a_settlement_and_dispute_the_order_the_hub_never_accepted() {
        String unknownOrder = "ORDER-" + UUID.randomUUID();
        FlexSettlement settlement = settlement(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 31), unknownOrder);

        assertThat(postUftp(DSO.signed(settlement)).statusCode()).isEqualTo(200);

        FlexSettlementResponse response = awaitResponse(FlexSettlementResponse.class, settlement.getMessageID());
        assertThat(response.getResult()).isEqualTo(AcceptedRejectedType.ACCEPTED);
        assertThat(response.getFlexOrderSettlementStatuses()).singleElement().satisfies(status -> {
            assertThat(status.getOrderReference()).isEqualTo(unknownOrder);
            assertThat(status.getDisposition()).isEqualTo(AcceptedDisputedType.DISPUTED);
            assertThat(status.getDisputeReason())
                    .isEqualTo("no FlexOrder with OrderReference " + unknownOrder + " was accepted");
        });
    }

    @Test
    void should_reject_a_settlement_of_days_the_dso_settled_before() {
        FlexSettlement february = settlement(LocalDate.of(2025, 2, 1), LocalDate.of(2025, 2, 28), null);
        assertThat(postUftp(DSO.signed(february)).statusCode()).isEqualTo(200);
        assertThat(awaitResponse(FlexSettlementResponse.class, february.getMessageID()).getResult())
                .isEqualTo(AcceptedRejectedType.ACCEPTED);

        FlexSettlement overlapping = settlement(LocalDate.of(2025, 2, 15), LocalDate.of(2025, 3, 14), null);
        assertThat(postUftp(DSO.signed(overlapping)).statusCode()).isEqualTo(200);

        FlexSettlementResponse response = awaitResponse(FlexSettlementResponse.class, overlapping.getMessageID());
        assertThat(response.getResult()).isEqualTo(AcceptedRejectedType.REJECTED);
        assertThat(response.getRejectionReason()).isEqualTo("Period already settled (2025-02-01..2025-02-28 by "
                + "FlexSettlement " + february.getMessageID() + ")");
    }

    @Test
    void should_reject_a_flex_order_whose_baseline_is_a_d_prognosis_the_hub_never_sent() {
        FlexRequest template = DSO.flexRequest();
        FlexOrder order = DSO.header(new FlexOrder(), UUID.randomUUID().toString());
        order.setISPDuration(template.getISPDuration());
        order.setTimeZone(template.getTimeZone());
        order.setPeriod(template.getPeriod());
        order.setCongestionPoint(template.getCongestionPoint());
        order.setFlexOfferMessageID(UUID.randomUUID().toString());
        String prognosis = UUID.randomUUID().toString();
        order.setDPrognosisMessageID(prognosis);
        order.setPrice(new BigDecimal("10.0000"));
        order.setCurrency("EUR");
        order.setOrderReference("ORDER-" + UUID.randomUUID());
        FlexOrderISPType isp = new FlexOrderISPType();
        isp.setStart(69L);
        isp.setDuration(4L);
        isp.setPower(-5_000L);
        order.getISPS().add(isp);

        assertThat(postUftp(DSO.signed(order)).statusCode()).isEqualTo(200);

        FlexOrderResponse response = awaitResponse(FlexOrderResponse.class, order.getMessageID());
        assertThat(response.getResult()).isEqualTo(AcceptedRejectedType.REJECTED);
        assertThat(response.getRejectionReason())
                .contains("Unknown reference D-PrognosisMessageID (" + prognosis + ")");
    }

    /** One order settled on the demo building in the middle of the period, and the DSO's contract. */
    private static FlexSettlement settlement(LocalDate start, LocalDate end, String orderReference) {
        LocalDate day = start.plusDays(14);
        FlexSettlement settlement = DSO.header(new FlexSettlement(), UUID.randomUUID().toString());
        settlement.setResult(AcceptedRejectedType.ACCEPTED);
        settlement.setPeriodStart(start);
        settlement.setPeriodEnd(end);
        settlement.setCurrency("EUR");
        FlexOrderSettlementType order = new FlexOrderSettlementType();
        order.setOrderReference(orderReference);
        order.setPeriod(day);
        order.setCongestionPoint(UftpTestPeer.CONGESTION_POINT);
        order.setPrice(new BigDecimal("12.5000"));
        order.setNetSettlement(new BigDecimal("12.5000"));
        FlexOrderSettlementISPType orderIsp = new FlexOrderSettlementISPType();
        orderIsp.setStart(69L);
        orderIsp.setDuration(4L);
        orderIsp.setBaselinePower(40_000L);
        orderIsp.setOrderedFlexPower(-10_000L);
        orderIsp.setActualPower(30_000L);
        orderIsp.setDeliveredFlexPower(-10_000L);
        order.getISPS().add(orderIsp);
        settlement.getFlexOrderSettlements().add(order);
        ContractSettlementType contract = new ContractSettlementType();
        contract.setContractID(DSO_CONTRACT);
        ContractSettlementPeriodType period = new ContractSettlementPeriodType();
        period.setPeriod(day);
        ContractSettlementISPType reserved = new ContractSettlementISPType();
        reserved.setStart(1L);
        reserved.setDuration(96L);
        reserved.setReservedPower(5_000L);
        period.getISPS().add(reserved);
        contract.getPeriods().add(period);
        settlement.getContractSettlements().add(contract);
        return settlement;
    }

    /** Tomorrow's reservation under the DSO's contract: the remaining reserved power for ISPs start..start+n-1. */
    private static FlexReservationUpdate reservationUpdate(String reference, long start, long duration, long power) {
        FlexRequest template = DSO.flexRequest();
        FlexReservationUpdate update = DSO.header(new FlexReservationUpdate(), UUID.randomUUID().toString());
        update.setISPDuration(template.getISPDuration());
        update.setTimeZone(template.getTimeZone());
        update.setPeriod(template.getPeriod());
        update.setCongestionPoint(template.getCongestionPoint());
        update.setContractID(DSO_CONTRACT);
        update.setReference(reference);
        FlexReservationUpdateISPType isp = new FlexReservationUpdateISPType();
        isp.setStart(start);
        isp.setDuration(duration);
        isp.setPower(power);
        update.getISPS().add(isp);
        return update;
    }

    private FlexRequestResponse answer(FlexRequest request) {
        assertThat(postUftp(DSO.signed(request)).statusCode()).isEqualTo(200);
        return awaitResponse(FlexRequestResponse.class, request.getMessageID());
    }
}
