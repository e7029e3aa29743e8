package io.flexhub.usef;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.flexhub.flex.FlexOfferEngine;
import io.flexhub.support.H2HubTest;
import io.flexhub.usef.store.UftpMessageStore;

/**
 * The engines' door to accepted requests: a request processed just now reaches its engine as processing parsed it,
 * one picked up again is read back, and the hand-off moves on from AWAITING_ENGINE once.
 */
class UftpInboxTest extends H2HubTest {

    @Autowired
    UftpInbox inbox;
    @Autowired
    UftpMessageStore messages;
    @Autowired
    JdbcClient jdbc;

    @Test
    void hands_over_the_parsed_request_while_it_waits_and_moves_the_hand_off_on_once() {
        dsoAccepts();
        FlexRequest request = DSO.flexRequest();
        assertThat(postUftp(DSO.signed(request)).statusCode()).isEqualTo(200);
        awaitMessage(request.getMessageID(), "handoff", FlexOfferEngine.OFFERED);
        long pk = messages.findByMessageId(request.getMessageID()).orElseThrow().id();
        UftpInbox.Accepted handed = new UftpInbox.Accepted(pk, "DSO", request);
        ProcessingOutcome outcome = new ProcessingOutcome(pk, "FlexRequest", request.getMessageID(),
                request.getConversationID(), true, null, "flex-request", "r", handed);

        // answered: nothing waits, whichever way the engine asks
        assertThat(inbox.handed(outcome)).isEmpty();
        assertThat(inbox.awaiting(pk)).isEmpty();
        assertThat(inbox.handOff(pk, "SOMETHING_ELSE")).isFalse();
        assertThat(inbox.handoff(pk)).contains(FlexOfferEngine.OFFERED);

        // as if processing had just handed it over
        jdbc.sql("UPDATE uftp_message SET handoff = 'AWAITING_ENGINE' WHERE id = :id").param("id", pk).update();
        assertThat(inbox.handed(outcome)).get().extracting(UftpInbox.Accepted::message).isSameAs(request);
        UftpInbox.Accepted readBack = inbox.awaiting(pk).orElseThrow();
        assertThat(readBack.message()).isNotSameAs(request).isInstanceOf(FlexRequest.class);
        assertThat(readBack.message().getMessageID()).isEqualTo(request.getMessageID());
        assertThat(readBack.senderRole()).isEqualTo("DSO");
        assertThat(inbox.awaitingEngine("FlexRequest", Instant.now().plusSeconds(60), 1000)).contains(pk);
        assertThat(inbox.awaitingEngine("FlexOrder", Instant.now().plusSeconds(60), 1000)).doesNotContain(pk);

        assertThat(inbox.handOff(pk, "TEST_DONE")).isTrue();
        assertThat(inbox.handOff(pk, "TEST_AGAIN")).isFalse();
        assertThat(inbox.handoff(pk)).contains("TEST_DONE");
        assertThat(inbox.handed(outcome)).isEmpty();
        assertThat(inbox.awaitingEngine("FlexRequest", Instant.now().plusSeconds(60), 1000)).doesNotContain(pk);
    }

    @Test
    void no_sql_outside_the_message_store_names_the_hand_off() throws IOException {
        Path main = Path.of("src/main/java");
        Pattern sql = Pattern.compile("handoff\\s*(=|<>|IS)\\s*[:'N]");
        try (Stream<Path> files = Files.walk(main)) {
            List<String> offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.startsWith(main.resolve("io/flexhub/usef/store")))
                    .filter(f -> sql.matcher(read(f)).find())
                    .map(Path::toString).toList();
            assertThat(offenders).as("SQL on uftp_message.handoff outside usef.store").isEmpty();
        }
        // the pattern does find the store's own statements
        assertThat(sql.matcher(read(main.resolve("io/flexhub/usef/store/UftpMessageStore.java"))).find()).isTrue();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
