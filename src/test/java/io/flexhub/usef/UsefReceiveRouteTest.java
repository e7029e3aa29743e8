package io.flexhub.usef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongPredicate;

import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.TestMessage;
import org.springframework.beans.factory.annotation.Autowired;

import io.flexhub.support.H2RouteTest;
import io.flexhub.support.UftpTestPeer;
import io.flexhub.usef.store.UftpMessageRecord;
import io.flexhub.usef.store.UftpMessageStore;

/**
 * The UFTP receipt and processing routes at route level: what usef-receive answers for an envelope it refuses (and
 * that nothing reaches the processing queue), and the background error policy of usef-process-message when its
 * bean fails (the row stays RECEIVED and the recovery poll processes it once the failure is gone).
 */
class UsefReceiveRouteTest extends H2RouteTest {

    /** Which stored rows the processing step fails on; by default none. */
    private static final AtomicReference<LongPredicate> FAILS = new AtomicReference<>(row -> false);
    /** The rows the processing step failed on, once per attempt. */
    private static final List<Long> FAILED_ATTEMPTS = new CopyOnWriteArrayList<>();

    @Autowired
    ProducerTemplate producer;
    @Autowired
    UftpMessageStore messages;
    @EndpointInject("mock:usef-process-queue")
    MockEndpoint queue;

    @BeforeEach
    void advise() throws Exception {
        FAILS.set(row -> false);
        adviseOnce("usef-receive", route -> route.weaveById("to-usef-process-queue").before()
                .to("mock:usef-process-queue"));
        adviseOnce("usef-process-message", route -> route.weaveById("validate-and-respond").before().process(e -> {
            long row = e.getMessage().getBody(Long.class);
            if (FAILS.get().test(row)) {
                FAILED_ATTEMPTS.add(row);
                throw new IllegalStateException("database unavailable (test)");
            }
        }));
    }

    @AfterEach
    void processingWorks() {
        FAILS.set(row -> false);
    }

    private Exchange receive(byte[] body) {
        // what the HTTP entry hands the route besides the body: none of it may go back to the peer
        return producer.request("direct:usef-receive", e -> {
            e.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
            e.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/xml; charset=utf-8");
            e.getMessage().setHeader("User-Agent", "dso-test-peer");
            e.getMessage().setBody(body);
        });
    }

    private static TestMessage testMessage() {
        return DSO.header(new TestMessage(), UUID.randomUUID().toString());
    }

    /** @return the reason the peer is given */
    private String assertRefused(Exchange answer, int status, String messageId) {
        assertThat(answer.getException()).isNull();
        assertThat(answer.getMessage().getHeaders()).containsExactlyInAnyOrderEntriesOf(Map.of(
                Exchange.HTTP_RESPONSE_CODE, status, Exchange.CONTENT_TYPE, "text/plain; charset=utf-8"));
        assertThat(messages.findByMessageId(messageId)).isEmpty();
        assertThat(queue.getReceivedExchanges()).noneMatch(e -> e.getMessage().getBody() != null
                && messages.findById(e.getMessage().getBody(Long.class))
                        .map(r -> r.messageId().equals(messageId)).orElse(false));
        return answer.getMessage().getBody(String.class);
    }

    @Test
    void should_answer_400_for_a_payload_posted_without_its_signed_envelope() {
        TestMessage message = testMessage();

        Exchange answer = receive(UftpTestPeer.xml(message));

        assertThat(assertRefused(answer, 400, message.getMessageID()))
                .isEqualTo("root element must be SignedMessage, not TestMessage");
    }

    @Test
    void should_answer_401_for_a_message_signed_with_a_key_that_is_not_the_senders() {
        TestMessage message = testMessage();
        UftpTestPeer impostor = new UftpTestPeer(UftpTestPeer.DSO_DOMAIN);

        Exchange answer = receive(impostor.signed(message));

        assertThat(assertRefused(answer, 401, message.getMessageID())).isEqualTo("signature does not verify");
    }

    @Test
    void should_answer_400_for_an_envelope_that_is_cut_off() {
        TestMessage message = testMessage();
        byte[] signed = DSO.signed(message);

        Exchange answer = receive(new String(signed, StandardCharsets.UTF_8)
                .substring(0, signed.length / 2).getBytes(StandardCharsets.UTF_8));

        assertThat(assertRefused(answer, 400, message.getMessageID())).startsWith("SignedMessage is not well-formed XML: ")
                .endsWith("XML document structures must start and end within the same entity.");
    }

    @Test
    void should_acknowledge_a_signed_message_once_stored_and_queue_its_row() {
        TestMessage message = testMessage();

        Exchange answer = receive(DSO.signed(message));

        assertThat(answer.getMessage().getHeaders()).containsExactlyEntriesOf(Map.of(Exchange.HTTP_RESPONSE_CODE, "200"));
        assertThat(answer.getMessage().getBody(String.class)).isEmpty();
        UftpMessageRecord row = messages.findByMessageId(message.getMessageID()).orElseThrow();
        assertThat(queue.getReceivedExchanges()).anyMatch(e -> Long.valueOf(row.id()).equals(e.getMessage().getBody()));
    }

    @Test
    void should_keep_a_message_whose_processing_failed_received_and_process_it_on_recovery() {
        TestMessage message = testMessage();
        FAILS.set(row -> messages.findById(row).map(r -> r.messageId().equals(message.getMessageID())).orElse(false));

        // through the real HTTP entry: acknowledged once stored, whatever processing does afterwards
        assertThat(postUftp(DSO.signed(message)).statusCode()).isEqualTo(200);
        long row = messages.findByMessageId(message.getMessageID()).orElseThrow().id();

        // the queue consumer's attempt, then the recovery poll's once the row is older than its grace period
        await().atMost(Duration.ofSeconds(30)).until(() -> FAILED_ATTEMPTS.stream().filter(r -> r == row).count() >= 2);
        UftpMessageRecord kept = messages.findById(row).orElseThrow();
        assertThat(kept.status()).isEqualTo(UftpMessageRecord.InStatus.RECEIVED);
        assertThat(kept.responseMessageId()).isNull();

        FAILS.set(r -> false);
        UftpMessageRecord processed = await().atMost(Duration.ofSeconds(30))
                .until(() -> messages.findById(row).orElseThrow(), r -> !r.status().equals("RECEIVED"));
        assertThat(processed.status()).isEqualTo(UftpMessageRecord.InStatus.ACCEPTED);
        assertThat(processed.responseMessageId()).isNotNull();
    }
}
