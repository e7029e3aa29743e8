package io.flexhub.ngsild.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.StringJoiner;

/**
 * A blocking NGSI-LD client for Orion-LD, Scorpio and Stellio.
 *
 * <p>Every request carries the same JSON-LD Link header and {@code application/json}: without the Link the
 * broker falls back to the core context, and then queries silently return {@code []} and PATCHes silently
 * change nothing. Bodies therefore must not carry {@code @context}; brokers reject the mix with 400.
 */
public final class NgsiLdClient {

    static final String JSON = "application/json";
    static final String RESULTS_COUNT = "NGSILD-Results-Count";
    static final String TENANT = "NGSILD-Tenant";

    /** Lets tests run the back-off without waiting. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final NgsiLdClientConfig config;
    private final HttpClient http;
    private final ObjectMapper mapper;
    private final Sleeper sleeper;
    private final String linkHeader;

    public NgsiLdClient(NgsiLdClientConfig config, ObjectMapper mapper) {
        this(config, HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build(), mapper,
                d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000));
    }

    public NgsiLdClient(NgsiLdClientConfig config, HttpClient http, ObjectMapper mapper, Sleeper sleeper) {
        this.config = config;
        this.http = http;
        this.mapper = mapper;
        this.sleeper = sleeper;
        this.linkHeader = LinkHeader.jsonLdContext(config.contextUrl());
    }

    public NgsiLdClientConfig config() {
        return config;
    }

    /** Empty on 404, including an unknown tenant: a tenant exists only after its first write. */
    public Optional<JsonNode> getEntity(String id, EntityOptions options) {
        EntityOptions o = options == null ? EntityOptions.NORMALIZED : options;
        Map<String, String> params = new LinkedHashMap<>();
        if (!o.attrs().isEmpty()) {
            params.put("attrs", String.join(",", o.attrs()));
        }
        StringJoiner opts = new StringJoiner(",");
        if (o.keyValues()) {
            opts.add("keyValues");
        }
        if (o.sysAttrs()) {
            opts.add("sysAttrs");
        }
        if (opts.length() > 0) {
            params.put("options", opts.toString());
        }
        Response r = send("GET", uri(config.baseUrl(), "/entities/" + segment(id), params), null);
        if (r.status == 404) {
            return Optional.empty();
        }
        expectSuccess(r, "GET entity " + id);
        return Optional.ofNullable(r.json()).filter(JsonNode::isObject);
    }

    /**
     * All entities of a type matching {@code q}, read page by page. The next offset is computed here rather
     * than taken from the broker's {@code rel="next"} Link, whose host comes from broker configuration.
     * Entities are de-duplicated by id because offset paging without orderBy is not stable.
     * An unknown tenant yields an empty list.
     */
    public List<JsonNode> queryEntities(String type, String q, String... attrs) {
        Map<String, String> params = new LinkedHashMap<>();
        if (type != null) {
            params.put("type", type);
        }
        if (q != null && !q.isBlank()) {
            params.put("q", q);
        }
        if (attrs != null && attrs.length > 0) {
            params.put("attrs", String.join(",", attrs));
        }
        return paged(config.baseUrl(), "/entities", params, "query entities");
    }

    /**
     * Batch upsert. With {@code update=false} the broker's default {@code options=replace} applies, which
     * deletes every attribute missing from the payload; periodic partial writes must pass {@code true}.
     */
    public UpsertResult upsert(List<ObjectNode> entities, boolean update) {
        if (entities.isEmpty()) {
            return new UpsertResult(List.of(), List.of());
        }
        ArrayNode body = mapper.createArrayNode();
        for (ObjectNode e : entities) {
            rejectInlineContext(e);
            body.add(e);
        }
        Map<String, String> params = update ? Map.of("options", "update") : Map.of();
        Response r = send("POST", uri(config.baseUrl(), "/entityOperations/upsert", params), body);
        switch (r.status) {
            case 201 -> {
                return new UpsertResult(ids(r.json()), List.of());
            }
            case 204 -> {
                return new UpsertResult(List.of(), List.of());
            }
            case 207 -> {
                return batchResult(r.json());
            }
            default -> throw problem(r, "upsert");
        }
    }

    /**
     * Updates existing attributes (actuation). Returns the names the broker reported as not updated (207).
     * Scorpio and Orion-LD answer 204 and silently drop attributes the entity does not have, so an empty
     * result does not prove the change was applied; re-read the entity when it matters.
     */
    public List<String> patchAttributes(String id, ObjectNode attrs) {
        rejectInlineContext(attrs);
        Response r = send("PATCH", uri(config.baseUrl(), "/entities/" + segment(id) + "/attrs", Map.of()), attrs);
        if (r.status == 204 || r.status == 200) {
            return List.of();
        }
        if (r.status == 207) {
            List<String> notUpdated = new ArrayList<>();
            JsonNode body = r.json();
            if (body != null) {
                for (JsonNode n : body.path("notUpdated")) {
                    notUpdated.add(n.isTextual() ? n.asText() : n.path("attributeName").asText());
                }
            }
            return List.copyOf(notUpdated);
        }
        throw problem(r, "PATCH attrs of " + id);
    }

