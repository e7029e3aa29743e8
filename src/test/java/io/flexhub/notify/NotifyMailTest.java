package io.flexhub.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.flexhub.notify.NotificationOutboxStore.Mail;
import io.flexhub.support.H2HubTest;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;

/** Notification mails end to end: outbox, camel-mail, a real SMTP server (GreenMail) that can go down. */
@ExtendWith(OutputCaptureExtension.class)
class NotifyMailTest extends H2HubTest {

    @Autowired
    Notifications notifications;
    @Autowired
    Alerts alerts;
    @Autowired
    NotificationOutboxStore store;
    @Autowired
    JdbcClient jdbc;

    @Test
    void should_mail_a_notification_to_its_category_recipients_in_utf8_and_log_it(CapturedOutput output)
            throws Exception {
        String subject = "Demand/Request / request status Accepted - 2026-07-01T09:15:00 Überlast " + tag();
        String body = "Demand: [0, 0, 0.5, -1.3]\nStandort Añorbe – 5 € ✓";

        long id = notifications.send(new Notification("dr-status", null, subject, body, "dr-event-7"));

        List<MimeMessage> received = awaitMail(subject, 2);
        for (MimeMessage mail : received) {
            assertThat(Arrays.stream(mail.getRecipients(RecipientType.TO)).map(Object::toString))
                    .containsExactlyInAnyOrder(DR_MAIL, OPS_MAIL);
            assertThat(mail.getFrom()[0]).hasToString("flexhub@hub.test");
            assertThat(mail.getContentType()).containsIgnoringCase("text/plain").containsIgnoringCase("utf-8");
            assertThat(((String) mail.getContent()).replace("\r\n", "\n")).isEqualTo(body);
            assertThat(mail.getHeader("X-Flexhub-Reference")).containsExactly("dr-event-7");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(store.findById(id).orElseThrow().status()).isEqualTo("SENT"));
        Mail sent = store.findById(id).orElseThrow();
        assertThat(sent.attempts()).isEqualTo(1);
        assertThat(sent.sentAt()).isNotNull();
        assertThat(output.getOut()).contains("NOTIFY [dr-status] " + subject);

        JsonNode list = read(admin(get("/api/notify/outbox?status=sent")).body());
        assertThat(list.get("delivery").asText()).isEqualTo("active");
        JsonNode row = entry(list, id);
        assertThat(row.get("subject").asText()).isEqualTo(subject);
        assertThat(row.get("recipients")).extracting(JsonNode::asText).containsExactly(DR_MAIL, OPS_MAIL);
        assertThat(row.get("reference").asText()).isEqualTo("dr-event-7");
    }

    @Test
    void should_send_to_explicit_recipients_and_refuse_an_invalid_address() throws Exception {
        String subject = "Probe report " + tag();
        notifications.send(new Notification("probe", List.of(" site-owner@example.org "), subject, "ok", null));

        MimeMessage mail = awaitMail(subject, 1).get(0);
        assertThat(Arrays.stream(mail.getRecipients(RecipientType.TO)).map(Object::toString))
                .containsExactly("site-owner@example.org");
        assertThatThrownBy(() -> notifications.send(new Notification("probe", List.of("not an address"), "x", "y", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("to: 'not an address'");
    }

    @Test
    void should_mail_alerts_to_the_alert_recipients_and_keep_the_alert_log_line(CapturedOutput output)
            throws Exception {
        String what = "Peer unreachable " + tag();

        alerts.raise(what, "dso.example.com did not answer for 2 h – check the link");

        assertThat(output.getOut()).contains("ALERT " + what + ": dso.example.com did not answer for 2 h – check the link");
        MimeMessage mail = awaitMail("[flexhub] ALERT " + what, 1).get(0);
        assertThat(mail.getRecipients(RecipientType.TO)[0]).hasToString(OPS_MAIL);
        assertThat((String) mail.getContent()).contains("did not answer for 2 h – check the link");
    }

    @Test
    void should_keep_a_mail_pending_while_smtp_is_down_and_send_it_once_it_is_back() throws Exception {
        String subject = "Self-consumption plan " + tag();
        SMTP.stop();
        long id;
        try {
            id = notifications.send(new Notification("selfconsumption", null, subject, "plan", null));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                Mail pending = store.findById(id).orElseThrow();
                assertThat(pending.status()).isEqualTo("PENDING");
                assertThat(pending.attempts()).isGreaterThanOrEqualTo(2);
                assertThat(pending.lastError()).isNotBlank();
            });
            JsonNode list = read(admin(get("/api/notify/outbox?status=PENDING")).body());
            assertThat(entry(list, id).get("lastError").asText()).isNotBlank();
        } finally {
            SMTP.start();
        }
        awaitMail(subject, 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Mail sent = store.findById(id).orElseThrow();
            assertThat(sent.status()).isEqualTo("SENT");
            assertThat(sent.attempts()).isGreaterThanOrEqualTo(3);
            assertThat(sent.lastError()).isNull();
        });
    }

