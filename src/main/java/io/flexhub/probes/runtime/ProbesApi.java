package io.flexhub.probes.runtime;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.apache.camel.Header;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flexhub.common.ApiException;
import io.flexhub.common.JsonReplies;
import io.flexhub.probes.ProbeDefinition;
import io.flexhub.probes.ProbeProblem;
import io.flexhub.probes.StageResult;

/**
 * {@code /api/probes}: the probes in force with their last run and the rejected definition files,
 * the stored results of one probe, and running one now.
 */
@Component("probesApi")
public class ProbesApi {

    private static final int MAX_LIMIT = 500;

    private final ProbeRegistry registry;
    private final ProbeResultStore store;
    private final ObjectMapper json;
    private final Clock clock;

    public ProbesApi(ProbeRegistry registry, ProbeResultStore store, ObjectMapper json, Clock clock) {
        this.registry = registry;
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    public void list(Message out) {
        ObjectNode body = json.createObjectNode();
        ArrayNode probes = body.putArray("probes");
        Instant now = clock.instant();
        for (ProbeDefinition d : registry.definitions()) {
            ObjectNode p = probes.addObject();
            p.put("id", d.id());
            p.put("workPackage", d.workPackage());
            p.put("workPackageTitle", d.workPackageTitle());
            p.put("service", d.service());
            p.put("description", d.description());
            p.put("source", d.source());
            p.put("schedule", d.schedule().describe());
            p.put("nextRun", d.schedule().nextFire(now).map(Instant::toString).orElse(null));
            p.put("stages", d.stages().size());
            p.put("routeId", d.routeId());
            p.put("routeStatus", registry.routeStatus(d));
            List<ProbeResultStore.StoredResult> recent = store.results(d.id(), d.stages().size());
            if (recent.isEmpty()) {
                p.putNull("lastRun");
            } else {
                String runId = recent.get(0).runId();
                ObjectNode run = p.putObject("lastRun");
                run.put("runId", runId);
                run.put("trigger", recent.get(0).trigger());
                ArrayNode stages = run.putArray("stages");
                recent.stream().filter(r -> r.runId().equals(runId))
                        .sorted((a, b) -> Integer.compare(a.result().stage(), b.result().stage()))
                        .forEach(r -> stages.add(result(r)));
            }
        }
        ArrayNode errors = body.putArray("errors");
        for (ProbeProblem problem : registry.problems()) {
            ObjectNode e = errors.addObject();
            e.put("file", problem.file());
            e.put("line", problem.line());
            e.put("field", problem.field());
            e.put("message", problem.message());
            e.put("text", problem.toString());
        }
        respond(out, 200, body);
    }

    public void results(@Header("id") String id, @Header("limit") String limit, Message out) {
        int n = limit(limit);
        List<ProbeResultStore.StoredResult> results = store.results(id, n);
        if (results.isEmpty() && registry.definition(id).isEmpty()) {
            throw ApiException.notFound("No probe with id " + id);
        }
        ArrayNode array = json.createArrayNode();
        results.forEach(r -> array.add(result(r)));
        respond(out, 200, array);
    }

    public void run(@Header("id") String id, Message out) {
        ProbeRegistry.ProbeRun run = registry.runNow(id)
                .orElseThrow(() -> ApiException.notFound("No probe with id " + id));
        ObjectNode body = json.createObjectNode();
        body.put("probeId", id);
        body.put("runId", run.runId());
        ArrayNode stages = body.putArray("stages");
        for (StageResult r : run.results()) {
            stages.add(result(new ProbeResultStore.StoredResult(run.runId(), "MANUAL", null, r)));
        }
        respond(out, 200, body);
    }

    private ObjectNode result(ProbeResultStore.StoredResult stored) {
        StageResult r = stored.result();
        ObjectNode o = json.createObjectNode();
        o.put("runId", stored.runId());
        o.put("trigger", stored.trigger());
        o.put("scheduledAt", stored.scheduledAt() == null ? null : stored.scheduledAt().toString());
        o.put("stage", r.stage());
        o.put("startedAt", r.startedAt().toString());
        o.put("finishedAt", r.finishedAt().toString());
        o.put("outcome", r.outcome().name());
        if (r.statusCode() == null) {
            o.putNull("statusCode");
        } else {
            o.put("statusCode", r.statusCode());
        }
        o.put("responseExcerpt", r.responseExcerpt());
        o.put("detail", r.detail());
        ArrayNode actions = o.putArray("actions");
        r.actions().forEach(actions::add);
        return o;
    }

    private static int limit(String raw) {
        return JsonReplies.limit(raw, 50, MAX_LIMIT);
    }

    private void respond(Message out, int status, Object body) {
        JsonReplies.respond(out, json, status, body);
    }
}