    /**
     * Creates a subscription and returns its id. {@code Location} is absolute on Scorpio and relative on
     * Orion-LD, so it is resolved against the base URL.
     */
    public String createSubscription(ObjectNode subscription) {
        rejectInlineContext(subscription);
        Response r = send("POST", uri(config.baseUrl(), "/subscriptions", Map.of()), subscription);
        if (r.status == 409 && r.attempts > 1 && subscription.hasNonNull("id")) {
            // An earlier attempt timed out or got a 5xx after the broker had stored the subscription.
            return subscription.get("id").asText();
        }
        if (r.status != 201 && r.status != 200) {
            throw problem(r, "create subscription");
        }
        Optional<String> location = r.response.headers().firstValue("Location");
        if (location.isPresent()) {
            String path = config.baseUrl().resolve(location.get().trim()).getRawPath();
            return URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
        }
        if (subscription.hasNonNull("id")) {
            return subscription.get("id").asText();
        }
        throw new NgsiLdException(r.status, null, null, null,
                "subscription created without Location and without an id in the request", null);
    }

    public List<JsonNode> listSubscriptions() {
        return paged(config.baseUrl(), "/subscriptions", new LinkedHashMap<>(), "list subscriptions");
    }

    /** Deleting a subscription that is already gone is not an error: the desired state holds. */
    public void deleteSubscription(String id) {
        Response r = send("DELETE", uri(config.baseUrl(), "/subscriptions/" + segment(id), Map.of()), null);
        if (r.status != 204 && r.status != 200 && r.status != 404) {
            throw problem(r, "delete subscription " + id);
        }
    }

