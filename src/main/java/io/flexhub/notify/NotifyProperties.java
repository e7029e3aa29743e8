package io.flexhub.notify;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Email notifications. Mails are always queued in the {@code notification_outbox} table and logged; they are
 * delivered only when {@code enabled} and an SMTP host is set, otherwise they wait there as PENDING (the outbox
 * API and the start-up log say that delivery is off) and go out once SMTP is configured.
 *
 * @param enabled           mail delivery on or off (queueing and logging always happen)
 * @param smtp              the mail server
 * @param defaultRecipients who gets a mail of a category without its own recipients
 * @param recipients        recipients per category ({@code alert}, {@code dr-status}, {@code dr-failure},
 *                          {@code selfconsumption}, {@code probe})
 * @param timeZone          zone of {@code $TIME} in subjects and bodies
 * @param pollInterval      how often the outbox is scanned for due mails
 * @param initialDelay      first retry delay; doubled on each attempt
 * @param maxDelay          cap of the retry delay
 * @param maxAttempts       a mail is given up after this many failed attempts...
 * @param giveUpAfter       ...or when its next attempt would fall this long after it was queued
 * @param lease             how long an instance may hold a mail it is sending before another may take it
 */
@Validated
@ConfigurationProperties(prefix = "flexhub.notify")
public record NotifyProperties(
        boolean enabled,
        @Valid @NotNull Smtp smtp,
        List<String> defaultRecipients,
        Map<String, List<String>> recipients,
        @NotNull ZoneId timeZone,
        @NotNull Duration pollInterval,
        @NotNull Duration initialDelay,
        @NotNull Duration maxDelay,
        @Min(1) int maxAttempts,
        @NotNull Duration giveUpAfter,
        @NotNull Duration lease) {

    public NotifyProperties {
        defaultRecipients = defaultRecipients == null ? List.of()
                : defaultRecipients.stream().filter(a -> a != null && !a.isBlank()).map(String::trim).toList();
        recipients = recipients == null ? Map.of() : Map.copyOf(recipients);
    }

    /**
     * @param host     blank: no delivery
     * @param ssl      SMTPS (implicit TLS, usually port 465) instead of SMTP
     * @param starttls require STARTTLS on a plain SMTP connection (usually port 587)
     * @param timeout  connect and read timeout
     */
    public record Smtp(String host, @Min(1) int port, String username, String password, boolean ssl,
                       boolean starttls, @NotBlank String from, @NotNull Duration timeout) {
    }

    /** Whether mails leave the outbox at all. */
    public boolean deliveryActive() {
        return enabled && smtp.host() != null && !smtp.host().isBlank();
    }

    /** The category's own recipients, or the defaults. */
    public List<String> recipientsOf(String category) {
        List<String> own = recipients.get(category);
        if (own != null) {
            List<String> cleaned = own.stream().filter(a -> a != null && !a.isBlank()).map(String::trim).toList();
            if (!cleaned.isEmpty()) {
                return cleaned;
            }
        }
        return defaultRecipients;
    }
}
