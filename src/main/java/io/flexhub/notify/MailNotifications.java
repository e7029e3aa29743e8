package io.flexhub.notify;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * Queues notifications in the {@code notification_outbox} table (in the caller's transaction when there is one)
 * and logs each on the {@code io.flexhub.notify} logger as {@code NOTIFY [category] subject}; the notify-mail
 * route delivers them. A mail nobody is configured to receive is kept as FAILED with the reason, not dropped.
 */
@Component
public class MailNotifications implements Notifications {

    static final Logger NOTIFY = LoggerFactory.getLogger("io.flexhub.notify");

    private final NotificationOutboxStore store;
    private final NotifyProperties properties;
    private final Clock clock;

    public MailNotifications(NotificationOutboxStore store, NotifyProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public long send(Notification notification) {
        String category = notification.category().trim();
        if (category.isEmpty()) {
            throw new IllegalArgumentException("category must not be blank");
        }
        List<String> recipients = notification.to().isEmpty() ? properties.recipientsOf(category)
                : addresses(notification.to(), "to");
        // a header line cannot hold a line break; folding it away keeps the rest of the subject
        String subject = notification.subject().replaceAll("[\\r\\n]+", " ").trim();
        String failure = recipients.isEmpty()
                ? "no recipients: set flexhub.notify.recipients." + category + " or flexhub.notify.default-recipients"
                : null;
        long id = store.insert(category, recipients, subject, notification.body(), notification.reference(), failure,
                clock.instant());
        if (failure == null) {
            NOTIFY.info("NOTIFY [{}] {} (to {}, outbox {}{})", category, subject, String.join(", ", recipients), id,
                    properties.deliveryActive() ? "" : ", mail delivery disabled");
        } else {
            NOTIFY.warn("NOTIFY [{}] {} (outbox {} not sendable: {})", category, subject, id, failure);
        }
        return id;
    }

    /** Validated, trimmed addresses; a bad one is the caller's error and names the field. */
    static List<String> addresses(List<String> raw, String field) {
        List<String> valid = new ArrayList<>();
        for (String address : raw) {
            if (address == null || address.isBlank()) {
                continue;
            }
            try {
                new InternetAddress(address.trim(), true).validate();
            } catch (AddressException e) {
                throw new IllegalArgumentException(field + ": '" + address + "' is not an email address ("
                        + e.getMessage() + ")");
            }
            valid.add(address.trim());
        }
        return valid;
    }
}