    /**
     * Temporal query against the temporal base URL. History is written asynchronously on Scorpio (about 5 s),
     * so a query right after a write can be empty. {@code NGSILD-Results-Count} counts entities, not instances.
     */
    public List<JsonNode> temporalQuery(TemporalQuery query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query.type() != null) {
            params.put("type", query.type());
        }
        if (!query.attrs().isEmpty()) {
            params.put("attrs", String.join(",", query.attrs()));
        }
        if (query.timerel() != null) {
            params.put("timerel", query.timerel());
            params.put("timeAt", String.valueOf(query.timeAt()));
            if (query.endTimeAt() != null) {
                params.put("endTimeAt", query.endTimeAt().toString());
            }
        }
        if (query.timeproperty() != null) {
            params.put("timeproperty", query.timeproperty());
        }
        if (query.lastN() != null) {
            params.put("lastN", query.lastN().toString());
        }
        return paged(config.temporalBaseUrl(), "/temporal/entities", params, "temporal query");
    }

    private List<JsonNode> paged(URI base, String path, Map<String, String> filter, String what) {
        int limit = config.pageSize();
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        List<JsonNode> withoutId = new ArrayList<>();
        int offset = 0;
        while (true) {
            Map<String, String> params = new LinkedHashMap<>(filter);
            params.put("count", "true");
            params.put("limit", Integer.toString(limit));
            if (offset > 0) {
                params.put("offset", Integer.toString(offset));
            }
            Response r = send("GET", uri(base, path, params), null);
            if (r.status == 404) {
                NgsiLdException e = problem(r, what);
                if (e.isUnknownTenant()) {
                    return List.of();
                }
                throw e;
            }
            expectSuccess(r, what);
            JsonNode page = r.json();
            List<JsonNode> items = new ArrayList<>();
            if (page != null && page.isArray()) {
                page.forEach(items::add);
            } else if (page != null && page.isObject()) {
                items.add(page);
            }
            int known = byId.size() + withoutId.size();
            for (JsonNode item : items) {
                if (item.hasNonNull("id")) {
                    byId.putIfAbsent(item.get("id").asText(), item);
                } else {
                    withoutId.add(item);
                }
            }
            offset += items.size();
            OptionalLong total = resultsCount(r);
            boolean nothingNew = byId.size() + withoutId.size() == known;
            // nothingNew guards against a broker that ignores offset, which would otherwise loop forever.
            if (items.size() < limit || nothingNew || (total.isPresent() && offset >= total.getAsLong())) {
                break;
            }
        }
        List<JsonNode> all = new ArrayList<>(byId.values());
        all.addAll(withoutId);
        return List.copyOf(all);
    }

    private static OptionalLong resultsCount(Response r) {
        Optional<String> v = r.response.headers().firstValue(RESULTS_COUNT);
        try {
            return v.isPresent() ? OptionalLong.of(Long.parseLong(v.get().trim())) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private UpsertResult batchResult(JsonNode body) {
        List<String> success = new ArrayList<>();
        List<UpsertResult.BatchError> errors = new ArrayList<>();
        if (body == null) {
            return new UpsertResult(success, errors);
        }
        // Scorpio once answered 207 with a non-standard shape (#466), so read both keys loosely.
        success.addAll(ids(body.path("success")));
        for (JsonNode e : body.path("errors")) {
            JsonNode pd = e.has("error") ? e.get("error") : e.has("ProblemDetails") ? e.get("ProblemDetails") : e;
            String entityId = e.hasNonNull("entityId") ? e.get("entityId").asText() : e.path("id").asText(null);
            NgsiLdException p = new NgsiLdException(pd.path("status").asInt(0), pd.path("type").asText(null),
                    pd.path("title").asText(null), detail(pd), null, null);
            errors.add(new UpsertResult.BatchError(entityId, p.status(), p.problemType(), p.title(), p.detail()));
        }
        return new UpsertResult(success, errors);
    }

    private static List<String> ids(JsonNode node) {
        List<String> ids = new ArrayList<>();
        if (node != null && node.isArray()) {
            for (JsonNode n : node) {
                if (n.isTextual()) {
                    ids.add(n.asText());
                } else if (n.hasNonNull("id")) {
                    ids.add(n.get("id").asText());
                }
            }
        }
        return ids;
    }

    private static void rejectInlineContext(ObjectNode body) {
        if (body.has("@context")) {
            throw new IllegalArgumentException(
                    "body carries @context; the client sends the context as a Link header and brokers reject both");
        }
    }

    private void expectSuccess(Response r, String what) {
        if (r.status < 200 || r.status > 299) {
            throw problem(r, what);
        }
    }

    private NgsiLdException problem(Response r, String what) {
        JsonNode body = null;
        try {
            body = r.json();
        } catch (NgsiLdException ignored) {
            // A non-JSON error page (proxy, gateway) still yields the status.
        }
        String type = body == null ? null : body.path("type").asText(null);
        String title = body == null ? null : body.path("title").asText(null);
        String detail = body == null ? null : detail(body);
        String message = what + " failed: HTTP " + r.status + (type == null ? "" : " " + type.trim())
                + (detail == null ? "" : " - " + detail);
        return new NgsiLdException(r.status, type, title, detail, message, null);
    }

    /** Older Orion-LD versions used {@code details}. */
    private static String detail(JsonNode pd) {
        return pd.hasNonNull("detail") ? pd.get("detail").asText() : pd.path("details").asText(null);
    }

    private Response send(String method, URI uri, JsonNode body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(config.requestTimeout())
                .header("Accept", JSON)
                .header("Link", linkHeader);
        config.tenantHeader().ifPresent(t -> b.header(TENANT, t));
        if (body != null) {
            byte[] bytes;
            try {
                bytes = mapper.writeValueAsBytes(body);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("cannot serialise request body", e);
            }
            b.header("Content-Type", JSON).method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpRequest request = b.build();
        NgsiLdClientConfig.RetryPolicy retry = config.retry();
        for (int attempt = 1; ; attempt++) {
            if (attempt > 1) {
                pause(retry.delayBefore(attempt), method, uri);
            }
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() >= 500 && attempt < retry.maxAttempts()) {
                    continue;
                }
                return new Response(response, mapper, attempt);
            } catch (IOException e) {
                if (attempt >= retry.maxAttempts()) {
                    throw new NgsiLdException(0, null, null, null,
                            method + " " + uri + " failed after " + attempt + " attempt(s): " + e, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NgsiLdException(0, null, null, null, method + " " + uri + " interrupted", e);
            }
        }
    }

    private void pause(Duration d, String method, URI uri) {
        if (d.isZero() || d.isNegative()) {
            return;
        }
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NgsiLdException(0, null, null, null, method + " " + uri + " interrupted during back-off", e);
        }
    }

    private static URI uri(URI base, String path, Map<String, String> params) {
        String b = base.toString();
        StringBuilder s = new StringBuilder(b.endsWith("/") ? b.substring(0, b.length() - 1) : b).append(path);
        char sep = '?';
        for (Map.Entry<String, String> p : params.entrySet()) {
            s.append(sep).append(encode(p.getKey())).append('=').append(encode(p.getValue()));
            sep = '&';
        }
        return URI.create(s.toString());
    }

    /** Ids are URIs and may contain '/', '#' or '?'. */
    private static String segment(String id) {
        return encode(id);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static final class Response {
        final HttpResponse<byte[]> response;
        final int status;
        final int attempts;
        private final ObjectMapper mapper;

        Response(HttpResponse<byte[]> response, ObjectMapper mapper, int attempts) {
            this.response = response;
            this.status = response.statusCode();
            this.mapper = mapper;
            this.attempts = attempts;
        }

        /** Null for an empty body: Scorpio's count-only reply has neither body nor Content-Type. */
        JsonNode json() {
            byte[] body = response.body();
            if (body == null || body.length == 0) {
                return null;
            }
            try {
                return mapper.readTree(body);
            } catch (IOException e) {
                throw new NgsiLdException(status, null, null, null,
                        "unparseable response body (HTTP " + status + ")", e);
            }
        }
    }
}
