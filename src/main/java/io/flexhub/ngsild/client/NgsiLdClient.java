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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.StringJoiner;

import io.flexhub.common.http.HttpAnswer;
import io.flexhub.common.http.HttpCall;
import io.flexhub.common.http.HttpTransport;

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
    private final HttpTransport http;
    private final ObjectMapper mapper;
    private final Sleeper sleeper;
    private final String linkHeader;

    /**
     * @param http makes one request per attempt (the hub's goes through a camel-http endpoint); retries are this
     *             client's
     */
    public NgsiLdClient(NgsiLdClientConfig config, HttpTransport http, ObjectMapper mapper, Sleeper sleeper) {
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
            return notUpdated(r.json());
        }
        throw problem(r, "PATCH attrs of " + id);
    }

    private static List<String> notUpdated(JsonNode body) {
        List<String> names = new ArrayList<>();
        if (body != null) {
            for (JsonNode n : body.path("notUpdated")) {
                names.add(n.isTextual() ? n.asText() : n.path("attributeName").asText());
            }
        }
        return List.copyOf(names);
    }

    /**
     * Appends attributes ({@code POST /entities/{id}/attrs}): creates those the entity lacks and overwrites the others,
     * on Scorpio, Orion-LD and Stellio alike (a PATCH of an attribute the entity lacks is a silent no-op on the first
     * two).
     */
    public AttrsAnswer appendAttributes(String id, ObjectNode attrs) {
        rejectInlineContext(attrs);
        Response r = send("POST", uri(config.baseUrl(), "/entities/" + segment(id) + "/attrs", Map.of()), attrs);
        if (r.status == 204 || r.status == 200 || r.status == 201) {
            return new AttrsAnswer(r.status, List.of());
        }
        if (r.status == 207) {
            return new AttrsAnswer(r.status, notUpdated(r.json()));
        }
        throw problem(r, "POST attrs of " + id);
    }

    /** The broker's answer to an attribute write: its status and the attributes it reported as not updated (207). */
    public record AttrsAnswer(int status, List<String> notUpdated) {
    }

    /** Deletes one attribute; one the entity does not have (404) counts as deleted. */
    public void deleteAttribute(String id, String attribute) {
        Response r = send("DELETE", uri(config.baseUrl(), "/entities/" + segment(id) + "/attrs/" + segment(attribute),
                Map.of()), null);
        if (r.status != 404) {
            expectSuccess(r, "DELETE attribute " + attribute + " of " + id);
        }
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
        Optional<String> location = r.answer.header("Location");
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
     * Temporal query by type against the temporal base URL, read completely (see {@link #temporalEntity}). Entities
     * are paged by {@code limit}/{@code offset} within each time window. History is written asynchronously on
     * Scorpio (about 5 s), so a query right after a write can be empty.
     */
    public List<JsonNode> temporalQuery(TemporalQuery query) {
        Map<String, String> filter = new LinkedHashMap<>();
        if (query.type() != null) {
            filter.put("type", query.type());
        }
        return temporal(query, filter, params -> {
            Paged p = paged(config.temporalBaseUrl(), "/temporal/entities", params, "temporal query", false);
            return new Fetched(p.items(), p.partial(), p.range());
        });
    }

    /**
     * The history of one entity ({@code GET /temporal/entities/{id}}), read completely; empty when the broker has no
     * instance of it in the range (404 or nothing returned).
     *
     * <p>Brokers cap the instances per attribute of one answer: Scorpio at 50 without any sign of it, Stellio and
     * Mintaka with {@code 206} and {@code Content-Range: date-time <start>-<end>/<size>}. So the range is asked in
     * time windows that the query's resolution says hold fewer than {@code temporalLimit} instances; a 206 is
     * continued after the range it covers, and a window that comes back with {@code temporalLimit} instances of an
     * attribute is taken as cut and asked again in halves. Instances are merged and de-duplicated by
     * {@code observedAt}. A {@code lastN} query is a single request, refused when its answer may have been cut.
     */
    public Optional<JsonNode> temporalEntity(String id, TemporalQuery query) {
        List<JsonNode> found = temporal(query, new LinkedHashMap<>(), params -> {
            Response r = send("GET", uri(config.temporalBaseUrl(), "/temporal/entities/" + segment(id), params), null);
            if (r.status == 404) {
                return new Fetched(List.of(), false, Optional.empty());
            }
            expectSuccess(r, "temporal entity " + id);
            JsonNode body = r.json();
            return new Fetched(body != null && body.isObject() ? List.of(body) : List.of(), r.status == 206,
                    TemporalHistory.contentRange(r.answer.header("Content-Range").orElse(null)));
        });
        return found.stream().filter(e -> id.equals(e.path("id").asText())).findFirst();
    }

    /** One temporal answer: its entities and, for a 206, the time range it covers (empty when it does not say). */
    private record Fetched(List<JsonNode> entities, boolean partial, Optional<TemporalHistory.Range> range) {
    }

    /** Guards against a broker that ignores the time filter, which would otherwise be split without end. */
    static final int MAX_TEMPORAL_REQUESTS = 2000;

    private List<JsonNode> temporal(TemporalQuery q, Map<String, String> filter,
            java.util.function.Function<Map<String, String>, Fetched> fetch) {
        if (!q.attrs().isEmpty()) {
            filter.put("attrs", String.join(",", q.attrs()));
        }
        if (q.timeproperty() != null) {
            filter.put("timeproperty", q.timeproperty());
        }
        int limit = config.temporalLimit();
        TemporalHistory.Window whole = switch (q.timerel() == null ? "" : q.timerel()) {
            case "between" -> new TemporalHistory.Window(q.timeAt(), q.endTimeAt());
            case "after" -> new TemporalHistory.Window(q.timeAt(), null);
            case "before" -> new TemporalHistory.Window(null, q.timeAt());
            case "" -> new TemporalHistory.Window(null, null);
            default -> throw new IllegalArgumentException("unknown timerel " + q.timerel());
        };
        if (q.lastN() != null) {
            Map<String, String> params = window(filter, whole);
            params.put("lastN", q.lastN().toString());
            Fetched f = fetch.apply(params);
            if (f.partial() || TemporalHistory.anyCount(f.entities(), limit, q.lastN())) {
                throw new NgsiLdException(206, null, null, null, "temporal query with lastN=" + q.lastN()
                        + " may have been cut by the broker's limit of " + limit + " instances; query a time range", null);
            }
            TemporalHistory one = new TemporalHistory();
            one.add(f.entities());
            return one.entities();
        }
        java.util.Deque<TemporalHistory.Window> todo = new java.util.ArrayDeque<>();
        for (TemporalHistory.Window w : initialWindows(whole, q.resolution(), limit)) {
            todo.addLast(w);
        }
        TemporalHistory history = new TemporalHistory();
        int requests = 0;
        while (!todo.isEmpty()) {
            TemporalHistory.Window w = todo.pollFirst();
            if (++requests > MAX_TEMPORAL_REQUESTS) {
                throw new NgsiLdException(0, null, null, null, "temporal query still incomplete after "
                        + MAX_TEMPORAL_REQUESTS + " requests; the broker may ignore the time filter", null);
            }
            Fetched f = fetch.apply(window(filter, w));
            List<TemporalHistory.Window> next;
            if (f.partial() && f.range().isPresent()) {
                history.add(f.entities());
                next = remainder(w, f.range().get());
            } else if (f.partial() || TemporalHistory.possiblyCut(f.entities(), limit)) {
                // Scorpio cuts without a sign: a full answer may be a cut one, so it is asked again in parts.
                next = split(w, f.entities(), limit);
            } else {
                history.add(f.entities());
                continue;
            }
            for (int i = next.size() - 1; i >= 0; i--) {
                todo.addFirst(next.get(i));
            }
        }
        return history.entities();
    }

    /** Consecutive windows of {@code (limit - 2)} resolutions: both ends count on Scorpio, and a full one is cut. */
    private static List<TemporalHistory.Window> initialWindows(TemporalHistory.Window whole, Duration resolution,
            int limit) {
        if (!whole.bounded() || resolution == null) {
            return List.of(whole);
        }
        long step = Math.max(1, resolution.toMillis() * (limit - 2));
        List<TemporalHistory.Window> out = new ArrayList<>();
        Instant from = whole.from();
        while (from.isBefore(whole.to())) {
            Instant to = Instant.ofEpochMilli(from.toEpochMilli() + step);
            to = to.isAfter(whole.to()) ? whole.to() : to;
            out.add(new TemporalHistory.Window(from, to));
            from = to;
        }
        return out.isEmpty() ? List.of(whole) : out;
    }

    /** What a 206 did not cover; a continuation that would not shrink the window halves it instead. */
    private static List<TemporalHistory.Window> remainder(TemporalHistory.Window w, TemporalHistory.Range covered) {
        List<TemporalHistory.Window> rest = new ArrayList<>();
        if (w.from() == null || covered.lo().isAfter(w.from())) {
            rest.add(new TemporalHistory.Window(w.from(), covered.lo()));
        }
        if (w.to() == null || covered.hi().isBefore(w.to())) {
            rest.add(new TemporalHistory.Window(covered.hi(), w.to()));
        }
        if (rest.stream().allMatch(r -> r.smallerThan(w))) {
            return rest;
        }
        return w.halves().orElseThrow(() -> new NgsiLdException(206, null, null, null,
                "temporal answer 206 covers " + covered + " and cannot be continued inside " + w, null));
    }

    /**
     * A possibly cut window in parts: a bounded one in halves; an open one at the instants it returned, so that the
     * open side is asked again beyond them and the part between them is bounded.
     */
    private static List<TemporalHistory.Window> split(TemporalHistory.Window w, List<JsonNode> entities, int limit) {
        Optional<List<TemporalHistory.Window>> halves = w.halves();
        if (halves.isPresent()) {
            return halves.get();
        }
        Optional<TemporalHistory.Range> seen = TemporalHistory.observed(entities);
        if (!w.bounded() && seen.isPresent()) {
            Instant lo = w.from() == null ? seen.get().lo() : w.from();
            Instant hi = w.to() == null ? seen.get().hi() : w.to();
            List<TemporalHistory.Window> parts = new ArrayList<>();
            if (w.from() == null) {
                parts.add(new TemporalHistory.Window(null, lo));
            }
            parts.add(new TemporalHistory.Window(lo, hi));
            if (w.to() == null) {
                parts.add(new TemporalHistory.Window(hi, null));
            }
            if (parts.stream().allMatch(p -> p.smallerThan(w))) {
                return parts;
            }
        }
        throw new NgsiLdException(0, null, null, null, "temporal answer for " + w + " has " + limit
                + " or more instances of an attribute (the broker's limit) and cannot be split further", null);
    }

    private static Map<String, String> window(Map<String, String> filter, TemporalHistory.Window w) {
        Map<String, String> params = new LinkedHashMap<>(filter);
        if (w.bounded()) {
            params.put("timerel", "between");
            params.put("timeAt", NgsiLdDateTime.format(w.from()));
            params.put("endTimeAt", NgsiLdDateTime.format(w.to()));
        } else if (w.from() != null) {
            params.put("timerel", "after");
            params.put("timeAt", NgsiLdDateTime.format(w.from()));
        } else if (w.to() != null) {
            params.put("timerel", "before");
            params.put("timeAt", NgsiLdDateTime.format(w.to()));
        }
        return params;
    }

    private List<JsonNode> paged(URI base, String path, Map<String, String> filter, String what) {
        return paged(base, path, filter, what, true).items();
    }

    /** Entities of all pages; {@code partial} when a page was a temporal 206, with the range all such pages cover. */
    private record Paged(List<JsonNode> items, boolean partial, Optional<TemporalHistory.Range> range) {
    }

    /**
     * {@code count=true} is left off temporal queries: Scorpio answers it with 500 when no entity matches (recorded
     * against 5.0.3), and there it counts entities, not instances, so it saves at most the last short page.
     * Retrying without it would first spend the retries and their back-off on every empty window.
     */
    private Paged paged(URI base, String path, Map<String, String> filter, String what, boolean count) {
        int limit = config.pageSize();
        boolean partial = false;
        boolean unknownRange = false;
        Instant coveredLo = null;
        Instant coveredHi = null;
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        List<JsonNode> withoutId = new ArrayList<>();
        int offset = 0;
        while (true) {
            Map<String, String> params = new LinkedHashMap<>(filter);
            if (count) {
                params.put("count", "true");
            }
            params.put("limit", Integer.toString(limit));
            if (offset > 0) {
                params.put("offset", Integer.toString(offset));
            }
            Response r = send("GET", uri(base, path, params), null);
            if (r.status == 404) {
                NgsiLdException e = problem(r, what);
                if (e.isUnknownTenant()) {
                    return new Paged(List.of(), false, Optional.empty());
                }
                throw e;
            }
            expectSuccess(r, what);
            Optional<TemporalHistory.Range> range = r.status == 206
                    ? TemporalHistory.contentRange(r.answer.header("Content-Range").orElse(null))
                    : Optional.empty();
            partial |= r.status == 206;
            unknownRange |= r.status == 206 && range.isEmpty();
            if (range.isPresent()) {
                coveredLo = coveredLo == null || range.get().lo().isAfter(coveredLo) ? range.get().lo() : coveredLo;
                coveredHi = coveredHi == null || range.get().hi().isBefore(coveredHi) ? range.get().hi() : coveredHi;
            }
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
        return new Paged(List.copyOf(all), partial, unknownRange || coveredLo == null || coveredHi.isBefore(coveredLo)
                ? Optional.empty()
                : Optional.of(new TemporalHistory.Range(coveredLo, coveredHi)));
    }

    private static OptionalLong resultsCount(Response r) {
        Optional<String> v = r.answer.header(RESULTS_COUNT);
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
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", JSON);
        headers.put("Link", linkHeader);
        config.tenantHeader().ifPresent(t -> headers.put(TENANT, t));
        byte[] bytes = null;
        if (body != null) {
            try {
                bytes = mapper.writeValueAsBytes(body);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("cannot serialise request body", e);
            }
            headers.put("Content-Type", JSON);
        }
        HttpCall request = new HttpCall(method, uri, headers, bytes, config.requestTimeout());
        NgsiLdClientConfig.RetryPolicy retry = config.retry();
        for (int attempt = 1; ; attempt++) {
            if (attempt > 1) {
                pause(retry.delayBefore(attempt), method, uri);
            }
            try {
                HttpAnswer response = http.send(request);
                if (response.status() >= 500 && attempt < retry.maxAttempts()) {
                    continue;
                }
                return new Response(response, mapper, attempt);
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new NgsiLdException(0, null, null, null, method + " " + uri + " interrupted", e);
                }
                if (attempt >= retry.maxAttempts()) {
                    throw new NgsiLdException(0, null, null, null,
                            method + " " + uri + " failed after " + attempt + " attempt(s): " + e, e);
                }
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
        final HttpAnswer answer;
        final int status;
        final int attempts;
        private final ObjectMapper mapper;

        Response(HttpAnswer answer, ObjectMapper mapper, int attempts) {
            this.answer = answer;
            this.status = answer.status();
            this.mapper = mapper;
            this.attempts = attempts;
        }

        /** Null for an empty body: Scorpio's count-only reply has neither body nor Content-Type. */
        JsonNode json() {
            byte[] body = answer.body();
            if (body.length == 0) {
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
