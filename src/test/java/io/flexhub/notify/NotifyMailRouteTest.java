package io.flexhub.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.flexhub.notify.NotificationOutboxStore.Mail;
import io.flexhub.support.H2RouteTest;
import jakarta.mail.MessagingException;

/**
 * The notify-mail route at its camel-mail step ({@code to-smtp}): the SMTP server is replaced by a stand-in that
 * passes the exchange on to a mock endpoint, or fails the way a server that is down does.
 */
class NotifyMailRouteTest extends H2RouteTest {

    /** What the stand-in SMTP server does before the mock gets the mail; by default it accepts. */
    private static final AtomicReference<Processor> SMTP_SERVER = new AtomicReference<>();
    private static final Processor ACCEPTS = e -> { };

    @Autowired
    Notifications notifications;
    @Autowired
    NotificationOutboxStore store;
    @EndpointInject("mock:smtp")
    MockEndpoint smtp;

    @BeforeEach
    void replaceSmtp() throws Exception {
        SMTP_SERVER.set(ACCEPTS);
        adviseOnce("notify-mail-send", route -> route.weaveById("to-smtp").replace()
                .process(e -> SMTP_SERVER.get().process(e)).to("mock:smtp"));
    }

    @AfterEach
    void smtpAccepts() {
        SMTP_SERVER.set(ACCEPTS);
    }

    private Exchange awaitMail(String subject) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> smtp.getReceivedExchanges().stream()
                .filter(e -> subject.equals(e.getMessage().getHeader("Subject"))).findFirst(), m -> m.isPresent())
                .orElseThrow();
    }

    @Test
    void should_hand_camel_mail_the_recipients_subject_body_and_only_the_mail_headers() {
        String subject = "Demand/Request status Accepted Überlast " + UUID.randomUUID();
        String body = "Demand: [0, 0, 0.5, -1.3]\nStandort Añorbe – 5 €";

        long id = notifications.send(new Notification("dr-status", null, subject, body, "dr-event-7"));

        Exchange mail = awaitMail(subject);
        assertThat(mail.getMessage().getBody(String.class)).isEqualTo(body);
        // camel-mail makes a mail header of every header it is given: these and no others
        assertThat(mail.getMessage().getHeaders()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "To", DR_MAIL + ", " + OPS_MAIL,
                "From", "flexhub@hub.test",
                "Subject", subject,
                "Content-Type", "text/plain; charset=UTF-8",
                "X-Flexhub-Reference", "dr-event-7",
                "X-Flexhub-Category", "dr-status"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Mail sent = store.findById(id).orElseThrow();
            assertThat(sent.status()).isEqualTo("SENT");
            assertThat(sent.attempts()).isEqualTo(1);
            assertThat(sent.lastError()).isNull();
        });
    }

    @Test
    void should_keep_a_mail_the_smtp_server_refused_and_retry_it_with_growing_delays_until_it_is_sent() {
        String subject = "Self-consumption plan " + UUID.randomUUID();
        List<Instant> attempts = new CopyOnWriteArrayList<>();
        SMTP_SERVER.set(e -> {
            if (subject.equals(e.getMessage().getHeader("Subject"))) {
                attempts.add(Instant.now());
                throw new MessagingException("Couldn't connect to host, port: 127.0.0.1, 25; timeout 5000",
                        new ConnectException("Connection refused"));
            }
        });

        long id = notifications.send(new Notification("selfconsumption", null, subject, "plan", null));

        await().atMost(Duration.ofSeconds(20)).until(() -> attempts.size() >= 3);
        Mail pending = await().atMost(Duration.ofSeconds(10))
                .until(() -> store.findById(id).orElseThrow(), m -> m.attempts() >= 3 && "PENDING".equals(m.status()));
        assertThat(pending.lastError()).isEqualTo("MessagingException: Couldn't connect to host, port: 127.0.0.1, 25;"
                + " timeout 5000 <- ConnectException: Connection refused");
        assertThat(pending.sentAt()).isNull();
        assertThat(pending.nextAttemptAt()).isAfter(attempts.get(attempts.size() - 1));
        // back-off from flexhub.notify.initial-delay (300 ms), doubling: the second gap is at least twice the first
        assertThat(Duration.between(attempts.get(0), attempts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(Duration.between(attempts.get(1), attempts.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertThat(smtp.getReceivedExchanges()).noneMatch(e -> subject.equals(e.getMessage().getHeader("Subject")));

        SMTP_SERVER.set(ACCEPTS);
        assertThat(awaitMail(subject).getMessage().getBody(String.class)).isEqualTo("plan");
        Mail sent = await().atMost(Duration.ofSeconds(10))
                .until(() -> store.findById(id).orElseThrow(), m -> "SENT".equals(m.status()));
        assertThat(sent.attempts()).isGreaterThanOrEqualTo(4);
        assertThat(sent.lastError()).isNull();
    }
}
