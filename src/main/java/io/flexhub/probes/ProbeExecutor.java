package io.flexhub.probes;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flexhub.notify.Notification;
import io.flexhub.notify.Notifications;
import io.flexhub.notify.template.MessageTemplate;

/**
 * Runs the stages of a probe in order: the call with the stage's timeout, the response rules, then the actions of
 * the outcome (emails through the notification outbox, log lines posted), stopping or going on as the reaction says.
 * Action failures are recorded with the stage and never change its outcome: the outcome is about the service.
 */
public final class ProbeExecutor {

    static final int EXCERPT_CHARS = 1000;
    private static final Duration ACTION_TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http;
    private final Clock clock;
    private final UnaryOperator<String> placeholders;
    private final Notifications notifications;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param placeholders resolves {@code ${...}} in urls, header values and credentials when a call is made
     */
    public ProbeExecutor(HttpClient http, Clock clock, UnaryOperator<String> placeholders,
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
            HttpResponse<String> response = http.send(request(stage.request()),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            statusCode = response.statusCode();
            String body = response.body() == null ? "" : response.body();
            String contentType = response.headers().firstValue("Content-Type").orElse(null);
            JsonNode parsed = parse(body);
            responseVariables(parsed, vars);
            vars.put("responseBody", body);
            detail = stage.rule().violation(statusCode, contentType, parsed).orElse(null);
            outcome = detail == null ? Outcome.VALID : Outcome.ERROR;
            excerpt = excerpt(body);
        } catch (HttpTimeoutException e) {
            outcome = Outcome.TIMEOUT;
            detail = "no response within " + stage.request().timeout().toMillis() + " ms";
            excerpt = null;
        } catch (IOException | RuntimeException e) {
            outcome = Outcome.ERROR;
            detail = "call failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            excerpt = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = Outcome.ERROR;
            detail = "interrupted";
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

    private HttpRequest request(HttpCall call) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(placeholders.apply(call.url())))
                .timeout(call.timeout());
        call.headers().forEach((name, value) -> b.header(name, placeholders.apply(value)));
        authorize(b, call.user(), call.password());
        if (call.payload() != null && call.headers().keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            b.header("Content-Type", "application/json");
        }
        HttpRequest.BodyPublisher body = call.payload() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(call.payload(), StandardCharsets.UTF_8);
        return b.method(call.method(), body).build();
    }

    private void authorize(HttpRequest.Builder b, String user, String password) {
        if (user != null) {
            String pair = placeholders.apply(user) + ":" + placeholders.apply(password == null ? "" : password);
            b.header("Authorization", "Basic "
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
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(ACTION_TIMEOUT)
                    .header("Content-Type", post.contentType());
            post.headers().forEach((name, value) -> b.header(name, placeholders.apply(value)));
            authorize(b, post.user(), post.password());
            HttpResponse<Void> r = http.send(b.POST(HttpRequest.BodyPublishers.ofString(
                    MessageTemplate.render(post.body(), vars), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return "post to " + url + " answered " + r.statusCode();
        } catch (IOException | RuntimeException e) {
            return "post to " + url + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "post to " + url + " interrupted";
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
