package io.flexhub.usef;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.AcceptedRejectedType;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestResponse;
import org.lfenergy.shapeshifter.api.PayloadMessageType;
import org.lfenergy.shapeshifter.api.TestMessage;
import org.lfenergy.shapeshifter.api.TestMessageResponse;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.flexhub.support.HubTestSupport;
import io.flexhub.support.UftpTestPeer;
import io.flexhub.usef.crypto.Cs1PublicKey;

/**
 * A DSO talks to the hub over real HTTP: signed FlexRequests in, signed functional responses out through the
 * outbox to the DSO's endpoint, and the message log shows what happened.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UsefEndToEndTest extends HubTestSupport {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hubProperties(registry);
        h2(registry);
    }

    @Autowired
    ObjectMapper json;

    @Autowired
    HubSigningKey hubKey;

    @BeforeEach
    void dsoUp() {
        dsoAccepts();
    }

    @Test
    void should_answer_a_valid_flex_request_with_a_signed_accepted_response_and_hand_it_on() throws Exception {
        FlexRequest request = DSO.flexRequest();

        HttpResponse<String> ack = postUftp(DSO.signed(request));

        assertThat(ack.statusCode()).isEqualTo(200);
        FlexRequestResponse response = awaitResponse(FlexRequestResponse.class, request.getMessageID());
        assertThat(response.getResult()).isEqualTo(AcceptedRejectedType.ACCEPTED);
        assertThat(response.getRejectionReason()).isNull();
        assertThat(response.getConversationID()).isEqualTo(request.getConversationID());
        assertThat(response.getSenderDomain()).isEqualTo(UftpTestPeer.HUB_DOMAIN);
        assertThat(response.getRecipientDomain()).isEqualTo(UftpTestPeer.DSO_DOMAIN);

        JsonNode entity = awaitMessage(request.getMessageID(), "handoff", "AWAITING_ENGINE");
        assertThat(entity.get("id").asText()).isEqualTo("urn:ngsi-ld:FlexRequest:" + request.getMessageID());
        assertThat(entity.at("/processingStatus/value").asText()).isEqualTo("ACCEPTED");
        assertThat(entity.at("/refResponse/object").asText())
                .isEqualTo("urn:ngsi-ld:FlexRequestResponse:" + response.getMessageID());
        assertThat(entity.at("/isps/value")).hasSize(96);
    }

    @Test
    void should_reject_a_flex_request_with_every_spec_reason_joined() throws Exception {
        FlexRequest request = DSO.flexRequest();
        request.getISPS().get(70).setMinPower(-1000L);
        request.getISPS().get(70).setMaxPower(1000L);
        request.setISPDuration(Duration.ofMinutes(30));

        assertThat(postUftp(DSO.signed(request)).statusCode()).isEqualTo(200);

        FlexRequestResponse response = awaitResponse(FlexRequestResponse.class, request.getMessageID());
        assertThat(response.getResult()).isEqualTo(AcceptedRejectedType.REJECTED);
        assertThat(response.getRejectionReason())
                .contains("ISP duration rejected")
                .contains("Requested Power discrepancy")
                .contains("; ");
        JsonNode entity = awaitMessage(request.getMessageID(), "processingStatus", "REJECTED");
        assertThat(entity.at("/rejectionReason/value").asText()).isEqualTo(response.getRejectionReason());
        assertThat(entity.has("handoff")).isFalse();
    }

    @Test
    void should_process_a_replayed_message_once_and_reject_a_reused_message_id() throws Exception {
        TestMessage test = DSO.header(new TestMessage(), java.util.UUID.randomUUID().toString());
        byte[] signed = DSO.signed(test);

        assertThat(postUftp(signed).statusCode()).isEqualTo(200);
        awaitResponse(TestMessageResponse.class, null, test.getConversationID());
        assertThat(postUftp(signed).statusCode()).isEqualTo(200);

        FlexRequest reused = DSO.flexRequest();
        reused.setMessageID(test.getMessageID());
        reused.setConversationID(test.getConversationID());
        assertThat(postUftp(DSO.signed(reused)).statusCode()).isEqualTo(200);
        FlexRequestResponse rejected = awaitResponse(FlexRequestResponse.class, reused.getMessageID());
        assertThat(rejected.getRejectionReason()).contains("Duplicate Identifier");
        assertThat(responsesIn(test.getConversationID(), TestMessageResponse.class)).hasSize(1);
    }

    @Test
    void should_report_the_hub_identity_with_the_key_it_signs_with() throws Exception {
        HttpResponse<String> identity = admin(HttpRequest.newBuilder(URI.create(url("/api/usef/identity"))).GET());
        JsonNode body = json.readTree(identity.body());
        assertThat(body.get("domain").asText()).isEqualTo(UftpTestPeer.HUB_DOMAIN);
        assertThat(body.get("publicKey").asText()).isEqualTo(hubKey.publicKeyCs1()).startsWith("cs1.");
    }

    private JsonNode awaitMessage(String messageId, String property, String value) throws Exception {
        JsonNode[] entity = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url("/api/usef/messages/" + messageId)))
                    .header("Accept", "application/ld+json").GET());
            assertThat(r.statusCode()).isEqualTo(200);
            entity[0] = json.readTree(r.body());
            assertThat(entity[0].at("/" + property + "/value").asText()).isEqualTo(value);
        });
        return entity[0];
    }

    <T extends PayloadMessageType> T awaitResponse(Class<T> type, String requestMessageId) {
        return awaitResponse(type, requestMessageId, null);
    }

    /** Waits until the DSO's endpoint received a response of this type to the request (or in the conversation). */
    <T extends PayloadMessageType> T awaitResponse(Class<T> type, String requestMessageId, String conversationId) {
        @SuppressWarnings("unchecked")
        T[] found = (T[]) new PayloadMessageType[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Optional<T> match = received(type).stream()
                    .filter(m -> requestMessageId == null || requestMessageId.equals(referencedId(m)))
                    .filter(m -> conversationId == null || conversationId.equals(m.getConversationID()))
                    .findFirst();
            assertThat(match).isPresent();
            found[0] = match.get();
        });
        return found[0];
    }

    <T extends PayloadMessageType> List<T> responsesIn(String conversationId, Class<T> type) {
        return received(type).stream().filter(m -> conversationId.equals(m.getConversationID())).toList();
    }

    /** Every message the DSO received, opened with the hub's published key (so the signature is checked). */
    <T extends PayloadMessageType> List<T> received(Class<T> type) {
        Cs1PublicKey hub = Cs1PublicKey.parse(hubKey.publicKeyCs1());
        return DSO_SERVER.findAll(postRequestedFor(urlEqualTo(DSO_PATH))).stream()
                .map(LoggedRequest::getBody)
                .map(body -> UftpTestPeer.codec().parse(body).open(List.of(hub)))
                .map(UftpTestPeer::parse)
                .filter(type::isInstance).map(type::cast).toList();
    }

    private static String referencedId(PayloadMessageType m) {
        return io.flexhub.usef.validation.UftpMessageType.of(m).referencedMessageId(m).orElse(null);
    }
}
