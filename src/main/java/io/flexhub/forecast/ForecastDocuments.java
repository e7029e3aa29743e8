package io.flexhub.forecast;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the forecast document the broker entity (key-values form) and the forecasting service share:
 * <pre>{"pvKw": [96 numbers], "loadKw": [96 numbers], "startTime": "...Z", "ispDuration": "PT15M", "issuedAt": "...Z"}</pre>
 * Values are ISP averages in kW, non-negative (PV generation as a positive number). {@code startTime} and
 * {@code ispDuration}, when present, must match the requested day; {@code issuedAt} defaults to the receipt time.
 */
final class ForecastDocuments {

    private ForecastDocuments() {
    }

    /** @throws IllegalArgumentException naming what is wrong with the document */
    static SiteForecast read(JsonNode doc, ForecastRequest request, Provenance provenance, Instant receivedAt,
            String detail) {
        if (doc == null || !doc.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        double[] pv = series(doc, "pvKw", request.count());
        double[] load = series(doc, "loadKw", request.count());
        if (doc.hasNonNull("startTime") && !instant(doc, "startTime").equals(request.start())) {
            throw new IllegalArgumentException("startTime " + doc.get("startTime").asText() + " is not "
                    + request.start());
        }
        if (doc.hasNonNull("ispDuration") && !Duration.parse(doc.get("ispDuration").asText()).equals(request.isp())) {
            throw new IllegalArgumentException("ispDuration " + doc.get("ispDuration").asText() + " is not "
                    + request.isp());
        }
        Instant issued = doc.hasNonNull("issuedAt") ? instant(doc, "issuedAt") : receivedAt;
        return new SiteForecast(request.site().id(), request.start(), request.isp(), pv, load, provenance, issued,
                detail);
    }

    private static double[] series(JsonNode doc, String field, int count) {
        JsonNode node = doc.get(field);
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException(field + " missing or not an array");
        }
        if (node.size() != count) {
            throw new IllegalArgumentException(field + " has " + node.size() + " values, expected " + count);
        }
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            JsonNode v = node.get(i);
            if (!v.isNumber() || !Double.isFinite(v.asDouble()) || v.asDouble() < 0) {
                throw new IllegalArgumentException(field + "[" + i + "] is not a number of kW >= 0: " + v);
            }
            out[i] = v.asDouble();
        }
        return out;
    }

    private static Instant instant(JsonNode doc, String field) {
        try {
            return Instant.parse(doc.get(field).asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not an ISO-8601 instant: " + doc.get(field).asText());
        }
    }
}
