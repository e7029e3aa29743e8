package io.flexhub.usef;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lfenergy.shapeshifter.api.TestMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.flexhub.support.H2HubTest;
import io.flexhub.support.UftpTestPeer;
import io.flexhub.usef.store.OutboxStore;
import io.flexhub.usef.store.UftpMessageRecord;
import io.flexhub.usef.store.UftpMessageStore;
import io.flexhub.usef.validation.ContentDigest;

/** Nothing is lost: retries through peer outages, visible permanent failures, work resumed after a crash. */
@ExtendWith(OutputCaptureExtension.class)
class UsefReliabilityTest extends H2HubTest {

    @Autowired
    UftpMessageStore messages;

    @Autowired
    OutboxStore outbox;

    @Test
    void should_retry_with_back_off_until_the_peer_recovers() {
        DSO_SERVER.stubFor(post(urlEqualTo(DSO2_PATH)).inScenario("outage").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("still down"));
        DSO_SERVER.stubFor(post(urlEqualTo(DSO2_PATH)).inScenario("outage").whenScenarioStateIs("still down")
                .willReturn(aResponse().withStatus(404)).willSetStateTo("up"));
        DSO_SERVER.stubFor(post(urlEqualTo(DSO2_PATH)).inScenario("outage").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));
        TestMessage test = DSO2.header(new TestMessage(), UUID.randomUUID().toString());

