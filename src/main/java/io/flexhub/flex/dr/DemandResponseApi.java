package io.flexhub.flex.dr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flexhub.common.ApiException;
import io.flexhub.common.JsonReplies;
import io.flexhub.flex.LocalFlexRequest;
import io.flexhub.flex.LocalFlexResult;
import io.flexhub.flex.LocalFlexibility;
import io.flexhub.flex.dr.engine.DrState;
import io.flexhub.flex.optimizer.Direction;
import io.flexhub.site.ContextStore;
import io.flexhub.site.Site;
import io.flexhub.usef.time.IspCalendar;
import io.flexhub.usef.time.IspSlot;

/**
 * The seed's demand-response interface ({@code POST /services/demand-response/request} with 8 values for the
 * 15-minute ISPs from the next ISP boundary; {@code /services/demand-response/log}) and the DR event API
 * ({@code /api/dr/events}).
 */
@Component("drApi")
public class DemandResponseApi {

    /** The seed's interface has exactly this many values: two hours of 15-minute ISPs. */
    public static final int VALUES = 8;
    private static final int MAX_LOG_LINE = 4000;
    private static final int MAX_LIMIT = 500;

    private final LocalFlexibility flexibility;
    private final DrEventStore store;
    private final DrActuation actuation;
    private final DrNotifier notifier;
    private final ContextStore context;
    private final DrProperties properties;
    private final ObjectMapper json;
    private final Clock clock;

    public DemandResponseApi(LocalFlexibility flexibility, DrEventStore store, DrActuation actuation,
                             DrNotifier notifier, ContextStore context, DrProperties properties, ObjectMapper json,
                             Clock clock) {
        this.flexibility = flexibility;
        this.store = store;
        this.actuation = actuation;
        this.notifier = notifier;
        this.context = context;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    public void request(@Body byte[] body, Message out) {
        String cp = properties.congestionPoint();
        ZoneId zone = context.siteByCongestionPoint(cp).map(Site::timeZone).orElse(properties.timeZone());
        double[] values;
        try {
            values = parseValues(body);
        } catch (ApiException e) {
            notifier.requestError(cp, e.status(), e.getMessage(), clock.instant(), zone);
            throw e;
        }
        Instant now = clock.instant();
        Instant start = nextIspBoundary(now, zone, properties.ispDuration());
        LocalFlexResult result = flexibility.request(new LocalFlexRequest(cp, Direction.REDUCE, start,
                properties.ispDuration(), values, "dr-interface"));
        List<Double> demand = new ArrayList<>();
        for (double v : values) {
            demand.add(v);
        }
        String status = result.status().value();
        String line = "Demand/Request: status " + status + " - " + DrNotifier.time(now, zone) + " - "
                + DrNotifier.values(demand);
        store.log(line, "hub", now);
        notifier.requestStatus(cp, status, now, zone, demand, "Start: " + DrNotifier.time(start, zone) + "\n"
                + "Congestion point: " + cp + "\n" + "Detail: " + result.detail(), "dr-request");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", status);
        answer.put("detail", result.detail());
        answer.put("start", DrNotifier.time(start, zone));
        answer.put("congestionPoint", cp);
        answer.put("eventIds", result.eventIds());
        respond(out, 200, answer);
    }

    /** The first ISP boundary at or after {@code now} on the site's ISP grid. */
    static Instant nextIspBoundary(Instant now, ZoneId zone, java.time.Duration isp) {
        IspCalendar calendar = new IspCalendar(zone, isp);
        IspSlot slot = calendar.ispAt(now);
        Instant start = calendar.ispStart(slot.period(), slot.isp());
        return start.equals(now) ? now : calendar.ispEnd(slot.period(), slot.isp());
    }

    double[] parseValues(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("Empty body: send a JSON array of " + VALUES + " numbers (kW per ISP)");
        }
        JsonNode root;
        try {
            root = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("Body is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isArray()) {
            throw ApiException.badRequest("Body must be a JSON array of " + VALUES + " numbers, got "
                    + (root == null ? "nothing" : root.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        if (root.size() != VALUES) {
            throw ApiException.badRequest("Expected exactly " + VALUES + " values (one per 15-minute ISP from the next "
                    + "ISP), got " + root.size());
        }
        double[] values = new double[VALUES];
        for (int i = 0; i < VALUES; i++) {
            JsonNode v = root.get(i);
            if (!v.isNumber()) {
                throw ApiException.badRequest("Value " + (i + 1) + " is not a number: " + v);
            }
            values[i] = v.doubleValue();
            if (!Double.isFinite(values[i])) {
                throw ApiException.badRequest("Value " + (i + 1) + " is not a finite number: " + v);
            }
        }
        return values;
    }

    public void postLog(@Body byte[] body, @Header(Exchange.CONTENT_TYPE) String contentType, Message out) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).trim();
        String line;
        if (type.startsWith("application/json")) {
            JsonNode node;
            try {
                node = json.readTree(text);
            } catch (JsonProcessingException e) {
                throw ApiException.badRequest("Body is not valid JSON: " + firstLine(e.getOriginalMessage()));
            }
            if (node != null && node.isTextual()) {
                line = node.asText();
            } else if (node != null && node.isObject() && node.path("line").isTextual()) {
                line = node.get("line").asText();
            } else {
                throw ApiException.badRequest("JSON body must be {\"line\": \"...\"} or a JSON string");
            }
        } else {
            // the entry takes text/plain or application/json only (hub-rest.camel.yaml)
            line = text;
        }
        line = line.strip();
        if (line.isEmpty()) {
            throw ApiException.badRequest("line is empty");
        }
        if (line.length() > MAX_LOG_LINE) {
            throw ApiException.badRequest("line is longer than " + MAX_LOG_LINE + " characters");
        }
        Instant now = clock.instant();
        long id = store.log(line, "api", now);
        respond(out, 201, Map.of("id", id, "line", line));
    }

    public void listLog(@Header("limit") String limit, Message out) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (DrEventStore.LogLine l : store.logLines(bounded(limit))) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", l.id());
            row.put("line", l.line());
            row.put("origin", l.origin());
            row.put("createdAt", l.createdAt().toString());
            lines.add(row);
        }
        respond(out, 200, lines);
    }

