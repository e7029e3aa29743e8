package io.flexhub.notify;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flexhub.common.ApiException;
import io.flexhub.notify.NotificationOutboxStore.Mail;

/** Admin view of the notification outbox, and the manual retry of a mail that was given up. */
@Component("notifyApi")
public class NotifyApi {

    private static final int MAX_LIMIT = 500;

    private final NotificationOutboxStore store;
    private final NotifyProperties properties;
    private final ObjectMapper json;
    private final Clock clock;

    public NotifyApi(NotificationOutboxStore store, NotifyProperties properties, ObjectMapper json, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    public void outbox(@Header("status") String status, @Header("limit") String limit, Message out) {
        String wanted = status == null || status.isBlank() ? "FAILED" : status.trim().toUpperCase(Locale.ROOT);
        if (!NotificationOutboxStore.STATUSES.contains(wanted)) {
            throw ApiException.badRequest("status must be one of " + String.join(", ", NotificationOutboxStore.STATUSES));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Mail mail : store.listByStatus(wanted, limit(limit))) {
            rows.add(row(mail));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", wanted);
        body.put("delivery", properties.deliveryActive() ? "active" : "disabled");
        body.put("total", store.countByStatus(wanted));
        body.put("entries", rows);
        respond(out, 200, body);
    }

    public void retry(@Header("id") String id, Message out) {
        long mailId;
        try {
            mailId = Long.parseLong(id == null ? "" : id.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("id must be a number, was '" + id + "'");
        }
        Mail mail = store.findById(mailId).orElseThrow(() -> ApiException.notFound("No mail with id " + mailId));
        if (!"FAILED".equals(mail.status())) {
            throw new ApiException(409, "Conflict", "Only FAILED mails can be retried; mail " + mailId + " is "
                    + mail.status());
        }
        List<String> recipients = mail.recipients().isEmpty() ? properties.recipientsOf(mail.category())
                : mail.recipients();
        if (recipients.isEmpty()) {
            throw new ApiException(409, "Conflict", "Mail " + mailId + " has no recipients: set flexhub.notify.recipients."
                    + mail.category() + " or flexhub.notify.default-recipients first");
        }
        if (!store.retry(mailId, recipients, clock.instant())) {
            throw new ApiException(409, "Conflict", "Mail " + mailId + " changed meanwhile; list it again");
        }
        respond(out, 202, row(store.findById(mailId).orElseThrow()));
    }

    private static Map<String, Object> row(Mail mail) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", mail.id());
        row.put("category", mail.category());
        row.put("recipients", mail.recipients());
        row.put("subject", mail.subject());
        row.put("reference", mail.reference());
        row.put("status", mail.status());
        row.put("attempts", mail.attempts());
        row.put("nextAttemptAt", String.valueOf(mail.nextAttemptAt()));
        row.put("lastError", mail.lastError());
        row.put("createdAt", String.valueOf(mail.createdAt()));
        row.put("sentAt", mail.sentAt() == null ? null : mail.sentAt().toString());
        return row;
    }

    private static int limit(String raw) {
        if (raw == null || raw.isBlank()) {
            return 100;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("limit must be a number from 1 to " + MAX_LIMIT + ", was '" + raw + "'");
    }

    private void respond(Message out, int status, Object body) {
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            out.setBody(json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
