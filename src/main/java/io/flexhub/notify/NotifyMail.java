package io.flexhub.notify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.mail.DefaultAuthenticator;
import org.apache.camel.component.mail.MailAuthenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.flexhub.common.HubInstance;
import io.flexhub.notify.NotificationOutboxStore.Mail;
import io.flexhub.notify.delivery.MailRetryPolicy;

/**
 * Camel-facing adapter of the notification outbox for the notify-mail route: which mails are due, claiming one
 * and turning it into a camel-mail message, and recording the outcome with back-off, give-up and alert.
 */
@Component("notifyMail")
public class NotifyMail {

    static final String MAIL_ID = "notifyMailId";
    static final String CLAIMED = "notifyMailClaimed";
    private static final Logger LOG = LoggerFactory.getLogger(NotifyMail.class);
    private static final int BATCH = 20;

    private final NotificationOutboxStore store;
    private final NotifyProperties properties;
    private final MailRetryPolicy policy;
    private final Alerts alerts;
    private final Alerts logOnlyAlerts = new LogAlerts();
    private final HubInstance instance;
    private final Clock clock;

    public NotifyMail(NotificationOutboxStore store, NotifyProperties properties, Alerts alerts, HubInstance instance,
                      Clock clock) {
        this.store = store;
        this.properties = properties;
        this.policy = new MailRetryPolicy(properties.initialDelay(), properties.maxDelay(), properties.maxAttempts(),
                properties.giveUpAfter());
        this.alerts = alerts;
        this.instance = instance;
        this.clock = clock;
        // a typo in a configured address would otherwise only show as failed mails, hours later
        MailNotifications.addresses(properties.defaultRecipients(), "flexhub.notify.default-recipients");
        properties.recipients().forEach((category, list) ->
                MailNotifications.addresses(list, "flexhub.notify.recipients." + category));
        MailNotifications.addresses(List.of(properties.smtp().from()), "flexhub.notify.smtp.from");
    }

    @EventListener(ApplicationReadyEvent.class)
    public void announce() {
        if (properties.deliveryActive()) {
            LOG.info("Mail delivery via {}://{}:{} from {}", protocol(), properties.smtp().host(),
                    properties.smtp().port(), properties.smtp().from());
        } else {
            LOG.warn("Mail delivery is DISABLED ({}): notifications are logged and kept as PENDING in the "
                    + "notification outbox (GET /api/notify/outbox?status=PENDING) until SMTP is configured",
                    properties.enabled() ? "no flexhub.notify.smtp.host / FLEXHUB_SMTP_HOST" : "flexhub.notify.enabled=false");
        }
    }

    public List<Long> due() {
        return properties.deliveryActive() ? store.findDue(clock.instant(), BATCH) : List.of();
    }

    /** Claims one mail and makes the exchange the mail to send; a mail another instance took is skipped. */
    public void claim(long id, Exchange exchange) {
        Instant now = clock.instant();
        Optional<Mail> claimed = store.claim(id, instance.id(), now, now.plus(properties.lease()));
        exchange.setProperty(CLAIMED, claimed.isPresent());
        if (claimed.isEmpty()) {
            return;
        }
        Mail mail = claimed.get();
        exchange.setProperty(MAIL_ID, mail.id());
        Message message = exchange.getMessage();
        // camel-mail turns every remaining header into a mail header
        message.removeHeaders("*");
        message.setHeader("To", String.join(", ", mail.recipients()));
        message.setHeader("From", properties.smtp().from());
        message.setHeader("Subject", mail.subject());
        message.setHeader("Content-Type", "text/plain; charset=UTF-8");
        if (mail.reference() != null) {
            message.setHeader("X-Flexhub-Reference", mail.reference());
        }
        message.setHeader("X-Flexhub-Category", mail.category());
        message.setBody(mail.body());
    }

    /** The camel-mail endpoint; the password never appears in it (see {@link #notifyMailAuthenticator}). */
    public String smtpUri() {
        NotifyProperties.Smtp smtp = properties.smtp();
        StringBuilder uri = new StringBuilder(protocol()).append("://").append(smtp.host()).append(':').append(smtp.port())
                .append("?from=").append(URLEncoder.encode(smtp.from(), StandardCharsets.UTF_8))
                .append("&connectionTimeout=").append(smtp.timeout().toMillis())
                .append("&additionalJavaMailProperties=#notifyJavaMailProperties");
        if (hasLogin()) {
            uri.append("&authenticator=#notifyMailAuthenticator");
        }
        return uri.toString();
    }

    public void sent(Exchange exchange) {
        long id = exchange.getProperty(MAIL_ID, Long.class);
        if (store.markSent(id, instance.id(), clock.instant())) {
            LOG.info("Mail {} sent: {}", id, exchange.getMessage().getHeader("Subject"));
        }
    }

    public void failed(Exchange exchange) {
        long id = exchange.getProperty(MAIL_ID, Long.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String error = describe(cause);
        Mail mail = store.findById(id).orElseThrow();
        Instant now = clock.instant();
        Optional<Instant> next = policy.nextAttempt(mail.attempts(), mail.queuedAt(), now);
        if (next.isPresent()) {
            if (store.reschedule(id, instance.id(), error, next.get())) {
                LOG.warn("Mail {} not sent ({}); retry at {}", id, error, next.get());
            }
            return;
        }
        if (store.markFailed(id, instance.id(), error)) {
            String why = policy.giveUpReason(mail.attempts(), mail.queuedAt());
            String detail = "Mail " + id + " [" + mail.category() + "] '" + mail.subject() + "' to "
                    + String.join(", ", mail.recipients()) + " given up: " + why + "; last error " + error
                    + ". Retry with POST /api/notify/outbox/" + id + "/retry.";
            // an undeliverable alert mail must not queue another alert mail that cannot be delivered either
            (MailAlerts.CATEGORY.equals(mail.category()) ? logOnlyAlerts : alerts).raise("Mail delivery failed", detail);
        }
    }

    private static String describe(Exception e) {
        if (e == null) {
            return "unknown error";
        }
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < 500; t = t.getCause() == t ? null : t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return text.length() > 1000 ? text.substring(0, 1000) : text.toString();
    }

    private String protocol() {
        return properties.smtp().ssl() ? "smtps" : "smtp";
    }

    private boolean hasLogin() {
        String user = properties.smtp().username();
        return user != null && !user.isBlank();
    }

    /** JavaMail settings the camel-mail URI has no option for (STARTTLS, read and write timeouts). */
    @Bean
    static Properties notifyJavaMailProperties(NotifyProperties properties) {
        NotifyProperties.Smtp smtp = properties.smtp();
        String prefix = "mail." + (smtp.ssl() ? "smtps" : "smtp") + ".";
        Properties mail = new Properties();
        String timeout = Long.toString(smtp.timeout().toMillis());
        mail.setProperty(prefix + "connectiontimeout", timeout);
        mail.setProperty(prefix + "timeout", timeout);
        mail.setProperty(prefix + "writetimeout", timeout);
        mail.setProperty(prefix + "auth", Boolean.toString(smtp.username() != null && !smtp.username().isBlank()));
        if (smtp.starttls()) {
            mail.setProperty(prefix + "starttls.enable", "true");
            mail.setProperty(prefix + "starttls.required", "true");
        }
        return mail;
    }

    /** SMTP login from the environment ({@code FLEXHUB_SMTP_USERNAME}, {@code FLEXHUB_SMTP_PASSWORD}). */
    @Bean
    static MailAuthenticator notifyMailAuthenticator(NotifyProperties properties) {
        return new DefaultAuthenticator(properties.smtp().username(), properties.smtp().password());
    }
}
