package io.flexhub.usef;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.lfenergy.shapeshifter.api.PayloadMessageType;
import org.springframework.stereotype.Component;

import io.flexhub.usef.store.UftpMessageRecord;
import io.flexhub.usef.store.UftpMessageStore;
import io.flexhub.usef.xml.UftpJaxb;

/**
 * The engines' door to accepted UFTP requests, and the one owner of a received message's hand-off state
 * ({@code uftp_message.handoff}). Processing writes {@link #AWAITING_ENGINE} with the message's final state; the
 * engine that answers it (offers for FlexRequests, events for FlexOrders) moves it on from there with
 * {@link #handOff}, and only from there, so of two workers finishing the same request only one succeeds.
 *
 * <p>A request processed just now reaches the engine with the message processing parsed ({@link #handed}); only a
 * request picked up again after a crash or restart ({@link #awaitingEngine}) is read back from the store.
 */
@Component
public class UftpInbox {

    public static final String AWAITING_ENGINE = UftpMessageRecord.AWAITING_ENGINE;

    /**
     * An accepted request handed to an engine.
     *
     * @param senderRole the role its answer goes to (the participant the sender signed as)
     */
    public record Accepted(long messagePk, String senderRole, PayloadMessageType message) {
    }

    private final UftpMessageStore store;
    private final UftpJaxb jaxb;

    public UftpInbox(UftpMessageStore store, UftpJaxb jaxb) {
        this.store = store;
        this.jaxb = jaxb;
    }

    /**
     * The request processing handed over, as processing parsed it; empty when it was handed nothing or another
     * worker (the recovery poll, another instance) has taken it meanwhile.
     */
    public Optional<Accepted> handed(ProcessingOutcome outcome) {
        if (outcome == null || outcome.handed() == null || !isAwaiting(outcome.messagePk())) {
            return Optional.empty();
        }
        return Optional.of(outcome.handed());
    }

    /** A stored request still waiting for its engine, read back from the store (recovery). */
    public Optional<Accepted> awaiting(long messagePk) {
        return store.findById(messagePk).filter(r -> AWAITING_ENGINE.equals(r.handoff()))
                .map(r -> new Accepted(r.id(), r.senderRole(),
                        jaxb.unmarshal(r.payloadXml().getBytes(StandardCharsets.UTF_8))));
    }

    /** Whether the message still waits for its engine. */
    public boolean isAwaiting(long messagePk) {
        return AWAITING_ENGINE.equals(handoff(messagePk).orElse(null));
    }

    /** Ids of accepted requests of a type (root name) still waiting for their engine, processed before an instant. */
    public List<Long> awaitingEngine(String messageType, Instant processedBefore, int limit) {
        return store.findByHandoff(messageType, AWAITING_ENGINE, processedBefore, limit);
    }

    /**
     * Moves the hand-off on from {@link #AWAITING_ENGINE}; false when it was no longer waiting. In a transaction the
     * row stays locked until commit, so of two workers only one sees true.
     */
    public boolean handOff(long messagePk, String to) {
        return store.transitionHandoff(messagePk, AWAITING_ENGINE, to);
    }

    public Optional<String> handoff(long messagePk) {
        return store.findById(messagePk).map(UftpMessageRecord::handoff);
    }
}
