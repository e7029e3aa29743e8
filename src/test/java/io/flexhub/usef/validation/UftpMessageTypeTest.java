package io.flexhub.usef.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.lfenergy.shapeshifter.api.AGRPortfolioQueryResponse;
import org.lfenergy.shapeshifter.api.DPrognosisResponse;
import org.lfenergy.shapeshifter.api.FlexOfferResponse;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexReservationUpdate;
import org.lfenergy.shapeshifter.api.FlexSettlement;
import org.lfenergy.shapeshifter.api.FlexSettlementResponse;
import org.lfenergy.shapeshifter.api.PayloadMessageType;
import org.lfenergy.shapeshifter.api.SignedMessage;
import org.lfenergy.shapeshifter.api.TestMessage;
import org.lfenergy.shapeshifter.api.USEFRoleType;

class UftpMessageTypeTest {

    @ParameterizedTest
    @CsvSource({
            "FlexRequest, FlexRequestResponse, FlexRequestMessageID",
            "FlexOffer, FlexOfferResponse, FlexOfferMessageID",
            "FlexOfferRevocation, FlexOfferRevocationResponse, FlexOfferRevocationMessageID",
            "FlexOrder, FlexOrderResponse, FlexOrderMessageID",
            "FlexReservationUpdate, FlexReservationUpdateResponse, FlexReservationUpdateMessageID",
            "D-Prognosis, D-PrognosisResponse, D-PrognosisMessageID",
            "FlexSettlement, FlexSettlementResponse, FlexSettlementMessageID",
            "Metering, MeteringResponse, MeteringMessageID",
            "AGRPortfolioUpdate, AGRPortfolioUpdateResponse, AGRPortfolioUpdateMessageID",
            "AGRPortfolioQuery, AGRPortfolioQueryResponse, AGRPortfolioQueryMessageID",
            "DSOPortfolioUpdate, DSOPortfolioUpdateResponse, DSOPortfolioUpdateResponseMessageID",
            "DSOPortfolioQuery, DSOPortfolioQueryResponse, DSOPortfolioQueryMessageID"
    })
    void should_pair_request_response_and_reference_attribute_when_looked_up_by_root_name(String request,
            String response, String attribute) {
        UftpMessageType requestType = UftpMessageType.ofRootName(request).orElseThrow();
        UftpMessageType responseType = UftpMessageType.ofRootName(response).orElseThrow();

        assertThat(requestType.response()).contains(responseType);
        assertThat(responseType.request()).contains(requestType);
        assertThat(responseType.referenceAttribute()).contains(attribute);
        assertThat(requestType.referenceAttribute()).isEmpty();
    }

    @Test
    void should_pair_the_test_message_without_reference_attribute() {
        assertThat(UftpMessageType.TEST_MESSAGE.response()).contains(UftpMessageType.TEST_MESSAGE_RESPONSE);
        assertThat(UftpMessageType.TEST_MESSAGE_RESPONSE.referenceAttribute()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(UftpMessageType.class)
    void should_read_back_the_reference_when_a_response_reference_is_set(UftpMessageType type) {
        PayloadMessageType message = type.newInstance();
        type.setReferencedMessageId(message, "id-1");

        assertThat(type.javaType()).isInstanceOf(Class.class).isEqualTo(message.getClass());
        assertThat(type.referencedMessageId(message))
                .isEqualTo(type.referenceAttribute().isPresent() ? Optional.of("id-1") : Optional.empty());
        assertThat(UftpMessageType.of(message)).isEqualTo(type);
    }

    @Test
    void should_know_every_root_element_when_the_xsd_declares_it() {
        assertThat(Arrays.stream(UftpMessageType.values()).map(UftpMessageType::rootName)).contains("D-Prognosis",
                "D-PrognosisResponse", "TestMessageResponse", "DSOPortfolioQueryResponse");
        assertThat(UftpMessageType.ofRootName("SignedMessage")).isEmpty();
    }

    @Test
    void should_refuse_a_class_when_it_is_no_payload_message() {
        assertThatThrownBy(() -> UftpMessageType.of(SignedMessage.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Not a UFTP message class: org.lfenergy.shapeshifter.api.SignedMessage");
    }

    @Test
    void should_expect_the_dso_when_the_message_is_one_the_aggregator_receives_from_it() {
        for (Class<? extends PayloadMessageType> type : List.of(FlexRequest.class, FlexOrder.class,
                FlexReservationUpdate.class, FlexSettlement.class, FlexOfferResponse.class, DPrognosisResponse.class)) {
            assertThat(UftpRoles.expectedSenderRole(type)).as(type.getSimpleName()).contains(USEFRoleType.DSO);
        }
    }

    @Test
    void should_expect_the_cro_when_the_message_is_a_portfolio_response() {
        assertThat(UftpRoles.expectedSenderRole(AGRPortfolioQueryResponse.class)).contains(USEFRoleType.CRO);
        assertThat(UftpRoles.expectedSenderRole("AGRPortfolioUpdateResponse")).contains(USEFRoleType.CRO);
    }

    @Test
    void should_expect_the_aggregator_when_the_message_is_a_response_the_hub_sends() {
        assertThat(UftpRoles.expectedSenderRole(FlexSettlementResponse.class)).contains(USEFRoleType.AGR);
        assertThat(UftpRoles.expectedSenderRole("D-Prognosis")).contains(USEFRoleType.AGR);
    }

    @Test
    void should_expect_no_particular_role_when_the_message_is_a_test_message() {
        assertThat(UftpRoles.expectedSenderRole(TestMessage.class)).isEmpty();
        assertThat(UftpRoles.expectedSenderRole("TestMessageResponse")).isEmpty();
        for (USEFRoleType role : USEFRoleType.values()) {
            assertThat(UftpRoles.maySend(role, TestMessage.class)).isTrue();
        }
    }

    @Test
    void should_expect_no_role_when_the_root_name_is_unknown() {
        assertThat(UftpRoles.expectedSenderRole("FlexWish")).isEmpty();
    }

    @Test
    void should_refuse_a_sender_role_when_the_role_does_not_send_the_type() {
        assertThat(UftpRoles.maySend(USEFRoleType.AGR, FlexRequest.class)).isFalse();
        assertThat(UftpRoles.maySend(USEFRoleType.CRO, FlexOrder.class)).isFalse();
        assertThat(UftpRoles.maySend(USEFRoleType.DSO, FlexOrder.class)).isTrue();
    }
}
