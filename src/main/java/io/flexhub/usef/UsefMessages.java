package io.flexhub.usef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flexhub.common.ApiException;
import io.flexhub.usef.store.OutboxStore;
import io.flexhub.usef.store.UftpMessageRecord;
import io.flexhub.usef.store.UftpMessageStore;

/**
 * The message log API. JSON-LD (default) shows each message as its NGSI-LD entity plus the hub's processing
 * state; {@code Accept: application/xml} gives the UFTP XML exactly as received or sent, with the state in
 * {@code X-Flexhub-*} headers (single message) or a wrapper element (list).
 */
@Component("usefMessages")
public class UsefMessages {

    private static final int MAX_LIMIT = 500;

    private final UftpMessageStore store;
    private final OutboxStore outbox;
    private final UsefTranslator translator;
    private final HubSigningKey signingKey;
    private final UsefProperties usef;
    private final ObjectMapper json;

    public UsefMessages(UftpMessageStore store, OutboxStore outbox, UsefTranslator translator,
                        HubSigningKey signingKey, UsefProperties usef, ObjectMapper json) {
        this.store = store;
        this.outbox = outbox;
        this.translator = translator;
        this.signingKey = signingKey;
        this.usef = usef;
        this.json = json;
    }

    public void list(@Header("conversationId") String conversationId, @Header("type") String type,
                     @Header("limit") String limit, @Header("offset") String offset,
                     @Header("Accept") String accept, Message out) {
        List<UftpMessageRecord> records = store.list(blankToNull(conversationId), blankToNull(type),
                bounded(limit, 100, MAX_LIMIT, "limit"), bounded(offset, 0, Integer.MAX_VALUE, "offset"));
        if (wantsXml(accept)) {
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<UftpMessages>\n");
            for (UftpMessageRecord r : records) {
                xml.append("<StoredMessage");
                state(r).forEach((k, v) -> xml.append(' ').append(k).append("=\"").append(escape(v)).append('"'));
                xml.append(">\n").append(stripDeclaration(r.payloadXml())).append("\n</StoredMessage>\n");
            }
            xml.append("</UftpMessages>\n");
            respond(out, "application/xml", xml.toString().getBytes(StandardCharsets.UTF_8));
            return;
        }
        ArrayNode array = json.createArrayNode();
        for (UftpMessageRecord r : records) {
            array.add(entity(r));
        }
        respond(out, UsefTranslator.JSON_LD, write(array));
    }

    public void get(@Header("messageId") String messageId, @Header("Accept") String accept, Message out) {
        UftpMessageRecord r = store.findByMessageId(messageId)
                .orElseThrow(() -> ApiException.notFound("No UFTP message with MessageID " + messageId));
        if (wantsXml(accept)) {
            out.removeHeaders("*");
            state(r).forEach((k, v) -> out.setHeader("X-Flexhub-" + k, v));
            out.setHeader(Exchange.CONTENT_TYPE, "application/xml");
            out.setBody(r.payloadXml().getBytes(StandardCharsets.UTF_8));
            return;
        }
        respond(out, UsefTranslator.JSON_LD, write(entity(r)));
    }

    public void outbox(@Header("status") String status, @Header("limit") String limit, Message out) {
        String wanted = status == null || status.isBlank() ? "FAILED" : status.toUpperCase(Locale.ROOT);
        if (!List.of("PENDING", "SENDING", "SENT", "FAILED").contains(wanted)) {
            throw ApiException.badRequest("status must be one of PENDING, SENDING, SENT, FAILED");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (OutboxStore.OutboxEntry e : outbox.listByStatus(wanted, bounded(limit, 100, MAX_LIMIT, "limit"))) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", e.id());
            row.put("messageId", store.findById(e.messagePk()).map(UftpMessageRecord::messageId).orElse(null));
            row.put("recipientDomain", e.recipientDomain());
            row.put("endpoint", e.endpoint());
            row.put("status", e.status());
            row.put("attempts", e.attempts());
            row.put("nextAttemptAt", String.valueOf(e.nextAttemptAt()));
            row.put("lastHttpStatus", e.lastHttpStatus());
            row.put("lastError", e.lastError());
            rows.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", wanted);
        body.put("total", outbox.countByStatus(wanted));
        body.put("entries", rows);
        respond(out, "application/json", write(body));
    }

    public void identity(Message out) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("domain", usef.ownDomain());
        body.put("role", usef.ownRole());
        body.put("publicKey", signingKey.publicKeyCs1());
        body.put("endpointPath", "/shapeshifter/api/v3/message");
        body.put("ispDuration", usef.market().ispDuration().toString());
        body.put("timeZone", usef.market().timeZone().getId());
        respond(out, "application/json", write(body));
    }

