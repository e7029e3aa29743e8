package io.flexhub.probes;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flexhub.common.http.HttpAnswer;
import io.flexhub.common.http.HttpTransport;
import io.flexhub.notify.Notification;
import io.flexhub.notify.Notifications;
import io.flexhub.notify.template.MessageTemplate;

/**
 * Runs the stages of a probe in order: the call with the stage's timeout, the response rules, then the actions of
 * the outcome (emails through the notification outbox, log lines posted), stopping or going on as the reaction says.
 * Action failures are recorded with the stage and never change its outcome: the outcome is about the service. The
 * hub's transport sends the calls through the route {@code probes-http} (camel-http).
 */
public final class ProbeExecutor {

    static final int EXCERPT_CHARS = 1000;
    private static final Duration ACTION_TIMEOUT = Duration.ofSeconds(15);

    private final HttpTransport http;
    private final Clock clock;
    private final UnaryOperator<String> placeholders;
    private final Notifications notifications;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param placeholders resolves {@code ${...}} in urls, header values and credentials when a call is made
     */
    public ProbeExecutor(HttpTransport http, Clock clock, UnaryOperator<String> placeholders,
                         Notifications notifications) {
        this.http = http;
        this.clock = clock;
        this.placeholders = placeholders;
        this.notifications = notifications;
    }

    /** @param runRef identifies the run in emails and stored results */
    public List<StageResult> run(ProbeDefinition probe, String runRef) {
        Instant runStart = clock.instant();
        List<StageResult> results = new ArrayList<>();
        for (ProbeStage stage : probe.stages()) {
            StageResult result = stage(probe, stage, runRef, runStart);
            results.add(result);
            if (stage.reaction(result.outcome()).stop()) {
                break;
            }
        }
        return results;
    }

    private StageResult stage(ProbeDefinition probe, ProbeStage stage, String runRef, Instant runStart) {
        Instant started = clock.instant();
        Map<String, Object> vars = new HashMap<>();
        Outcome outcome;
        Integer statusCode = null;
        String excerpt;
        String detail;
        try {
            HttpAnswer response = http.send(request(stage.request()));
            statusCode = response.status();
            String body = response.text();
            String contentType = response.header("Content-Type").orElse(null);
            JsonNode parsed = parse(body);
            responseVariables(parsed, vars);
            vars.put("responseBody", body);
            detail = stage.rule().violation(statusCode, contentType, parsed).orElse(null);
            outcome = detail == null ? Outcome.VALID : Outcome.ERROR;
            excerpt = excerpt(body);
        } catch (InterruptedIOException e) {
            boolean interrupted = Thread.currentThread().isInterrupted();
            outcome = interrupted ? Outcome.ERROR : Outcome.TIMEOUT;
            detail = interrupted ? "interrupted" : "no response within " + stage.request().timeout().toMillis() + " ms";
            excerpt = null;
        } catch (IOException | RuntimeException e) {
            outcome = Outcome.ERROR;
            detail = "call failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            excerpt = null;
        }
        vars.put("TIME", MessageTemplate.time(runStart, probe.schedule().zone()));
        vars.put("statusCode", statusCode == null ? "none" : String.valueOf(statusCode));
        vars.put("outcome", outcome.name());
        vars.put("error", detail == null ? "" : detail);
        vars.put("probeId", probe.id());
        vars.put("service", probe.service());
        vars.put("stage", String.valueOf(stage.number()));
        vars.put("runId", runRef);
        payloadVariables(stage.request().payload(), vars);
        List<String> actions = new ArrayList<>();
        for (ProbeAction action : stage.reaction(outcome).actions()) {
            actions.add(perform(action, vars, runRef));
        }
        return new StageResult(stage.number(), started, clock.instant(), outcome, statusCode, excerpt, detail,
                actions);
    }

    private io.flexhub.common.http.HttpCall request(HttpCall call) {
        Map<String, String> headers = new LinkedHashMap<>();
        call.headers().forEach((name, value) -> headers.put(name, placeholders.apply(value)));
        authorize(headers, call.user(), call.password());
        if (call.payload() != null && call.headers().keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            headers.put("Content-Type", "application/json");
        }
        return new io.flexhub.common.http.HttpCall(call.method(), URI.create(placeholders.apply(call.url())), headers,
                call.payload() == null ? null : call.payload().getBytes(StandardCharsets.UTF_8), call.timeout());
    }

    private void authorize(Map<String, String> headers, String user, String password) {
        if (user != null) {
            String pair = placeholders.apply(user) + ":" + placeholders.apply(password == null ? "" : password);
            headers.put("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private String perform(ProbeAction action, Map<String, Object> vars, String runRef) {
        if (action instanceof ProbeAction.Email email) {
            String subject = MessageTemplate.render(email.subject(), vars);
            try {
                long id = notifications.send(new Notification("probe", email.to(), subject,
                        MessageTemplate.render(email.body(), vars), runRef));
                return "email '" + subject + "' to " + (email.to().isEmpty() ? "default probe recipients"
                        : String.join(", ", email.to())) + " queued as notification " + id;
            } catch (RuntimeException e) {
                return "email '" + subject + "' failed: " + e.getMessage();
            }
        }
        ProbeAction.Post post = (ProbeAction.Post) action;
        String url = post.url();
        try {
            url = placeholders.apply(post.url());
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", post.contentType());
            post.headers().forEach((name, value) -> headers.put(name, placeholders.apply(value)));
            authorize(headers, post.user(), post.password());
            HttpAnswer r = http.send(new io.flexhub.common.http.HttpCall("POST", URI.create(url), headers,
                    MessageTemplate.render(post.body(), vars).getBytes(StandardCharsets.UTF_8), ACTION_TIMEOUT));
            return "post to " + url + " answered " + r.status();
        } catch (IOException | RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                return "post to " + url + " interrupted";
            }
            return "post to " + url + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage());
        }
    }

    private JsonNode parse(String body) {
        if (body.isBlank()) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** Top-level response attributes by name ({@code $status}), as the seed's templates use them. */
    private static void responseVariables(JsonNode body, Map<String, Object> vars) {
        if (body != null && body.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                vars.put(f.getKey(), f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString());
            }
        }
    }

    /** {@code $payload} as the seed writes it ({@code [0, 0, 0.5, -1.3]}) and {@code $payload_N} per value (from 0). */
    private void payloadVariables(String payload, Map<String, Object> vars) {
        if (payload == null) {
            vars.put("payload", "");
            return;
        }
        JsonNode node = parse(payload);
        if (node != null && node.isArray()) {
            vars.put("payload", StreamSupport.stream(node.spliterator(), false)
                    .map(v -> v.isValueNode() ? v.asText() : v.toString())
                    .collect(Collectors.joining(", ", "[", "]")));
            for (int i = 0; i < node.size(); i++) {
                vars.put("payload_" + i, node.get(i).isValueNode() ? node.get(i).asText() : node.get(i).toString());
            }
        } else {
            vars.put("payload", payload);
            if (node != null && node.isObject()) {
                node.fields().forEachRemaining(f -> vars.put("payload_" + f.getKey(),
                        f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString()));
            }
        }
    }

    static String excerpt(String body) {
        return body.length() <= EXCERPT_CHARS ? body : body.substring(0, EXCERPT_CHARS) + "...";
    }
}
