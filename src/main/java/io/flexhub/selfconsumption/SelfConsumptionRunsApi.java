package io.flexhub.selfconsumption;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flexhub.common.ApiException;

/**
 * Admin API of the nightly run: {@code POST /api/selfconsumption/runs?day=yyyy-MM-dd} runs it now (default: tomorrow),
 * {@code GET /api/selfconsumption/runs} lists the latest runs, {@code GET /api/selfconsumption/runs/{id}} shows one
 * with each site's KPIs, forecast provenance, shortfalls, surplus outcome and planned setpoints.
 */
@Component("selfConsumptionRunsApi")
public class SelfConsumptionRunsApi {

    private final RunStore runs;
    private final CommandStore commands;
    private final ObjectMapper json;

    public SelfConsumptionRunsApi(RunStore runs, CommandStore commands, ObjectMapper json) {
        this.runs = runs;
        this.commands = commands;
        this.json = json;
    }

    /** Sets the headers the run route reads; rejects a malformed day with 400. */
    public void prepare(@Header("day") String day, Message in) {
        in.setHeader("trigger", "ADMIN");
        if (day == null || day.isBlank()) {
            in.removeHeader("day");
            return;
        }
        try {
            in.setHeader("day", LocalDate.parse(day.trim()));
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("day must be an ISO date (yyyy-MM-dd), not '" + day + "'");
        }
    }

    /** The run the route ran, by the id it ends with. */
    public Map<String, Object> created(@Body long id) {
        return run(id);
    }

    public Map<String, Object> list() {
        List<Map<String, Object>> list = runs.latest(50).stream().map(this::summary).toList();
        return Map.of("runs", list);
    }

    public Map<String, Object> get(@Header("id") String id) {
        long runId;
        try {
            runId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("run id must be a number, not '" + id + "'");
        }
        return run(runId);
    }

    private Map<String, Object> run(long id) {
        RunStore.Run run = runs.find(id).orElseThrow(() -> ApiException.notFound("no self-consumption run " + id));
        Map<String, Object> body = summary(run);
        body.put("sites", runs.sites(id).stream().map(this::site).toList());
        body.put("commands", commands.forRun(id).stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("deviceId", c.actuation().deviceId());
            m.put("command", c.actuation().command().name());
            m.put("powerKw", c.actuation().powerKw());
            m.put("effectiveAt", c.actuation().effectiveAt().toString());
            m.put("status", c.status());
            m.put("lastError", c.lastError());
            return m;
        }).toList());
        return body;
    }

    private Map<String, Object> summary(RunStore.Run run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", run.id());
        m.put("day", run.day().toString());
        m.put("trigger", run.trigger());
        m.put("objective", run.objective());
        m.put("status", run.status());
        m.put("startedAt", run.startedAt().toString());
        m.put("finishedAt", run.finishedAt() == null ? null : run.finishedAt().toString());
        m.put("optimizeMs", run.optimizeMs());
        m.put("error", run.error());
        return m;
    }

    private Map<String, Object> site(Map<String, Object> row) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("siteId", row.get("site_id"));
        m.put("status", row.get("status"));
        m.put("forecast", Map.of("provenance", row.get("forecast_provenance"),
                "detail", String.valueOf(row.get("forecast_detail"))));
        Map<String, Object> k = new LinkedHashMap<>();
        for (String c : List.of("self_consumption_ratio", "self_sufficiency_ratio", "grid_cost_eur", "net_cost_eur",
                "baseline_net_cost_eur", "saving_eur", "pv_kwh", "load_kwh", "import_kwh", "export_kwh",
                "curtailed_kwh", "ev_charged_kwh", "ev_unmet_kwh", "max_import_export_kw", "max_charge_discharge_kw")) {
            k.put(camel(c), row.get(c));
        }
        m.put("kpis", k);
        Map<String, Object> surplus = new LinkedHashMap<>();
        surplus.put("kwh", row.get("surplus_kwh"));
        surplus.put("status", row.get("surplus_status"));
        surplus.put("detail", row.get("surplus_detail"));
        m.put("surplus", surplus);
        m.put("publishedEntities", row.get("published_entities"));
        m.put("notificationId", row.get("notification_id"));
        m.put("shortfalls", tree((String) row.get("shortfalls_json")));
        m.put("notes", tree((String) row.get("notes_json")));
        m.put("schedule", tree((String) row.get("schedule_json")));
        m.put("headroom", tree((String) row.get("headroom_json")));
        return m;
    }

    private JsonNode tree(String s) {
        try {
            return s == null ? null : json.readTree(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String camel(String column) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char ch : column.toCharArray()) {
            if (ch == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return b.toString();
    }
}
