package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpTestMessages.AGR;
import static io.flexhub.usef.validation.UftpTestMessages.CLOCK;
import static io.flexhub.usef.validation.UftpTestMessages.DSO;
import static io.flexhub.usef.validation.UftpTestMessages.flexOffer;
import static io.flexhub.usef.validation.UftpTestMessages.flexOrder;
import static io.flexhub.usef.validation.UftpTestMessages.flexRequest;
import static io.flexhub.usef.validation.UftpTestMessages.flexReservationUpdate;
import static io.flexhub.usef.validation.UftpTestMessages.flexSettlement;
import static io.flexhub.usef.validation.UftpTestMessages.metering;
import static io.flexhub.usef.validation.UftpTestMessages.orderSettlement;
import static io.flexhub.usef.validation.UftpTestMessages.testMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.AcceptedDisputedType;
import org.lfenergy.shapeshifter.api.AcceptedRejectedType;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderResponse;
import org.lfenergy.shapeshifter.api.FlexOrderSettlementStatusType;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestResponse;
import org.lfenergy.shapeshifter.api.FlexReservationUpdate;
import org.lfenergy.shapeshifter.api.FlexReservationUpdateResponse;
import org.lfenergy.shapeshifter.api.FlexSettlement;
import org.lfenergy.shapeshifter.api.FlexSettlementResponse;
import org.lfenergy.shapeshifter.api.Metering;
import org.lfenergy.shapeshifter.api.MeteringResponse;
import org.lfenergy.shapeshifter.api.PayloadMessageType;
import org.lfenergy.shapeshifter.api.TestMessage;
import org.lfenergy.shapeshifter.api.TestMessageResponse;

class UftpResponsesTest {

    private static final UUID RESPONSE_ID = UUID.fromString("0f0e0d0c-0b0a-4000-8000-000000000099");
    private static final OffsetDateTime NOW_UTC = OffsetDateTime.of(2026, 3, 28, 10, 0, 0, 0, ZoneOffset.UTC);

    private final UftpResponses responses = new UftpResponses(AGR, CLOCK, () -> RESPONSE_ID);

    @Test
    void should_answer_a_flex_request_with_every_attribute_when_accepted() {
        FlexRequest request = flexRequest();

        FlexRequestResponse response = responses.respondTo(request, ValidationResult.accepted());

        assertMetadata(response, request);
        assertThat(response.getFlexRequestMessageID()).isEqualTo(request.getMessageID());
        assertThat(response.getResult()).isEqualTo(AcceptedRejectedType.ACCEPTED);
        assertThat(response.getRejectionReason()).isNull();
    }

    @Test
    void should_join_the_reasons_when_the_flex_request_is_rejected() {
        FlexRequest request = flexRequest();
        ValidationResult rejected =
                ValidationResult.of(List.of("Lacking Requested Disposition", "ISP conflict (ISP 2 defined more than once)"));

        FlexRequestResponse response = responses.respondTo(request, rejected);

        assertThat(response.getResult()).isEqualTo(AcceptedRejectedType.REJECTED);
        assertThat(response.getRejectionReason())
                .isEqualTo("Lacking Requested Disposition; ISP conflict (ISP 2 defined more than once)");
    }

    @Test
    void should_answer_as_accepted_when_the_request_was_already_submitted() {
        FlexRequestResponse response = responses.respondTo(flexRequest(), ValidationResult.alreadySubmitted());

        assertThat(response.getResult()).isEqualTo(AcceptedRejectedType.ACCEPTED);
        assertThat(response.getRejectionReason()).isNull();
    }

    @Test
    void should_answer_a_flex_order_with_its_message_id_when_rejected() {
        FlexOrder order = flexOrder(flexOffer(flexRequest()));

        FlexOrderResponse response =
                responses.respondTo(order, ValidationResult.of(List.of("Reference message revoked")));

        assertMetadata(response, order);
        assertThat(response.getFlexOrderMessageID()).isEqualTo(order.getMessageID());
        assertThat(response.getResult()).isEqualTo(AcceptedRejectedType.REJECTED);
        assertThat(response.getRejectionReason()).isEqualTo("Reference message revoked");
    }

    @Test
    void should_answer_a_reservation_update_with_its_message_id_when_accepted() {
        FlexReservationUpdate update = flexReservationUpdate();

        FlexReservationUpdateResponse response = responses.respondTo(update, ValidationResult.accepted());

        assertMetadata(response, update);
        assertThat(response.getFlexReservationUpdateMessageID()).isEqualTo(update.getMessageID());
        assertThat(response.getResult()).isEqualTo(AcceptedRejectedType.ACCEPTED);
        assertThat(response.getRejectionReason()).isNull();
    }

    @Test
    void should_answer_metering_with_its_message_id_when_accepted() {
        Metering metering = metering();
        metering.setSenderDomain(DSO);
        metering.setRecipientDomain(AGR);

        MeteringResponse response = responses.respondTo(metering, ValidationResult.accepted());

        assertMetadata(response, metering);
        assertThat(response.getMeteringMessageID()).isEqualTo(metering.getMessageID());
        assertThat(response.getResult()).isEqualTo(AcceptedRejectedType.ACCEPTED);
    }

