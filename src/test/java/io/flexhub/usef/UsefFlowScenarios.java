package io.flexhub.usef;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.AcceptedRejectedType;
import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestResponse;
import org.lfenergy.shapeshifter.api.PayloadMessageType;
import org.lfenergy.shapeshifter.api.TestMessage;
import org.lfenergy.shapeshifter.api.TestMessageResponse;

import com.fasterxml.jackson.databind.JsonNode;

import io.flexhub.support.HubTestSupport;
import io.flexhub.support.UftpTestPeer;

/**
 * A DSO talks to the hub over real HTTP: signed messages in, signed functional responses out through the outbox
 * to the DSO's endpoint, and the message log shows what happened. Run on H2 and on PostgreSQL.
 */
interface UsefFlowScenarios {

    UftpTestPeer dso();

    HttpResponse<String> postUftp(byte[] body);

    JsonNode awaitMessage(String messageId, String property, String value);

    JsonNode awaitEngine(String flexRequestMessageId);

    <T extends PayloadMessageType> T awaitResponse(Class<T> type, String requestMessageId, String conversationId);

    <T extends PayloadMessageType> List<T> responsesIn(String conversationId, Class<T> type);

    @BeforeEach
    default void dsoUp() {
        HubTestSupport.dsoAccepts();
    }

    @Test
    default void should_answer_a_valid_flex_request_with_a_signed_accepted_response_and_hand_it_to_the_engine() {
        FlexRequest request = dso().flexRequest();

        HttpResponse<String> ack = postUftp(dso().signed(request));

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ack.body()).isEmpty();
        FlexRequestResponse response = awaitResponse(FlexRequestResponse.class, request.getMessageID(), null);
        assertThat(response.getResult()).isEqualTo(AcceptedRejectedType.ACCEPTED);
        assertThat(response.getRejectionReason()).isNull();
        assertThat(response.getConversationID()).isEqualTo(request.getConversationID());
        assertThat(response.getSenderDomain()).isEqualTo(UftpTestPeer.HUB_DOMAIN);
        assertThat(response.getRecipientDomain()).isEqualTo(UftpTestPeer.DSO_DOMAIN);

        // the engine takes it: it offers, or records why not (the demo building's devices may be committed to the
        // events of other tests)
        JsonNode entity = awaitEngine(request.getMessageID());
        if (entity.at("/handoff/value").asText().equals("OFFERED")) {
            FlexOffer offer = awaitResponse(FlexOffer.class, null, request.getConversationID());
            assertThat(offer.getFlexRequestMessageID()).isEqualTo(request.getMessageID());
        } else {
            assertThat(entity.at("/handoffReason/value").asText()).isNotBlank();
        }
        assertThat(entity.get("id").asText()).isEqualTo("urn:ngsi-ld:FlexRequest:" + request.getMessageID());
        assertThat(entity.at("/processingStatus/value").asText()).isEqualTo("ACCEPTED");
        assertThat(entity.at("/direction/value").asText()).isEqualTo("IN");
        assertThat(entity.at("/refResponse/object").asText())
                .isEqualTo("urn:ngsi-ld:FlexRequestResponse:" + response.getMessageID());
        assertThat(entity.at("/isps/value")).hasSize(96);
    }

    @Test
    default void should_reject_a_flex_request_with_every_spec_reason_joined() {
        FlexRequest request = dso().flexRequest();
        request.getISPS().get(70).setMinPower(-1000L);
        request.getISPS().get(70).setMaxPower(1000L);
        request.setISPDuration(Duration.ofMinutes(30));

        assertThat(postUftp(dso().signed(request)).statusCode()).isEqualTo(200);

        FlexRequestResponse response = awaitResponse(FlexRequestResponse.class, request.getMessageID(), null);
        assertThat(response.getResult()).isEqualTo(AcceptedRejectedType.REJECTED);
        assertThat(response.getRejectionReason())
                .contains("ISP duration rejected")
                .contains("Requested Power discrepancy (MinPower < 0 and MaxPower > 0 at ISP 71)")
                .contains("; ");
        JsonNode entity = awaitMessage(request.getMessageID(), "processingStatus", "REJECTED");
        assertThat(entity.at("/processingRejectionReason/value").asText()).isEqualTo(response.getRejectionReason());
        assertThat(entity.has("handoff")).isFalse();
    }

    @Test
    default void should_process_a_replayed_message_once_and_reject_a_reused_message_id() {
        TestMessage test = dso().header(new TestMessage(), UUID.randomUUID().toString());
        byte[] signed = dso().signed(test);

        assertThat(postUftp(signed).statusCode()).isEqualTo(200);
        awaitResponse(TestMessageResponse.class, null, test.getConversationID());
        assertThat(postUftp(signed).statusCode()).isEqualTo(200);

        FlexRequest reused = dso().flexRequest();
        reused.setMessageID(test.getMessageID());
        reused.setConversationID(test.getConversationID());
        assertThat(postUftp(dso().signed(reused)).statusCode()).isEqualTo(200);
        FlexRequestResponse rejected = awaitResponse(FlexRequestResponse.class, reused.getMessageID(),
                reused.getConversationID());
        assertThat(rejected.getRejectionReason()).contains("Duplicate Identifier");
        assertThat(responsesIn(test.getConversationID(), TestMessageResponse.class)).hasSize(1);
    }
}