    @Test
    void should_give_up_after_the_last_attempt_alert_by_mail_and_send_again_on_retry(CapturedOutput output)
            throws Exception {
        String subject = "DR failure " + tag();
        long id;
        SMTP.stop();
        try {
            // one attempt left of the 8 the tests allow
            id = insert(subject, "PENDING", 7, null, null);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(store.findById(id).orElseThrow().status()).isEqualTo("FAILED"));
            assertThat(store.findById(id).orElseThrow().attempts()).isEqualTo(8);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut())
                    .contains("ALERT Mail delivery failed: Mail " + id + " [dr-failure] '" + subject + "'")
                    .contains("8 attempts failed"));
            JsonNode failed = read(admin(get("/api/notify/outbox")).body());
            assertThat(failed.get("status").asText()).isEqualTo("FAILED");
            assertThat(entry(failed, id).get("attempts").asInt()).isEqualTo(8);
        } finally {
            SMTP.start();
        }
        MimeMessage alert = awaitMail("[flexhub] ALERT Mail delivery failed", 1).stream()
                .filter(m -> body(m).contains("Mail " + id + " ")).findFirst().orElseThrow();
        assertThat(alert.getRecipients(RecipientType.TO)[0]).hasToString(OPS_MAIL);
        assertThat(SMTP.getReceivedMessages()).noneMatch(m -> subject(m).equals(subject));

        HttpResponse<String> retried = admin(post("/api/notify/outbox/" + id + "/retry"));
        assertThat(retried.statusCode()).isEqualTo(202);
        // queued again with a fresh attempt count; the poller may already have claimed (or sent) it when the answer
        // reads the row back
        assertThat(read(retried.body()).get("status").asText()).isIn("PENDING", "SENDING", "SENT");
        assertThat(read(retried.body()).get("attempts").asInt()).isLessThanOrEqualTo(1);
        awaitMail(subject, 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(store.findById(id).orElseThrow().status()).isEqualTo("SENT"));

        HttpResponse<String> again = admin(post("/api/notify/outbox/" + id + "/retry"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("Only FAILED mails can be retried").contains("SENT");
    }

    @Test
    void should_deliver_mails_left_in_the_outbox_by_an_earlier_run_or_a_dead_instance() throws Exception {
        String pending = "Queued before restart " + tag();
        String abandoned = "Claimed by a dead instance " + tag();
        long first = insert(pending, "PENDING", 1, null, null);
        long second = insert(abandoned, "SENDING", 0, "dead-instance", Instant.now().minusSeconds(5));

        awaitMail(pending, 1);
        awaitMail(abandoned, 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(store.findById(first).orElseThrow().status()).isEqualTo("SENT");
            assertThat(store.findById(second).orElseThrow().status()).isEqualTo("SENT");
        });
    }

    @Test
    void should_leave_a_mail_claimed_by_a_live_instance_alone() {
        String subject = "Claimed elsewhere " + tag();
        long id = insert(subject, "SENDING", 0, "other-instance", Instant.now().plusSeconds(3600));

        assertThat(store.claim(id, "this-instance", Instant.now(), Instant.now().plusSeconds(60))).isEmpty();
        assertThat(store.markSent(id, "this-instance", Instant.now())).isFalse();
        assertThat(store.findById(id).orElseThrow().status()).isEqualTo("SENDING");
    }

    @Test
    void should_answer_bad_api_requests_with_the_field_in_error() {
        HttpResponse<String> status = admin(get("/api/notify/outbox?status=LOST"));
        assertThat(status.statusCode()).isEqualTo(400);
        assertThat(status.body()).contains("status must be one of PENDING, SENDING, SENT, FAILED");

        HttpResponse<String> limit = admin(get("/api/notify/outbox?limit=0"));
        assertThat(limit.statusCode()).isEqualTo(400);
        assertThat(limit.body()).contains("limit must be a number from 1 to 500");

        HttpResponse<String> id = admin(post("/api/notify/outbox/abc/retry"));
        assertThat(id.statusCode()).isEqualTo(400);
        assertThat(id.body()).contains("id must be a number");

        HttpResponse<String> missing = admin(post("/api/notify/outbox/987654321/retry"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("No mail with id 987654321");

        HttpResponse<String> anonymous = send(get("/api/notify/outbox").build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    private long insert(String subject, String status, int attempts, String lockedBy, Instant lockedUntil) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(2);
        return jdbc.sql("INSERT INTO notification_outbox (category, recipients, subject, body, status, attempts, "
                        + "next_attempt_at, locked_by, locked_until, created_at, queued_at) VALUES ('dr-failure', :to, "
                        + ":subject, 'body', :status, :attempts, :now, :by, :until, :now, :now)")
                .param("to", OPS_MAIL).param("subject", subject).param("status", status).param("attempts", attempts)
                .param("now", now).param("by", lockedBy)
                .param("until", lockedUntil == null ? null : lockedUntil.atOffset(ZoneOffset.UTC))
                .update(new org.springframework.jdbc.support.GeneratedKeyHolder(), "id") == 1
                ? jdbc.sql("SELECT MAX(id) FROM notification_outbox WHERE subject = :s").param("s", subject)
                        .query(Long.class).single()
                : -1;
    }

    private static List<MimeMessage> awaitMail(String subject, int copies) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(Arrays.stream(SMTP.getReceivedMessages()).filter(m -> subject(m).equals(subject)))
                        .hasSize(copies));
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> subject(m).equals(subject)).toList();
    }

    private static String subject(MimeMessage mail) {
        try {
            return String.valueOf(mail.getSubject());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(MimeMessage mail) {
        try {
            return String.valueOf(mail.getContent());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode entry(JsonNode list, long id) {
        for (JsonNode row : list.get("entries")) {
            if (row.get("id").asLong() == id) {
                return row;
            }
        }
        throw new AssertionError("mail " + id + " not listed in " + list);
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(url(path))).GET();
    }

    private HttpRequest.Builder post(String path) {
        return HttpRequest.newBuilder(URI.create(url(path))).POST(HttpRequest.BodyPublishers.noBody());
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