        assertThat(postUftp(DSO2.signed(test)).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            UftpMessageRecord response = responseTo(test.getMessageID());
            assertThat(response.status()).isEqualTo("SENT");
            OutboxStore.OutboxEntry entry = outbox.findByMessage(response.id()).orElseThrow();
            assertThat(entry.attempts()).isEqualTo(3);
            assertThat(entry.lastHttpStatus()).isEqualTo(200);
        });
    }

    @Test
    void should_fail_visibly_and_alert_when_the_peer_refuses_permanently(CapturedOutput output) {
        DSO_SERVER.stubFor(post(urlEqualTo(DSO2_PATH)).atPriority(1)
                .willReturn(aResponse().withStatus(400).withBody("Invalid Message")));
        TestMessage test = DSO2.header(new TestMessage(), UUID.randomUUID().toString());
        try {
            assertThat(postUftp(DSO2.signed(test)).statusCode()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(responseTo(test.getMessageID()).status()).isEqualTo("FAILED"));
            JsonNode failed = read(admin(HttpRequest.newBuilder(URI.create(url("/api/usef/outbox?status=FAILED"))).GET())
                    .body());
            assertThat(failed.get("total").asLong()).isPositive();
            assertThat(failed.get("entries").findValuesAsText("messageId"))
                    .contains(responseTo(test.getMessageID()).messageId());
            assertThat(failed.get("entries").get(0).get("lastHttpStatus").asInt()).isEqualTo(400);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(output.getOut()).contains("ALERT UFTP delivery failed")
                            .contains("permanent HTTP 400"));
        } finally {
            DSO_SERVER.resetAll();
        }
    }

    @Test
    void should_follow_redirects_that_keep_the_post_at_most_twice_and_report_the_others() {
        String moved = "/dso2/moved/shapeshifter/api/v3/message";
        try {
            // a load balancer moving the endpoint: the same POST, the same envelope, reaches the new place
            DSO_SERVER.stubFor(post(urlEqualTo(DSO2_PATH)).atPriority(1).willReturn(aResponse().withStatus(307)
                    .withHeader("Location", moved)));
            DSO_SERVER.stubFor(post(urlEqualTo(moved)).atPriority(1).willReturn(aResponse().withStatus(200)));
            TestMessage followed = DSO2.header(new TestMessage(), UUID.randomUUID().toString());
            assertThat(postUftp(DSO2.signed(followed)).statusCode()).isEqualTo(200);
            OutboxStore.OutboxEntry sent = await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(
                    () -> outbox.findByMessage(responseTo(followed.getMessageID()).id()).orElseThrow(),
                    e -> "SENT".equals(e.status()));
            assertThat(sent.attempts()).isEqualTo(1);
            assertThat(sent.lastHttpStatus()).isEqualTo(200);
            assertThat(DSO_SERVER.findAll(postRequestedFor(urlEqualTo(moved))))
                    .anySatisfy(r -> assertThat(r.getBodyAsString()).isEqualTo(sent.envelopeXml()));

            // a 302 would make the POST a GET and lose the message: not followed, an attempt that failed
            DSO_SERVER.stubFor(post(urlEqualTo(DSO2_PATH)).atPriority(1).willReturn(aResponse().withStatus(302)
                    .withHeader("Location", moved)));
            TestMessage found = DSO2.header(new TestMessage(), UUID.randomUUID().toString());
            assertThat(postUftp(DSO2.signed(found)).statusCode()).isEqualTo(200);
            OutboxStore.OutboxEntry refused = await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(
                    () -> outbox.findByMessage(responseTo(found.getMessageID()).id()).orElseThrow(),
                    e -> e.attempts() >= 1);
            assertThat(refused.lastHttpStatus()).isEqualTo(302);
            assertThat(refused.status()).isNotEqualTo("SENT");
            assertThat(DSO_SERVER.findAll(getRequestedFor(
                    urlEqualTo(moved)))).isEmpty();

            // a chain of redirects is followed for two hops; the third answer is reported as it was
            String again = moved.replace("moved", "moved-again");
            String third = moved.replace("moved", "moved-third");
            DSO_SERVER.stubFor(post(urlEqualTo(DSO2_PATH)).atPriority(1).willReturn(aResponse().withStatus(307)
                    .withHeader("Location", moved)));
            DSO_SERVER.stubFor(post(urlEqualTo(moved)).atPriority(1).willReturn(aResponse().withStatus(308)
                    .withHeader("Location", again)));
            DSO_SERVER.stubFor(post(urlEqualTo(again)).atPriority(1).willReturn(aResponse().withStatus(307)
                    .withHeader("Location", third)));
            TestMessage looped = DSO2.header(new TestMessage(), UUID.randomUUID().toString());
            assertThat(postUftp(DSO2.signed(looped)).statusCode()).isEqualTo(200);
            OutboxStore.OutboxEntry loop = await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(
                    () -> outbox.findByMessage(responseTo(looped.getMessageID()).id()).orElseThrow(),
                    e -> e.attempts() >= 1);
            assertThat(loop.lastHttpStatus()).isEqualTo(307);
            assertThat(DSO_SERVER.findAll(postRequestedFor(urlEqualTo(again)))).isNotEmpty();
            assertThat(DSO_SERVER.findAll(postRequestedFor(urlEqualTo(third)))).isEmpty();

            // the peer recovers: both are delivered and nothing is left retrying behind this test
            DSO_SERVER.stubFor(post(urlEqualTo(DSO2_PATH)).atPriority(0).willReturn(aResponse().withStatus(200)));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(responseTo(found.getMessageID()).status()).isEqualTo("SENT");
                assertThat(responseTo(looped.getMessageID()).status()).isEqualTo("SENT");
            });
        } finally {
            DSO_SERVER.resetAll();
        }
    }

    @Test
    void should_process_a_message_stored_before_a_crash_when_the_hub_comes_back() {
        dsoAccepts();
        TestMessage test = DSO.header(new TestMessage(), UUID.randomUUID().toString());
        byte[] xml = UftpTestPeer.xml(test);
        // the state a crash between "stored" and "processed" leaves behind: a RECEIVED row nobody queued
        messages.insert(new UftpMessageStore.NewMessage(UftpMessageRecord.Direction.IN, "TestMessage",
                test.getMessageID(), test.getConversationID(), UftpTestPeer.DSO_DOMAIN, "DSO", UftpTestPeer.HUB_DOMAIN,
                null, 0, new String(xml, StandardCharsets.UTF_8), ContentDigest.of(xml), null,
                UftpMessageRecord.InStatus.RECEIVED, null, Instant.now().minusSeconds(60)));

        JsonNode entity = awaitMessage(test.getMessageID(), "processingStatus", "ACCEPTED");
        assertThat(entity.at("/refResponse/object").asText()).startsWith("urn:ngsi-ld:TestMessageResponse:");
    }

    @Test
    void should_let_only_one_worker_claim_an_outbox_entry() {
        TestMessage test = DSO.header(new TestMessage(), UUID.randomUUID().toString());
        byte[] xml = UftpTestPeer.xml(test);
        long pk = messages.insert(new UftpMessageStore.NewMessage(UftpMessageRecord.Direction.OUT, "TestMessage",
                test.getMessageID(), test.getConversationID(), UftpTestPeer.HUB_DOMAIN, "AGR", "nowhere.example",
                null, 0, new String(xml, StandardCharsets.UTF_8), ContentDigest.of(xml), "<SignedMessage/>",
                "PENDING", null, Instant.now()));
        Instant future = Instant.now().plusSeconds(3600);
        long id = outbox.enqueue(pk, "nowhere.example", "DSO", "http://127.0.0.1:9/", "<SignedMessage/>", future);

        Instant due = future.plusSeconds(1);
        assertThat(outbox.claim(id, "instance-a", due, due.plusSeconds(60))).isPresent();
        assertThat(outbox.claim(id, "instance-b", due, due.plusSeconds(60))).isEmpty();
        assertThat(outbox.claim(id, "instance-b", due.plusSeconds(61), due.plusSeconds(120)))
                .as("a lease that ran out is taken over").isPresent();
    }

    /**
     * What a crash between queueing a response and recording the message as processed leaves behind (seen on H2 in
     * CrashDurabilityIT: a TestMessage answered twice, with two MessageIDs): the message is processed again, and
     * must take the response it has instead of sending a second one.
     */
    @Test
    void should_not_answer_again_a_message_whose_response_was_queued_before_a_crash() {
        dsoAccepts();
        TestMessage test = DSO.header(new TestMessage(), UUID.randomUUID().toString());
        byte[] xml = UftpTestPeer.xml(test);
        long id = messages.insert(new UftpMessageStore.NewMessage(UftpMessageRecord.Direction.IN, "TestMessage",
                test.getMessageID(), test.getConversationID(), UftpTestPeer.DSO_DOMAIN, "DSO", UftpTestPeer.HUB_DOMAIN,
                null, 0, new String(xml, StandardCharsets.UTF_8), ContentDigest.of(xml), null,
                UftpMessageRecord.InStatus.RECEIVED, null, Instant.now().minusSeconds(60)));
        String earlier = UUID.randomUUID().toString();
        messages.insert(new UftpMessageStore.NewMessage(UftpMessageRecord.Direction.OUT, "TestMessageResponse",
                earlier, test.getConversationID(), UftpTestPeer.HUB_DOMAIN, "AGR", UftpTestPeer.DSO_DOMAIN,
                test.getMessageID(), 0, "<TestMessageResponse/>", "sha", "<SignedMessage/>", "PENDING", null,
                Instant.now().minusSeconds(59)), id);

        JsonNode entity = awaitMessage(test.getMessageID(), "processingStatus", "ACCEPTED");

        assertThat(entity.at("/refResponse/object").asText()).isEqualTo("urn:ngsi-ld:TestMessageResponse:" + earlier);
        assertThat(messages.list(test.getConversationID(), "TestMessageResponse", 10, 0)).hasSize(1);
    }

    /**
     * The in-memory queue and the recovery poll may both hand the same row to this instance's two consumers: the
     * second must not claim what the first is processing, or the message is answered twice (seen in
     * CrashDurabilityIT: one TestMessage with two TestMessageResponses after a restart).
     */
    @Test
    void should_let_only_one_worker_of_an_instance_claim_a_received_message() {
        TestMessage test = DSO.header(new TestMessage(), UUID.randomUUID().toString());
        byte[] xml = UftpTestPeer.xml(test);
        Instant future = Instant.now().plusSeconds(3600);
        long id = messages.insert(new UftpMessageStore.NewMessage(UftpMessageRecord.Direction.IN, "TestMessage",
                test.getMessageID(), test.getConversationID(), UftpTestPeer.DSO_DOMAIN, "DSO", UftpTestPeer.HUB_DOMAIN,
                null, 0, new String(xml, StandardCharsets.UTF_8), ContentDigest.of(xml), null,
                UftpMessageRecord.InStatus.RECEIVED, null, future));

        assertThat(messages.claim(id, "instance-a", future, future.plusSeconds(120))).isTrue();
        assertThat(messages.claim(id, "instance-a", future.plusSeconds(1), future.plusSeconds(121)))
                .as("the same instance's second consumer").isFalse();
        assertThat(messages.claim(id, "instance-b", future.plusSeconds(121), future.plusSeconds(240)))
                .as("a lease that ran out is taken over").isTrue();
    }

    private UftpMessageRecord responseTo(String requestMessageId) {
        UftpMessageRecord request = messages.findByMessageId(requestMessageId).orElseThrow();
        assertThat(request.responseMessageId()).isNotNull();
        return messages.findByMessageId(request.responseMessageId()).orElseThrow();
    }
}
