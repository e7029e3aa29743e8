package io.flexhub.demo;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.camel.Body;
import org.apache.camel.Message;
import org.lfenergy.shapeshifter.api.AvailableRequestedType;
import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestISPType;
import org.lfenergy.shapeshifter.api.PayloadMessageType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flexhub.common.ApiException;
import io.flexhub.common.JsonReplies;
import io.flexhub.usef.transport.UftpTransportException;

/**
 * Camel face of the demo DSO: its UFTP endpoint, the admin call that makes it send a FlexRequest, and the list of
 * what it got. Present always, so that with the demo DSO off its paths answer 404 instead of a missing bean.
 */
@Component("demoDsoApi")
public class DemoDsoApi {

    private static final Set<String> FIELDS = Set.of("direction", "from", "to", "kw", "day", "roomKw");
    private static final long MAX_KW = 100_000;

    private final ObjectProvider<DemoDso> demoDso;
    private final ObjectMapper json;
    private final Clock clock;

    public DemoDsoApi(ObjectProvider<DemoDso> demoDso, ObjectMapper json, Clock clock) {
        this.demoDso = demoDso;
        this.json = json;
        this.clock = clock;
    }

    /** @return the FlexOffer to answer (after this request), or null */
    public FlexOffer receive(@Body byte[] body) {
        DemoDso dso = demoDso.getIfAvailable();
        if (dso == null) {
            throw new UftpTransportException(404, "the demo DSO is disabled");
        }
        PayloadMessageType message = dso.receive(body == null ? new byte[0] : body);
        return message instanceof FlexOffer offer ? offer : null;
    }

    public void answerOffer(@Body FlexOffer offer) {
        DemoDso dso = demoDso.getIfAvailable();
        if (dso != null) {
            dso.answer(offer);
        }
    }

    public void flexRequest(@Body byte[] body, Message out) {
        DemoDso dso = enabled();
        DemoDsoMessages.Window window = window(read(body), LocalDate.ofInstant(clock.instant(), dso.messages().marketZone()));
        FlexRequest request;
        try {
            request = dso.flexRequest(window);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        int status = dso.send(request);
        if (status != 200) {
            throw new ApiException(502, "Bad Gateway", "The hub did not take the demo DSO's FlexRequest "
                    + request.getMessageID() + " (HTTP " + status + "); see GET /api/demo/dso/received");
        }
        List<Long> requested = request.getISPS().stream()
                .filter(i -> i.getDisposition() == AvailableRequestedType.REQUESTED)
                .map(FlexRequestISPType::getStart).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("messageId", request.getMessageID());
        answer.put("conversationId", request.getConversationID());
        answer.put("senderDomain", request.getSenderDomain());
        answer.put("congestionPoint", request.getCongestionPoint());
        answer.put("period", request.getPeriod().toString());
        answer.put("timeZone", request.getTimeZone());
        answer.put("direction", window.reduce() ? "reduce" : "increase");
        answer.put("kw", window.kw());
        answer.put("requestedIsps", requested.get(0) + "-" + requested.get(requested.size() - 1));
        answer.put("revision", request.getRevision());
        answer.put("expirationDateTime", request.getExpirationDateTime().toString());
        answer.put("autoOrder", dso.properties().autoOrder());
        Map<String, String> watch = new LinkedHashMap<>();
        watch.put("messages", "/api/usef/messages?conversationId=" + request.getConversationID());
        watch.put("demoDso", "/api/demo/dso/received");
        watch.put("events", "/api/dr/events?congestionPoint=" + request.getCongestionPoint());
        watch.put("actuations", "/api/site/actuations");
        answer.put("watch", watch);
        JsonReplies.respond(out, json, 202, answer);
    }

    public void received(Message out) {
        DemoDso dso = enabled();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("domain", dso.properties().dsoDomain());
        answer.put("autoOrder", dso.properties().autoOrder());
        answer.put("entries", dso.entries());
        JsonReplies.respond(out, json, 200, answer);
    }

    private DemoDso enabled() {
        DemoDso dso = demoDso.getIfAvailable();
        if (dso == null) {
            throw ApiException.notFound("The demo DSO is disabled (flexhub.demo.enabled=false or no "
                    + "flexhub.demo.dso-private-key)");
        }
        return dso;
    }

    private JsonNode read(byte[] body) {
        if (body == null || body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return json.createObjectNode();
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.badRequest("body must be a JSON object: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("body cannot be read: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("body must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest("unknown field '" + name + "'; known: direction, from, to, kw, day, roomKw");
            }
        }
        return node;
    }

    private static DemoDsoMessages.Window window(JsonNode body, LocalDate today) {
        String direction = text(body, "direction", "reduce").toLowerCase(Locale.ROOT);
        if (!direction.equals("reduce") && !direction.equals("increase")) {
            throw ApiException.badRequest("direction must be reduce or increase, got '" + direction + "'");
        }
        LocalTime from = time(body, "from", "17:00");
        LocalTime to = time(body, "to", "18:00");
        long kw = kilowatts(body, "kw", 20, 1);
        long roomKw = kilowatts(body, "roomKw", 50, 0);
        return new DemoDsoMessages.Window(direction.equals("reduce"), day(body, today), from, to, kw, roomKw);
    }

    private static LocalDate day(JsonNode body, LocalDate today) {
        String day = text(body, "day", "tomorrow").toLowerCase(Locale.ROOT);
        return switch (day) {
            case "today" -> today;
            case "tomorrow" -> today.plusDays(1);
            default -> {
                try {
                    yield LocalDate.parse(day);
                } catch (DateTimeParseException e) {
                    throw ApiException.badRequest("day must be today, tomorrow or a date like 2026-12-01, got '"
                            + day + "'");
                }
            }
        };
    }

    private static String text(JsonNode body, String field, String defaultValue) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest(field + " must be a string");
        }
        return value.asText().trim();
    }

    private static LocalTime time(JsonNode body, String field, String defaultValue) {
        String text = text(body, field, defaultValue);
        if (text.equals("24:00")) {
            return LocalTime.MIDNIGHT;
        }
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field + " must be a time like 17:00, got '" + text + "'");
        }
    }

    private static long kilowatts(JsonNode body, String field, long defaultValue, long min) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > MAX_KW) {
            throw ApiException.badRequest(field + " must be a whole number of kW from " + min + " to " + MAX_KW
                    + ", got " + value);
        }
        return value.asLong();
    }
}
