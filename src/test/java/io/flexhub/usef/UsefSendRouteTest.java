package io.flexhub.usef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.TestMessage;
import org.springframework.beans.factory.annotation.Autowired;

import io.flexhub.support.H2RouteTest;
import io.flexhub.usef.store.OutboxStore;
import io.flexhub.usef.store.OutboxStore.OutboxEntry;
import io.flexhub.usef.store.UftpMessageRecord;
import io.flexhub.usef.store.UftpMessageStore;

/**
 * The outbox route's error paths at the route: its camel-http call to the peer ({@code to-uftp-peer}) is replaced by
 * what a peer can do to it (time out, answer 503), and the outbox row must record each attempt and deliver once the
 * peer behaves. In the route tests' context (see H2RouteTest): the advice changes the route.
 */
class UsefSendRouteTest extends H2RouteTest {

    /** What the stand-in peer does with each call; by default it accepts. */
    private static final AtomicReference<Processor> PEER = new AtomicReference<>();
    private static final Processor ACCEPTS = e -> e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
    @Autowired
    OutboxStore outbox;
    @Autowired
    UftpMessageStore messages;

    @BeforeEach
    void replacePeerCall() throws Exception {
        PEER.set(ACCEPTS);
        adviseOnce("usef-send", route -> route.weaveById("to-uftp-peer").replace()
                .process(e -> PEER.get().process(e)));
    }

    @AfterEach
    void peerAccepts() {
        PEER.set(ACCEPTS);
    }

    /** The outbox row of the hub's response to a TestMessage the DSO sends now. */
    private long sendTestMessage() {
        TestMessage test = DSO.header(new TestMessage(), UUID.randomUUID().toString());
        assertThat(postUftp(DSO.signed(test)).statusCode()).isEqualTo(200);
        return await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            UftpMessageRecord request = messages.findByMessageId(test.getMessageID()).orElseThrow();
            return messages.findByMessageId(request.responseMessageId()).orElseThrow().id();
        }, id -> id != null);
    }

    private OutboxEntry awaitEntry(long messagePk, java.util.function.Predicate<OutboxEntry> state) {
        return await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> outbox.findByMessage(messagePk).orElseThrow(), state);
    }

    @Test
    void should_record_a_timed_out_call_as_a_failed_attempt_and_deliver_when_the_peer_answers() {
        PEER.set(e -> {
            throw new SocketTimeoutException("Read timed out");
        });
        long pk = sendTestMessage();

        OutboxEntry failed = awaitEntry(pk, e -> e.attempts() >= 1);
        assertThat(failed.status()).isEqualTo("PENDING");
        assertThat(failed.lastHttpStatus()).isNull();
        assertThat(failed.lastError()).isEqualTo("SocketTimeoutException: Read timed out");
        assertThat(messages.findById(pk).orElseThrow().status()).isEqualTo("PENDING");

        PEER.set(ACCEPTS);
        OutboxEntry sent = awaitEntry(pk, e -> "SENT".equals(e.status()));
        assertThat(sent.attempts()).isGreaterThanOrEqualTo(2);
        assertThat(sent.lastHttpStatus()).isEqualTo(200);
        assertThat(messages.findById(pk).orElseThrow().status()).isEqualTo("SENT");
    }

    @Test
    void should_retry_a_peer_that_answers_503_with_its_answer_on_the_row() {
        PEER.set(e -> {
            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 503);
            e.getMessage().setBody("busy, try later");
        });
        long pk = sendTestMessage();

        OutboxEntry retried = awaitEntry(pk, e -> e.attempts() >= 2);
        assertThat(retried.status()).isEqualTo("PENDING");
        assertThat(retried.lastHttpStatus()).isEqualTo(503);
        assertThat(retried.lastError()).isEqualTo("busy, try later");
    }

    @Test
    void should_send_the_peer_the_signed_envelope_and_no_header_of_the_hub_but_its_content_type() {
        // by body: rows of the other tests may still be delivered while this one runs
        Map<String, Map<String, Object>> headersByBody = new ConcurrentHashMap<>();
        PEER.set(e -> {
            headersByBody.put(e.getMessage().getBody(String.class), Map.copyOf(e.getMessage().getHeaders()));
            ACCEPTS.process(e);
        });
        long pk = sendTestMessage();

        OutboxEntry sent = awaitEntry(pk, e -> "SENT".equals(e.status()));
        assertThat(sent.envelopeXml()).startsWith("<");
        assertThat(headersByBody).containsKey(sent.envelopeXml());
        assertThat(headersByBody.get(sent.envelopeXml())).containsOnlyKeys("Content-Type")
                .containsEntry("Content-Type", "text/xml; charset=utf-8");
    }
}