    @Test
    void should_answer_a_test_message_with_metadata_only() {
        TestMessage message = testMessage();

        TestMessageResponse response = responses.respondTo(message);

        assertMetadata(response, message);
    }

    @Test
    void should_accept_every_settled_order_when_no_dispute_is_given() {
        FlexSettlement settlement = flexSettlement();
        settlement.getFlexOrderSettlements().add(orderSettlement("ORD-2", UftpTestMessages.PERIOD));

        FlexSettlementResponse response = responses.respondTo(settlement, ValidationResult.accepted());

        assertMetadata(response, settlement);
        assertThat(response.getFlexSettlementMessageID()).isEqualTo(settlement.getMessageID());
        assertThat(response.getResult()).isEqualTo(AcceptedRejectedType.ACCEPTED);
        assertThat(response.getRejectionReason()).isNull();
        assertThat(response.getFlexOrderSettlementStatuses())
                .extracting(FlexOrderSettlementStatusType::getOrderReference,
                        FlexOrderSettlementStatusType::getDisposition, FlexOrderSettlementStatusType::getDisputeReason)
                .containsExactly(
                        tuple("ORD-1", AcceptedDisputedType.ACCEPTED, null),
                        tuple("ORD-2", AcceptedDisputedType.ACCEPTED, null));
    }

    @Test
    void should_dispute_only_the_named_orders_when_disputes_are_given() {
        FlexSettlement settlement = flexSettlement();
        settlement.getFlexOrderSettlements().add(orderSettlement("ORD-2", UftpTestMessages.PERIOD));
        settlement.getFlexOrderSettlements().add(orderSettlement(null, UftpTestMessages.PERIOD));

        FlexSettlementResponse response = responses.respondTo(settlement, ValidationResult.accepted(),
                Map.of("ORD-2", "Delivered 2500 W, settled 2000 W"));

        assertThat(response.getResult()).isEqualTo(AcceptedRejectedType.ACCEPTED);
        assertThat(response.getFlexOrderSettlementStatuses())
                .extracting(FlexOrderSettlementStatusType::getOrderReference,
                        FlexOrderSettlementStatusType::getDisposition, FlexOrderSettlementStatusType::getDisputeReason)
                .containsExactly(
                        tuple("ORD-1", AcceptedDisputedType.ACCEPTED, null),
                        tuple("ORD-2", AcceptedDisputedType.DISPUTED,
                                "Delivered 2500 W, settled 2000 W"),
                        tuple(null, AcceptedDisputedType.ACCEPTED, null));
    }

    @Test
    void should_build_the_paired_response_class_when_only_the_base_type_is_known() {
        PayloadMessageType request = flexSettlement();

        PayloadMessageType response = responses.respondTo(request, ValidationResult.accepted());

        assertThat(response).isInstanceOf(FlexSettlementResponse.class);
        assertThat(((FlexSettlementResponse) response).getFlexOrderSettlementStatuses()).hasSize(1);
        assertThat(responses.respondTo((PayloadMessageType) flexRequest(), ValidationResult.accepted()))
                .isInstanceOf(FlexRequestResponse.class);
    }

    @Test
    void should_echo_the_request_version_when_it_is_supported() {
        FlexRequest request = flexRequest();
        request.setVersion("3.1.0");

        assertThat(responses.respondTo(request, ValidationResult.accepted()).getVersion()).isEqualTo("3.1.0");
    }

    @Test
    void should_send_version_3_0_0_when_the_request_version_is_unsupported() {
        FlexRequest request = flexRequest();
        request.setVersion("2.0.0");

        FlexRequestResponse response =
                responses.respondTo(request, ValidationResult.of(List.of("Invalid Message: unsupported Version 2.0.0")));

        assertThat(response.getVersion()).isEqualTo("3.0.0");
    }

    @Test
    void should_create_a_new_random_message_id_when_no_generator_is_given() {
        FlexRequest request = flexRequest();
        UftpResponses random = new UftpResponses(AGR, CLOCK);

        String first = random.respondTo(request, ValidationResult.accepted()).getMessageID();
        String second = random.respondTo(request, ValidationResult.accepted()).getMessageID();

        assertThat(UUID.fromString(first).version()).isEqualTo(4);
        assertThat(first).isNotEqualTo(second).isNotEqualTo(request.getMessageID());
    }

    @Test
    void should_refuse_when_the_message_is_no_request() {
        PayloadMessageType response = responses.respondTo(flexRequest(), ValidationResult.accepted());

        assertThatThrownBy(() -> responses.respondTo(response, ValidationResult.accepted()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FlexRequestResponse is not a request");
    }

    private static void assertMetadata(PayloadMessageType response, PayloadMessageType request) {
        assertThat(response.getVersion()).isEqualTo("3.0.0");
        assertThat(response.getSenderDomain()).isEqualTo(AGR);
        assertThat(response.getRecipientDomain()).isEqualTo(request.getSenderDomain());
        assertThat(response.getTimeStamp()).isEqualTo(NOW_UTC);
        assertThat(response.getTimeStamp().getOffset()).isEqualTo(ZoneOffset.UTC);
        assertThat(response.getMessageID()).isEqualTo(RESPONSE_ID.toString());
        assertThat(response.getConversationID()).isEqualTo(request.getConversationID());
    }
}
