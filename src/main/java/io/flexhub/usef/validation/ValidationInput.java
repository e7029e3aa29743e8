package io.flexhub.usef.validation;

import io.flexhub.usef.time.IspCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.lfenergy.shapeshifter.api.PayloadMessageType;

/**
 * The message under validation with what the rules derive from it, computed once per message: several rules
 * need the same referenced message or ISP lists.
 */
public final class ValidationInput {

    private final PayloadMessageType message;
    private final UftpMessageType type;
    private final UftpValidationContext context;
    private final IspCalendar calendar;
    private final Map<String, Optional<StoredMessage>> conversationMessages = new HashMap<>();
    private List<IspList> ispLists;

    ValidationInput(PayloadMessageType message, UftpValidationContext context) {
        this.message = Objects.requireNonNull(message, "message");
        this.type = UftpMessageType.of(message);
        this.context = Objects.requireNonNull(context, "context");
        this.calendar = new IspCalendar(context.marketTimeZone(), context.ispDuration());
    }

    public PayloadMessageType message() {
        return message;
    }

    public <T extends PayloadMessageType> T message(Class<T> expectedType) {
        return expectedType.cast(message);
    }

    public UftpMessageType type() {
        return type;
    }

    public UftpValidationContext context() {
        return context;
    }

    /** The market's calendar; a message whose own ISP-Duration or TimeZone differs is rejected for that anyway. */
    public IspCalendar calendar() {
        return calendar;
    }

    public Instant now() {
        return context.clock().instant();
    }

    public LocalDate today() {
        return LocalDate.ofInstant(now(), calendar.zone());
    }

    /**
     * A message of the expected type in this message's conversation that was exchanged with this message's
     * sender. The sender check matters because a ConversationID is chosen by whoever opened the conversation and
     * proves nothing by itself.
     */
    public Optional<StoredMessage> referenced(String messageId, UftpMessageType expectedType) {
        String conversationId = message.getConversationID();
        if (messageId == null || conversationId == null) {
            return Optional.empty();
        }
        return conversationMessages.computeIfAbsent(messageId, id -> context.findMessage(conversationId, id))
                .filter(stored -> stored.type() == expectedType)
                .filter(this::exchangedWithSender);
    }

    private boolean exchangedWithSender(StoredMessage stored) {
        String sender = message.getSenderDomain();
        return Objects.equals(stored.senderDomain(), sender)
                || Objects.equals(stored.payload().getRecipientDomain(), sender);
    }

    List<IspList> ispLists() {
        if (ispLists == null) {
            ispLists = IspList.of(message);
        }
        return ispLists;
    }

    /** ISP elements within their Period and not overlapping: only then is comparing ISP contents meaningful. */
    boolean ispsWellFormed() {
        return ispLists().stream()
                .allMatch(list -> list.outOfBounds(calendar).isEmpty() && list.conflicts().isEmpty());
    }
}