    public void listEvents(@Header("state") String state, @Header("congestionPoint") String congestionPoint,
                           @Header("sourceRef") String sourceRef, @Header("limit") String limit, Message out) {
        DrState wanted = null;
        if (state != null && !state.isBlank()) {
            try {
                wanted = DrState.valueOf(state.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("state must be one of SCHEDULED, ACTIVE, COMPLETED, FAILED, CANCELLED");
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (DrEvent e : store.list(wanted, blank(congestionPoint), blank(sourceRef), bounded(limit))) {
            rows.add(view(e, false));
        }
        respond(out, 200, rows);
    }

    public void getEvent(@Header("id") String id, Message out) {
        DrEvent event = store.findById(parseId(id))
                .orElseThrow(() -> ApiException.notFound("No demand-response event " + id));
        respond(out, 200, view(event, true));
    }

    public void cancelEvent(@Header("id") String id, Message out) {
        DrEvent event = actuation.cancel(parseId(id), "cancelled by an operator");
        respond(out, 200, view(event, true));
    }

    private Map<String, Object> view(DrEvent e, boolean withTransitions) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", e.id());
        v.put("source", e.source().name());
        v.put("sourceRef", e.sourceRef());
        v.put("orderMessageId", e.orderMessageId());
        v.put("offerId", e.offerId());
        v.put("congestionPoint", e.congestionPoint());
        v.put("deviceId", e.deviceId());
        v.put("state", e.state().name());
        v.put("startAt", e.startAt().toString());
        v.put("endAt", e.endAt().toString());
        v.put("ispSeconds", e.isp().toSeconds());
        v.put("setpointsKw", e.setpointsKw());
        v.put("demandKw", e.demandKw());
        v.put("activationFactor", e.activationFactor());
        v.put("appliedIsp", e.appliedIsp());
        v.put("appliedKw", e.appliedKw());
        v.put("restorePending", e.restorePending());
        v.put("missedIsps", e.missedIsps());
        v.put("nextActionAt", e.nextActionAt().toString());
        v.put("attempts", e.attempts());
        v.put("lastError", e.lastError());
        v.put("note", e.note());
        if (withTransitions) {
            List<Map<String, Object>> transitions = new ArrayList<>();
            for (DrEvent.Transition t : store.transitions(e.id())) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("from", t.from() == null ? null : t.from().name());
                row.put("to", t.to().name());
                row.put("reason", t.reason());
                row.put("at", t.at().toString());
                transitions.add(row);
            }
            v.put("transitions", transitions);
        }
        return v;
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("event id must be a number, got " + id);
        }
    }

    private static int bounded(String limit) {
        if (limit == null || limit.isBlank()) {
            return 100;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value < 1 || value > MAX_LIMIT) {
                throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit must be a number, got " + limit);
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private void respond(Message out, int status, Object body) {
        JsonReplies.respond(out, json, status, body);
    }
}