    /** The entity of the stored UFTP payload, with the hub's processing state as extra Properties. */
    private ObjectNode entity(UftpMessageRecord r) {
        ObjectNode entity;
        try {
            entity = (ObjectNode) json.readTree(translator.mapper().toJsonLd(r.payloadXml().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entity.set("direction", property(r.direction().name()));
        entity.set("processingStatus", property(r.status()));
        if (r.rejectionReason() != null) {
            entity.set("processingRejectionReason", property(r.rejectionReason()));
        }
        if (r.handoff() != null) {
            // "NO_OFFER:NO_DEVICES": the engine's state and, after the colon, why
            int colon = r.handoff().indexOf(':');
            entity.set("handoff", property(colon < 0 ? r.handoff() : r.handoff().substring(0, colon)));
            if (colon >= 0) {
                entity.set("handoffReason", property(r.handoff().substring(colon + 1)));
            }
        }
        if (r.businessState() != null) {
            // ORDERED or REVOKED, for the FlexOffers the hub sent
            entity.set("businessState", property(r.businessState()));
        }
        if (r.peerResult() != null) {
            entity.set("peerResult", property(r.peerResult()));
            if (r.peerRejectionReason() != null) {
                entity.set("peerRejectionReason", property(r.peerRejectionReason()));
            }
        }
        entity.set("receivedAt", dateTime(r.receivedAt().toString()));
        if (r.processedAt() != null) {
            entity.set("processedAt", dateTime(r.processedAt().toString()));
        }
        response(r).ifPresent(resp -> {
            ObjectNode rel = json.createObjectNode();
            rel.put("type", "Relationship");
            rel.put("object", "urn:ngsi-ld:" + resp.messageType() + ":" + resp.messageId());
            entity.set("refResponse", rel);
        });
        return entity;
    }

    private Optional<UftpMessageRecord> response(UftpMessageRecord r) {
        return r.responseMessageId() == null ? Optional.empty()
                : store.findInConversation(r.conversationId(), r.responseMessageId());
    }

    private Map<String, String> state(UftpMessageRecord r) {
        Map<String, String> state = new LinkedHashMap<>();
        state.put("MessageType", r.messageType());
        state.put("MessageID", r.messageId());
        state.put("Direction", r.direction().name());
        state.put("Status", r.status());
        putIfPresent(state, "RejectionReason", r.rejectionReason());
        putIfPresent(state, "Handoff", r.handoff());
        putIfPresent(state, "PeerResult", r.peerResult());
        putIfPresent(state, "PeerRejectionReason", r.peerRejectionReason());
        response(r).ifPresent(resp -> {
            state.put("ResponseType", resp.messageType());
            state.put("ResponseMessageID", resp.messageId());
        });
        return state;
    }

    private ObjectNode property(String value) {
        ObjectNode p = json.createObjectNode();
        p.put("type", "Property");
        p.put("value", value);
        return p;
    }

    private ObjectNode dateTime(String value) {
        ObjectNode v = json.createObjectNode();
        v.put("@type", "DateTime");
        v.put("@value", value);
        ObjectNode p = json.createObjectNode();
        p.put("type", "Property");
        p.set("value", v);
        return p;
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void respond(Message out, String contentType, byte[] body) {
        out.removeHeaders("*");
        out.setHeader(Exchange.CONTENT_TYPE, contentType);
        out.setBody(body);
    }

    private static boolean wantsXml(String accept) {
        if (accept == null) {
            return false;
        }
        String a = accept.toLowerCase(Locale.ROOT);
        return (a.contains("application/xml") || a.contains("text/xml")) && !a.startsWith("application/ld+json")
                && !a.startsWith("application/json");
    }

    private static int bounded(String raw, int dflt, int max, String name) {
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < 0 || value > max) {
                throw ApiException.badRequest(name + " must be between 0 and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be an integer, not '" + raw + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String stripDeclaration(String xml) {
        return xml.startsWith("<?xml") ? xml.substring(xml.indexOf("?>") + 2).trim() : xml;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
