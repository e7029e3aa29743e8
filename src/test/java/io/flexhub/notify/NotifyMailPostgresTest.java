package io.flexhub.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.flexhub.support.PostgresHubTest;
import jakarta.mail.internet.MimeMessage;

/** The notification outbox SQL (insert, lease claim, outcome) on a real PostgreSQL. */
class NotifyMailPostgresTest extends PostgresHubTest {

    @Autowired
    Notifications notifications;
    @Autowired
    NotificationOutboxStore store;

    @Test
    void should_queue_claim_once_and_deliver_a_mail_on_postgresql() {
        String subject = "Probe on PostgreSQL ✓ " + UUID.randomUUID();

        long id = notifications.send(new Notification("probe", null, subject, "Temperatur 21 °C", "probe-1"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(store.findById(id).orElseThrow().status()).isEqualTo("SENT");
            assertThat(Arrays.stream(SMTP.getReceivedMessages()).map(NotifyMailPostgresTest::subject))
                    .containsOnlyOnce(subject);
        });
        // a SENT mail is never due again, whoever asks
        assertThat(store.claim(id, "another-instance", Instant.now(), Instant.now().plusSeconds(60))).isEmpty();
        assertThat(store.findDue(Instant.now().plusSeconds(3600), 100)).doesNotContain(id);
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
