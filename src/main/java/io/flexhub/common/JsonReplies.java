package io.flexhub.common;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** What the admin API beans share: JSON answers and the paging and date parameters, with the same wording everywhere. */
public final class JsonReplies {

    private JsonReplies() {
    }

    /** Replaces the message with a JSON answer; request headers must not leak into the response. */
    public static void respond(Message out, ObjectMapper json, int status, Object body) {
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            out.setBody(json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RFC 9457 problem document, as every refusal of the admin API carries it. */
    public static Map<String, Object> problem(int status, String title, String detail, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", instance);
        return body;
    }

    /** The {@code limit} query parameter: absent means the default, anything but 1..max is a 400. */
    public static int limit(String raw, int defaultValue, int max) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("limit must be a number from 1 to " + max + ", got '" + raw + "'");
    }

    /** A date query parameter named {@code name}: absent means the default, anything but YYYY-MM-DD is a 400. */
    public static LocalDate date(String name, String raw, LocalDate defaultValue) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            return LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be a date YYYY-MM-DD, got '" + raw + "'");
        }
    }
}
