package io.flexhub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful NGSI-LD broker for tests that is as strict and as quirky as the Scorpio 5.0.3 the exchanges in
 * {@code src/test/resources/fixtures/ngsild/scorpio*} were recorded from (see their README): a loopback HTTP server on
 * its own port, under {@code /ngsi-ld/v1}.
 *
 * <p>What it reproduces, each checked by {@code StrictBrokerTest} against a recording:
 * <ul>
 * <li>JSON-LD: short names are expanded with the request's {@code @context} (a {@code Link} header with the JSON-LD
 *     {@code rel} for {@code application/json}, the body's {@code @context} for {@code application/ld+json}), fetched
 *     over HTTP and cached like the real broker; an unreachable context gives {@code 503 LdContextNotAvailable}. A
 *     request without a usable Link works on the core context only, so its short names land in
 *     {@code ngsi-ld:default-context} and match nothing (queries give {@code []}, PATCHes change nothing).</li>
 * <li>Reads are compacted: typed values {@code @type} come back as {@code type}, one-element arrays as their element,
 *     numbers as Jackson writes doubles ({@code 2.5000} -> {@code 2.5}); a name stored under the default context comes
 *     back bare, or as {@code ngsi-ld:default-context/<name>} where the request's context defines that name
 *     otherwise.</li>
 * <li>{@code PATCH /entities/{id}/attrs} answers 204 and silently ignores attributes the entity lacks (no 207), yet
 *     records them in the temporal history and shows them in the notification.</li>
 * <li>{@code POST /entityOperations/upsert} replaces whole entities unless {@code options=update}; 201 with the ids
 *     it created, 204 when all existed.</li>
 * <li>Paging: default limit 50, maximum 1000 ({@code 403 TooManyResults} with Scorpio's trailing space in the type),
 *     {@code NGSILD-Results-Count}, {@code rel="next"} Links, {@code limit=0&count=true} with an empty body.</li>
 * <li>Temporal API: every write records one instance per attribute it carried; {@code timerel} filters on
 *     {@code observedAt} (default {@code timeproperty}), so instances without it never match; newest first; at most
 *     50 instances per attribute unless {@code lastN} says otherwise, with nothing saying the list was cut;
 *     {@code count=true} with no matching entity answers 500.</li>
 * <li>Strict DateTimes: {@code observedAt}, the {@code timeAt}/{@code endTimeAt} parameters and typed
 *     {@code DateTime} values must be UTC with 0, 3 or 6 fractional digits, else
 *     {@code 400 BadRequestData "Invalid date time format found on <name>"}. (The live Scorpio checked
 *     {@code observedAt}; it stored a nine-digit typed value, see {@code 09-read-back-FlexOffer}; this broker is
 *     stricter there unless {@link #lenientTypedDateTimes()}.)</li>
 * <li>Subscriptions really notify: an entity write that matches a subscription's types and watched attributes is
 *     POSTed to its endpoint as Scorpio does (request payload merged onto the entity; create notifications omit
 *     array-valued attributes; {@code @context} per data element for ld+json, a Link header for json).</li>
 * <li>Tenants ({@code NGSILD-Tenant}) are created by the first write and isolated; reads of an unknown one give 404
 *     {@code TenantNotFound}. Every error is a ProblemDetails body as Scorpio words it.</li>
 * </ul>
 * Not modelled: the 5 s delay before history is queryable, geo-queries, {@code attrs/{attr}} paths, batch
 * create/update/delete, subscription PATCH.
 *
 * <p>Controls: {@link #stop()} and {@link #start()} (same port, state kept) for outages and restarts;
 * {@link #requests()} for what clients sent; {@link #entity(String)}, {@link #instances(String, String)} and
 * {@link #notifications()} for what the broker holds and did; {@link #serveContext} and {@link #preloadContext} for
 * {@code @context} documents; {@link #failNext} for one-off faults.
 */
public final class StrictBroker implements AutoCloseable {

    public static final String API = "/ngsi-ld/v1";
    public static final String CORE_CONTEXT = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld";
    public static final String DEFAULT_VOCAB = "https://uri.etsi.org/ngsi-ld/default-context/";
    public static final String JSONLD_REL = "http://www.w3.org/ns/json-ld#context";
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;
    /** Scorpio's default cap on temporal instances per attribute. */
    public static final int TEMPORAL_INSTANCE_LIMIT = 50;

    private static final String ERRORS = "https://uri.etsi.org/ngsi-ld/errors/";
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3}|\\.\\d{6})?Z");
    private static final Pattern URI_LIKE = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:\\S+");
    private static final Set<String> CORE = Set.of("id", "type", "value", "object", "observedAt", "createdAt",
            "modifiedAt", "unitCode", "datasetId", "instanceId", "languageMap", "location", "observationSpace",
            "operationSpace", "scope", "@context", "Property", "Relationship", "GeoProperty", "LanguageProperty");
    private static final DateTimeFormatter SYS_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** One HTTP exchange as the broker saw it. {@code path} is decoded and relative to {@code /ngsi-ld/v1}. */
    public record Request(String method, String path, Map<String, String> query, Map<String, List<String>> headers,
            String body, int status) {

        /** First value of a header, case-insensitively; null when absent. */
        public String header(String name) {
            for (Map.Entry<String, List<String>> h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
                    return h.getValue().get(0);
                }
            }
            return null;
        }

        public JsonNode json() {
            try {
                return body == null || body.isEmpty() ? null : MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A notification the broker delivered (or tried to): {@code status} 0 when the endpoint was unreachable. */
    public record Notification(String subscriptionId, String endpoint, Map<String, String> headers, JsonNode body,
            int status) {
    }

    /** One temporal instance of an attribute, as stored (expanded name, the attribute as written). */
    public record Instance(String entityId, String attribute, ObjectNode attr, Instant modifiedAt) {

        public Optional<Instant> observedAt() {
            return attr.hasNonNull("observedAt") ? Optional.of(Instant.parse(attr.get("observedAt").asText()))
                    : Optional.empty();
        }

        public JsonNode value() {
            return attr.has("value") ? attr.get("value") : attr.path("object");
        }
    }

    private final int port;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(daemon("strict-broker-notify"));
    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> contexts = new ConcurrentHashMap<>();
    private final Map<String, String> served = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Notification> notifications = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private volatile boolean strictTypedDateTimes = true;

    private record Fault(String method, String pathPrefix, Problem problem) {
    }
    private HttpServer server;
    private ExecutorService workers;

    /** Starts on a free loopback port, with the system clock for system attributes. */
    public StrictBroker() {
        this(0, Clock.systemUTC());
    }

    /** @param port 0 for a free one */
    public StrictBroker(int port, Clock clock) {
        this.clock = clock;
        tenants.put("", new Tenant());
        this.port = bind(port);
    }

    // ------------------------------------------------------------------------------------------------ controls

    /** {@code http://127.0.0.1:<port>}: what an operator would configure as the broker root. */
    public URI root() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** {@code http://127.0.0.1:<port>/ngsi-ld/v1}. */
    public URI baseUrl() {
        return URI.create(root() + API);
    }

    public int port() {
        return port;
    }

    /** Stops listening (connections are refused) and keeps every entity, subscription and instance. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            workers.shutdownNow();
            server = null;
        }
    }

    /** Listens again on the same port, as a restarted broker with a persistent database would. */
    public synchronized void start() {
        if (server == null) {
            bind(port);
        }
    }

    public boolean running() {
        return server != null;
    }

    @Override
    public void close() {
        stop();
        notifier.shutdownNow();
    }

    /** Forgets entities, subscriptions, history, tenants, logs and cached contexts (served contexts stay). */
    public void reset() {
        tenants.clear();
        tenants.put("", new Tenant());
        contexts.clear();
        requests.clear();
        notifications.clear();
    }

    /**
     * Makes the broker serve a context document at {@code <root>/contexts/<name>} and returns that URL, for tests
     * without a server of their own; the broker still fetches it over HTTP.
     */
    public String serveContext(String name, String document) {
        served.put(name, document);
        return root() + "/contexts/" + name;
    }

    /** Puts a context in the cache as if fetched earlier: for context URLs nothing in the test serves. */
    public void preloadContext(String url, String document) {
        contexts.put(url, parseContext(document, new HashSet<>()));
    }

    /** Empties the context cache, so the next request fetches its context again (as after Scorpio's 5 minutes). */
    public void forgetContexts() {
        contexts.clear();
    }

    /** The real broker stored a nine-digit typed DateTime value; call this to accept what it accepted. */
    public StrictBroker lenientTypedDateTimes() {
        strictTypedDateTimes = false;
        return this;
    }

    /**
     * Answers the next request of {@code method} whose path (relative to {@code /ngsi-ld/v1}) starts with
     * {@code pathPrefix} with this ProblemDetails instead of handling it: for a client's reaction to an answer the
     * broker would not give that request (a 500, a 400 the hub's own requests no longer provoke). One-shot.
     *
     * @param type the error name ({@code BadRequestData}) or a full type URI
     */
    public void failNext(String method, String pathPrefix, int status, String type, String detail) {
        faults.add(new Fault(method, pathPrefix, new Problem(status, type, type, detail, null)));
    }

    /** Every request so far, oldest first, with the status it got. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests of one method whose path (relative to {@code /ngsi-ld/v1}) starts with {@code pathPrefix}. */
    public List<Request> requests(String method, String pathPrefix) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).toList();
    }

    public void clearRequests() {
        requests.clear();
    }

    /** Notifications delivered so far (delivery is asynchronous: await them). */
    public List<Notification> notifications() {
        return List.copyOf(notifications);
    }

    /** The entity in the default tenant, normalized, names compacted with every context the broker has seen. */
    public Optional<ObjectNode> entity(String id) {
        return entity(null, id);
    }

    public Optional<ObjectNode> entity(String tenant, String id) {
        Tenant t = tenants.get(tenant == null ? "" : tenant);
        Entity e = t == null ? null : t.entities.get(id);
        return e == null ? Optional.empty() : Optional.of(render(e, allTerms(), false, false, null));
    }

    /** Ids of the entities in the default tenant, in creation order. */
    public List<String> entityIds() {
        return List.copyOf(tenants.get("").entities.keySet());
    }

    /** Temporal instances of an attribute (short name from a seen context, or full IRI), oldest first. */
    public List<Instance> instances(String entityId, String attribute) {
        return instances(null, entityId, attribute);
    }

    public List<Instance> instances(String tenant, String entityId, String attribute) {
        Tenant t = tenants.get(tenant == null ? "" : tenant);
        if (t == null) {
            return List.of();
        }
        String iri = expand(allTerms(), attribute);
        return t.history.stream().filter(i -> i.entityId().equals(entityId)
                && (i.attribute().equals(iri) || i.attribute().equals(attribute))).toList();
    }

    /**
     * Stores an entity directly (no request, no notification), as if loaded earlier; {@code context} names the
     * short names' context URL (fetched or preloaded) or is null for the core context.
     */
    public void put(ObjectNode entity, String context) {
        Map<String, String> terms = context == null ? Map.of() : context(context);
        Tenant t = tenants.get("");
        synchronized (t) {
            Entity e = toEntity(entity, terms, "entity");
            t.entities.put(e.id, e);
            record(t, e.id, e.attrs, clock.instant());
        }
    }

    // ------------------------------------------------------------------------------------------------ HTTP

    private int bind(int wanted) {
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 0);
                s.createContext("/", this::handle);
                workers = Executors.newCachedThreadPool(daemon("strict-broker-http"));
                s.setExecutor(workers);
                s.start();
                server = s;
                return s.getAddress().getPort();
            } catch (BindException e) {
                last = e; // the old socket of a restart may linger for a moment
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new UncheckedIOException("cannot bind port " + wanted, last);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** An answer: status, headers (repeatable), body (null for none). */
    private record Answer(int status, List<String[]> headers, byte[] body) {
        static Answer json(int status, JsonNode body, String... headers) {
            List<String[]> h = new ArrayList<>();
            h.add(new String[] {"Content-Type", "application/json"});
            for (int i = 0; i < headers.length; i += 2) {
                h.add(new String[] {headers[i], headers[i + 1]});
            }
            try {
                return new Answer(status, h, MAPPER.writeValueAsBytes(body));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Answer empty(int status, String... headers) {
            List<String[]> h = new ArrayList<>();
            for (int i = 0; i < headers.length; i += 2) {
                h.add(new String[] {headers[i], headers[i + 1]});
            }
            return new Answer(status, h, null);
        }
    }

    /** An error answer, thrown from anywhere in request handling. */
    private static final class Problem extends RuntimeException {
        final Answer answer;

        Problem(int status, String type, String title, String detail, String instanceId) {
            super(detail);
            ObjectNode b = F.objectNode();
            // Scorpio's 415 type is not a URI ("Unsupported Media type"), its TooManyResults ends in a space
            b.put("type", type.startsWith("http") || type.contains(" ") ? type : ERRORS + type);
            b.put("title", title);
            b.put("detail", detail);
            if (instanceId != null) {
                b.put("instanceId", instanceId);
            }
            b.put("status", status);
            this.answer = Answer.json(status, b);
        }
    }

    private static Problem badRequest(String detail) {
        return new Problem(400, "BadRequestData", "Bad Request Data.", detail, null);
    }

    private static Problem notFound(String detail, String id) {
        return new Problem(404, "ResourceNotFound", "Resource not found.", detail, id);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String rawPath = ex.getRequestURI().getRawPath();
            Map<String, String> query = query(ex.getRequestURI().getRawQuery());
            String path = rawPath.startsWith(API) ? decodePath(rawPath.substring(API.length())) : decodePath(rawPath);
            Answer answer;
            try {
                Fault fault = faults.stream().filter(f -> f.method().equals(ex.getRequestMethod())
                        && path.startsWith(f.pathPrefix())).findFirst().orElse(null);
                if (fault != null && faults.remove(fault)) {
                    throw fault.problem();
                }
                answer = route(ex, rawPath, query, body);
            } catch (Problem p) {
                answer = p.answer;
            } catch (RuntimeException e) {
                answer = new Problem(500, "InternalError", "Internal error", String.valueOf(e), null).answer;
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
            requests.add(new Request(ex.getRequestMethod(), path, query, Map.copyOf(headers), body, answer.status()));
            for (String[] h : answer.headers()) {
                ex.getResponseHeaders().add(h[0], h[1]);
            }
            byte[] out = answer.body();
            ex.sendResponseHeaders(answer.status(), out == null ? -1 : out.length);
            if (out != null) {
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(out);
                }
            }
        }
    }

    private Answer route(HttpExchange ex, String rawPath, Map<String, String> query, String body) {
        String method = ex.getRequestMethod();
        if (rawPath.startsWith("/contexts/") && method.equals("GET")) {
            String doc = served.get(decodePath(rawPath.substring("/contexts/".length())));
            return doc == null ? Answer.empty(404)
                    : new Answer(200, List.<String[]>of(new String[] {"Content-Type", "application/ld+json"}),
                            doc.getBytes(StandardCharsets.UTF_8));
        }
        if (!rawPath.startsWith(API + "/")) {
            throw notFound("Resource not found.", null);
        }
        List<String> seg = new ArrayList<>();
        for (String s : rawPath.substring(API.length() + 1).split("/", -1)) {
            seg.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        Call c = new Call(ex, method, query, body);
        String head = seg.get(0);
        int n = seg.size();
        switch (head) {
            case "entities" -> {
                if (n == 1 && method.equals("GET")) {
                    return queryEntities(c);
                }
                if (n == 1 && method.equals("POST")) {
                    return createEntity(c);
                }
                if (n == 2 && method.equals("GET")) {
                    return getEntity(c, seg.get(1));
                }
                if (n == 2 && method.equals("DELETE")) {
                    return deleteEntity(c, seg.get(1));
                }
                if (n == 2 && method.equals("PATCH")) {
                    return mergePatch(c, seg.get(1));
                }
                if (n == 3 && seg.get(2).equals("attrs") && method.equals("PATCH")) {
                    return patchAttrs(c, seg.get(1));
                }
                if (n == 3 && seg.get(2).equals("attrs") && method.equals("POST")) {
                    return appendAttrs(c, seg.get(1));
                }
            }
            case "entityOperations" -> {
                if (n == 2 && seg.get(1).equals("upsert") && method.equals("POST")) {
                    return upsert(c);
                }
            }
            case "subscriptions" -> {
                if (n == 1 && method.equals("POST")) {
                    return createSubscription(c);
                }
                if (n == 1 && method.equals("GET")) {
                    return listSubscriptions(c);
                }
                if (n == 2 && method.equals("GET")) {
                    return getSubscription(c, seg.get(1));
                }
                if (n == 2 && method.equals("DELETE")) {
                    return deleteSubscription(c, seg.get(1));
                }
            }
            case "temporal" -> {
                if (n >= 2 && seg.get(1).equals("entities") && method.equals("GET")) {
                    return temporal(c, n == 3 ? seg.get(2) : null);
                }
            }
            case "types" -> {
                if (n == 1 && method.equals("GET")) {
                    return types(c);
                }
            }
            default -> {
            }
        }
        throw new Problem(405, "OperationNotSupported", "Operation not supported", "StrictBroker does not implement "
                + method + " " + rawPath, null);
    }

    // ------------------------------------------------------------------------------------------------ requests

    /** Request context: tenant, negotiated @context, parsed body. */
    private final class Call {
        final String method;
        final Map<String, String> query;
        final String tenantName;
        final List<String> contextUrls = new ArrayList<>();
        final Map<String, String> terms;
        final JsonNode body;
        final boolean ldJsonOut;

        Call(HttpExchange ex, String method, Map<String, String> query, String raw) {
            this.method = method;
            this.query = query;
            String t = ex.getRequestHeaders().getFirst("NGSILD-Tenant");
            this.tenantName = t == null || t.isBlank() ? "" : t.trim();
            String accept = String.join(",", ex.getRequestHeaders().getOrDefault("Accept", List.of("*/*")));
            String a = accept.toLowerCase(Locale.ROOT);
            if (!(a.contains("application/json") || a.contains("application/ld+json") || a.contains("*/*")
                    || a.contains("application/*") || a.contains("application/geo+json"))) {
                throw new Problem(406, "NotAcceptable", "Not an acceptable request.",
                        "Provided accept types are not supported", null);
            }
            this.ldJsonOut = a.contains("application/ld+json") && !a.contains("application/json");
            JsonNode parsed = null;
            Object context = null;
            if (!raw.isEmpty() && (method.equals("POST") || method.equals("PATCH") || method.equals("PUT"))) {
                String ct = ex.getRequestHeaders().getFirst("Content-Type");
                String mime = ct == null ? "" : ct.split(";")[0].trim().toLowerCase(Locale.ROOT);
                if (!mime.equals("application/json") && !mime.equals("application/ld+json")) {
                    throw new Problem(415, "Unsupported Media type", "Unsupported Media type", "Unsupported content "
                            + "type. Allowed are application/json and application/ld+json. You provided " + ct, null);
                }
                try {
                    parsed = MAPPER.readTree(raw);
                } catch (IOException e) {
                    throw new Problem(400, "InvalidRequest", "Invalid request.", "Invalid JSON: " + e.getMessage(), null);
                }
                List<JsonNode> items = parsed.isArray() ? iterable(parsed) : List.of(parsed);
                boolean inline = items.stream().anyMatch(i -> i.has("@context"));
                if (mime.equals("application/json") && inline) {
                    throw badRequest("@context entry in body is not allowed");
                }
                if (mime.equals("application/ld+json")) {
                    if (items.stream().anyMatch(i -> !i.has("@context"))) {
                        throw badRequest("@Context entry is needed");
                    }
                    context = items.get(0).get("@context");
                }
            }
            if (context == null) {
                context = linkContext(ex.getRequestHeaders().get("Link"));
            }
            this.terms = resolve(context, contextUrls);
            this.body = parsed;
        }

        Tenant tenantForRead() {
            Tenant t = tenants.get(tenantName);
            if (t == null) {
                throw new Problem(404, "TenantNotFound", "Tenant not found.", tenantName + " tenant was not found", null);
            }
            return t;
        }

        Tenant tenantForWrite() {
            return tenants.computeIfAbsent(tenantName, k -> new Tenant());
        }

        Set<String> options() {
            Set<String> o = new HashSet<>();
            String v = query.get("options");
            if (v != null) {
                for (String s : v.split(",")) {
                    o.add(s.trim());
                }
            }
            return o;
        }

        JsonNode requireBody() {
            if (body == null) {
                throw badRequest("You have to provide a valid payload");
            }
            return body;
        }

        /** Response headers of a compacted JSON body: the request's contexts and the core context, as Scorpio. */
        String[] contextLinks(String... more) {
            List<String> h = new ArrayList<>(List.of(more));
            if (!ldJsonOut) {
                for (String url : contextUrls) {
                    h.add("Link");
                    h.add(link(url));
                }
                h.add("Link");
                h.add(link(CORE_CONTEXT));
            }
            return h.toArray(String[]::new);
        }

        Answer ok(JsonNode body, String... headers) {
            if (ldJsonOut) {
                ArrayNode ctx = F.arrayNode();
                contextUrls.forEach(ctx::add);
                ctx.add(CORE_CONTEXT);
                for (JsonNode e : body.isArray() ? iterable(body) : List.of(body)) {
                    if (e instanceof ObjectNode o) {
                        o.set("@context", ctx.deepCopy());
                    }
                }
                Answer a = Answer.json(200, body, contextLinks(headers));
                a.headers().set(0, new String[] {"Content-Type", "application/ld+json"});
                return a;
            }
            return Answer.json(200, body, contextLinks(headers));
        }
    }

    private static String link(String url) {
        return "<" + url + ">; rel=\"" + JSONLD_REL + "\"; type=\"application/ld+json\"";
    }

    /** The context URL of a JSON-LD Link header; a Link without that rel is ignored, as Scorpio does. */
    private static Object linkContext(List<String> links) {
        if (links == null) {
            return null;
        }
        for (String header : links) {
            for (String part : header.split(",(?=\\s*<)")) {
                Matcher m = Pattern.compile("<([^>]*)>(.*)").matcher(part.trim());
                if (m.matches() && m.group(2).replace(" ", "").contains("rel=\"" + JSONLD_REL + "\"")) {
                    return m.group(1);
                }
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------ contexts

    private Map<String, String> resolve(Object context, List<String> urls) {
        Map<String, String> terms = new LinkedHashMap<>();
        if (context == null) {
            return terms;
        }
        if (context instanceof String s) {
            urls.add(s);
            terms.putAll(context(s));
            return terms;
        }
        JsonNode node = (JsonNode) context;
        for (JsonNode c : node.isArray() ? iterable(node) : List.of(node)) {
            if (c.isTextual()) {
                urls.add(c.asText());
                terms.putAll(context(c.asText()));
            } else if (c.isObject()) {
                terms.putAll(parseContext(MAPPER.createObjectNode().set("@context", c).toString(), new HashSet<>()));
            }
        }
        return terms;
    }

    /** A context's terms, fetched over HTTP once and cached; the core context is built in. */
    private Map<String, String> context(String url) {
        if (url.equals(CORE_CONTEXT) || url.startsWith("https://uri.etsi.org/ngsi-ld/")) {
            return Map.of();
        }
        Map<String, String> cached = contexts.get(url);
        if (cached != null) {
            return cached;
        }
        String why;
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                    .header("Accept", "application/ld+json, application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                Map<String, String> terms = parseContext(r.body(), new HashSet<>(Set.of(url)));
                contexts.put(url, terms);
                return terms;
            }
            why = "status code: " + r.statusCode();
        } catch (IOException | IllegalArgumentException e) {
            why = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = "interrupted";
        }
        throw new Problem(503, "LdContextNotAvailable", "LD context not available.",
                "Failed to retrieve remote context because Can't retrieve " + url + ", " + why, null);
    }

    private Map<String, String> parseContext(String document, Set<String> seen) {
        JsonNode root;
        try {
            root = MAPPER.readTree(document);
        } catch (IOException e) {
            throw badRequest("context is not JSON: " + e.getMessage());
        }
        Map<String, String> raw = new LinkedHashMap<>();
        JsonNode ctx = root.path("@context");
        for (JsonNode c : ctx.isArray() ? iterable(ctx) : List.of(ctx)) {
            if (c.isTextual() && seen.add(c.asText())) {
                raw.putAll(context(c.asText()));
            } else if (c.isObject()) {
                c.fields().forEachRemaining(f -> {
                    JsonNode v = f.getValue();
                    String iri = v.isTextual() ? v.asText() : v.path("@id").asText(null);
                    if (iri != null) {
                        raw.put(f.getKey(), iri);
                    }
                });
            }
        }
        Map<String, String> terms = new LinkedHashMap<>();
        raw.forEach((term, iri) -> {
            int colon = iri.indexOf(':');
            String prefix = colon > 0 ? iri.substring(0, colon) : null;
            terms.put(term, prefix != null && raw.containsKey(prefix) && !iri.startsWith(prefix + "://")
                    ? raw.get(prefix) + iri.substring(colon + 1) : iri);
        });
        return terms;
    }

    private Map<String, String> allTerms() {
        Map<String, String> all = new LinkedHashMap<>();
        contexts.values().forEach(all::putAll);
        return all;
    }

    private static String expand(Map<String, String> terms, String name) {
        if (CORE.contains(name) || name.startsWith("@")) {
            return name;
        }
        String iri = terms.get(name);
        if (iri != null) {
            return iri;
        }
        int colon = name.indexOf(':');
        if (colon > 0) {
            String prefix = name.substring(0, colon);
            if (terms.containsKey(prefix)) {
                return terms.get(prefix) + name.substring(colon + 1);
            }
            if (prefix.equals("ngsi-ld")) {
                return "https://uri.etsi.org/ngsi-ld/" + name.substring(colon + 1);
            }
            return name; // an absolute IRI or URN
        }
        return DEFAULT_VOCAB + name;
    }

    private static String compact(Map<String, String> terms, String iri) {
        for (Map.Entry<String, String> t : terms.entrySet()) {
            if (t.getValue().equals(iri)) {
                return t.getKey();
            }
        }
        if (iri.startsWith(DEFAULT_VOCAB)) {
            // the core context's @vocab gives the bare name back (recording 45: notDefinedYet), unless the request's
            // context uses that name for another IRI (45: ngsi-ld:default-context/controllabilityFactor)
            String name = iri.substring(DEFAULT_VOCAB.length());
            return terms.containsKey(name) ? "ngsi-ld:default-context/" + name : name;
        }
        return iri;
    }

    // ------------------------------------------------------------------------------------------------ entities

    private static final class Tenant {
        final Map<String, Entity> entities = new LinkedHashMap<>();
        final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
        final List<Instance> history = new CopyOnWriteArrayList<>();
    }

    /** Attributes keyed by expanded name; each attribute as written, plus createdAt/modifiedAt. */
    private static final class Entity {
        final String id;
        String type;
        final LinkedHashMap<String, ObjectNode> attrs = new LinkedHashMap<>();
        Instant createdAt;
        Instant modifiedAt;

        Entity(String id, String type) {
            this.id = id;
            this.type = type;
        }
    }

    private Entity toEntity(JsonNode json, Map<String, String> terms, String what) {
        if (!json.isObject()) {
            throw badRequest("Entity must be a JSON object");
        }
        String id = json.path("id").asText(null);
        if (id == null || id.isBlank()) {
            throw badRequest("id is missing in the " + what);
        }
        if (!URI_LIKE.matcher(id).matches()) {
            throw badRequest("IDs need to be URIs");
        }
        JsonNode type = json.path("type");
        if (!type.isTextual() || type.asText().isBlank()) {
            throw badRequest("type is missing in " + id);
        }
        Entity e = new Entity(id, expand(terms, type.asText()));
        e.attrs.putAll(attributes(json, terms));
        e.createdAt = clock.instant();
        e.modifiedAt = e.createdAt;
        e.attrs.values().forEach(a -> {
            a.put("createdAt", SYS_TIME.format(e.createdAt));
            a.put("modifiedAt", SYS_TIME.format(e.createdAt));
        });
        return e;
    }

    /** The attributes of a body (entity or fragment), validated, keyed by expanded name. */
    private LinkedHashMap<String, ObjectNode> attributes(JsonNode json, Map<String, String> terms) {
        if (!json.isObject()) {
            throw badRequest("Attributes must be a JSON object");
        }
        LinkedHashMap<String, ObjectNode> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            if (name.equals("id") || name.equals("type") || name.equals("@context")) {
                continue;
            }
            JsonNode a = f.getValue();
            if (a.isArray() && !a.isEmpty()) {
                a = a.get(0); // datasetId instances: the default instance is enough here
            }
            if (!(a instanceof ObjectNode attr)) {
                throw badRequest("Attribute " + name + " must be an object with a type (normalized form)");
            }
            String t = attr.path("type").asText("");
            switch (t) {
                case "Property", "GeoProperty" -> {
                    if (!attr.has("value")) {
                        throw badRequest("Property " + name + " without value");
                    }
                }
                case "Relationship" -> {
                    if (!attr.path("object").isTextual() && !attr.path("object").isArray()) {
                        throw badRequest("Relationship " + name + " without object");
                    }
                }
                case "LanguageProperty" -> {
                }
                default -> throw badRequest("Attribute " + name + " has no valid type: '" + t + "'");
            }
            checkDateTimes(name, attr);
            ObjectNode copy = attr.deepCopy();
            copy.remove(List.of("createdAt", "modifiedAt", "instanceId"));
            out.put(expand(terms, name), copy);
        }
        return out;
    }

    private void checkDateTimes(String name, ObjectNode attr) {
        if (attr.has("observedAt") && !validDateTime(attr.get("observedAt"))) {
            throw badRequest("Invalid date time format found on observedAt");
        }
        if (strictTypedDateTimes) {
            checkTyped(name, attr.get("value"));
        }
    }

    private static void checkTyped(String name, JsonNode v) {
        if (v == null) {
            return;
        }
        if (v.isObject()) {
            String type = v.has("@type") ? v.get("@type").asText() : v.path("type").asText();
            if (v.has("@value") && (type.equals("DateTime") || type.equals("https://uri.etsi.org/ngsi-ld/DateTime"))
                    && !validDateTime(v.get("@value"))) {
                throw badRequest("Invalid date time format found on " + name);
            }
            v.fields().forEachRemaining(f -> checkTyped(name, f.getValue()));
        } else if (v.isArray()) {
            v.forEach(e -> checkTyped(name, e));
        }
    }

    private static boolean validDateTime(JsonNode v) {
        return v.isTextual() && DATE_TIME.matcher(v.asText()).matches();
    }

    private static String checkedTime(Map<String, String> query, String key) {
        String v = query.get(key);
        if (v == null) {
            return null;
        }
        if (!DATE_TIME.matcher(v).matches()) {
            throw badRequest("Invalid date time format found on " + key);
        }
        return v;
    }

    /** Normalized (or keyValues) entity, names compacted with {@code terms}, values compacted. */
    private ObjectNode render(Entity e, Map<String, String> terms, boolean keyValues, boolean sysAttrs,
            Set<String> only) {
        ObjectNode o = F.objectNode();
        o.put("id", e.id);
        o.put("type", compact(terms, e.type));
        e.attrs.forEach((iri, attr) -> {
            if (only != null && !only.contains(iri)) {
                return;
            }
            o.set(compact(terms, iri), renderAttr(attr, keyValues, sysAttrs));
        });
        if (sysAttrs && !keyValues) {
            o.put("createdAt", SYS_TIME.format(e.createdAt));
            o.put("modifiedAt", SYS_TIME.format(e.modifiedAt));
        }
        return o;
    }

    private static JsonNode renderAttr(ObjectNode attr, boolean keyValues, boolean sysAttrs) {
        if (keyValues) {
            return compactValue(attr.has("object") ? attr.get("object") : attr.get("value"));
        }
        ObjectNode a = attr.deepCopy();
        if (!sysAttrs) {
            a.remove(List.of("createdAt", "modifiedAt"));
        }
        if (a.has("value")) {
            a.set("value", compactValue(a.get("value")));
        }
        if (a.has("object")) {
            a.set("object", compactValue(a.get("object")));
        }
        return a;
    }

    /** JSON-LD compaction with the core context: {@code @type} -> {@code type}, one-element arrays unwrapped. */
    private static JsonNode compactValue(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isArray()) {
            if (v.size() == 1) {
                return compactValue(v.get(0));
            }
            ArrayNode a = F.arrayNode();
            v.forEach(x -> a.add(compactValue(x)));
            return a;
        }
        if (v.isObject()) {
            ObjectNode o = F.objectNode();
            v.fields().forEachRemaining(f -> o.set(f.getKey().equals("@type") ? "type"
                    : f.getKey().equals("@id") ? "id" : f.getKey(), compactValue(f.getValue())));
            return o;
        }
        return v;
    }

    private Answer createEntity(Call c) {
        Tenant t = c.tenantForWrite();
        Entity e = toEntity(c.requireBody(), c.terms, "entity");
        synchronized (t) {
            if (t.entities.containsKey(e.id)) {
                throw new Problem(409, "AlreadyExists", "Already exists.", e.id + " already exists", e.id);
            }
            t.entities.put(e.id, e);
            record(t, e.id, e.attrs, e.createdAt);
            notifyChange(c, t, e, c.body, true);
        }
        return Answer.empty(201, "Location", baseUrl() + "/entities/" + e.id);
    }

    private Answer upsert(Call c) {
        JsonNode body = c.requireBody();
        if (!body.isArray()) {
            throw badRequest("upsert needs an array of entities");
        }
        boolean update = c.options().contains("update");
        List<Entity> parsed = new ArrayList<>();
        for (JsonNode item : body) {
            parsed.add(toEntity(item, c.terms, "entity"));
        }
        Tenant t = c.tenantForWrite();
        ArrayNode created = F.arrayNode();
        synchronized (t) {
            for (int i = 0; i < parsed.size(); i++) {
                Entity fresh = parsed.get(i);
                Entity old = t.entities.get(fresh.id);
                if (old == null) {
                    t.entities.put(fresh.id, fresh);
                    created.add(fresh.id);
                    record(t, fresh.id, fresh.attrs, fresh.createdAt);
                    notifyChange(c, t, fresh, body.get(i), true);
                    continue;
                }
                Instant now = clock.instant();
                if (!update) {
                    old.attrs.clear();
                }
                old.type = fresh.type;
                fresh.attrs.forEach((k, a) -> {
                    ObjectNode prev = old.attrs.get(k);
                    if (prev != null) {
                        a.set("createdAt", prev.get("createdAt"));
                    }
                    a.put("modifiedAt", SYS_TIME.format(now));
                    old.attrs.put(k, a);
                });
                old.modifiedAt = now;
                record(t, old.id, fresh.attrs, now);
                notifyChange(c, t, old, body.get(i), false);
            }
        }
        return created.isEmpty() ? Answer.empty(204) : Answer.json(201, created);
    }

    private Entity existing(Tenant t, String id) {
        Entity e = t.entities.get(id);
        if (e == null) {
            throw notFound("Resource not found.", null);
        }
        return e;
    }

    private Answer patchAttrs(Call c, String id) {
        Tenant t = c.tenantForRead();
        LinkedHashMap<String, ObjectNode> attrs = attributes(c.requireBody(), c.terms);
        synchronized (t) {
            Entity e = existing(t, id);
            Instant now = clock.instant();
            attrs.forEach((k, a) -> {
                ObjectNode prev = e.attrs.get(k);
                if (prev != null) { // an attribute the entity lacks is dropped without a word (recording 18)
                    a.set("createdAt", prev.get("createdAt"));
                    a.put("modifiedAt", SYS_TIME.format(now));
                    e.attrs.put(k, a);
                    e.modifiedAt = now;
                }
            });
            record(t, id, attrs, now);
            notifyChange(c, t, e, c.body, false);
        }
        return Answer.empty(204);
    }

    private Answer appendAttrs(Call c, String id) {
        Tenant t = c.tenantForRead();
        LinkedHashMap<String, ObjectNode> attrs = attributes(c.requireBody(), c.terms);
        boolean noOverwrite = c.options().contains("noOverwrite");
        synchronized (t) {
            Entity e = existing(t, id);
            Instant now = clock.instant();
            attrs.forEach((k, a) -> {
                ObjectNode prev = e.attrs.get(k);
                if (prev != null && noOverwrite) {
                    return;
                }
                a.put("createdAt", prev != null ? prev.get("createdAt").asText() : SYS_TIME.format(now));
                a.put("modifiedAt", SYS_TIME.format(now));
                e.attrs.put(k, a);
            });
            e.modifiedAt = now;
            record(t, id, attrs, now);
            notifyChange(c, t, e, c.body, false);
        }
        return Answer.empty(204);
    }

    /** NGSI-LD merge-patch ({@code PATCH /entities/{id}}, recording 38): attributes merged member by member. */
    private Answer mergePatch(Call c, String id) {
        Tenant t = c.tenantForRead();
        LinkedHashMap<String, ObjectNode> attrs = attributes(c.requireBody(), c.terms);
        synchronized (t) {
            Entity e = existing(t, id);
            Instant now = clock.instant();
            attrs.forEach((k, a) -> {
                ObjectNode prev = e.attrs.get(k);
                ObjectNode merged = prev == null ? a : prev.deepCopy().setAll(a);
                merged.put("createdAt", prev != null ? prev.get("createdAt").asText() : SYS_TIME.format(now));
                merged.put("modifiedAt", SYS_TIME.format(now));
                e.attrs.put(k, merged);
            });
            e.modifiedAt = now;
            record(t, id, attrs, now);
            notifyChange(c, t, e, c.body, false);
        }
        return Answer.empty(204);
    }

    private Answer deleteEntity(Call c, String id) {
        Tenant t = c.tenantForRead();
        synchronized (t) {
            existing(t, id);
            t.entities.remove(id);
        }
        return Answer.empty(204);
    }

    private Answer getEntity(Call c, String id) {
        Tenant t = c.tenantForRead();
        Entity e;
        synchronized (t) {
            e = t.entities.get(id);
            if (e == null) {
                throw notFound(id + " was not found", id);
            }
            return c.ok(render(e, c.terms, c.options().contains("keyValues"), c.options().contains("sysAttrs"),
                    attrs(c)));
        }
    }

    private Set<String> attrs(Call c) {
        String a = c.query.get("attrs");
        if (a == null || a.isBlank()) {
            return null;
        }
        Set<String> out = new HashSet<>();
        for (String s : a.split(",")) {
            out.add(expand(c.terms, s.trim()));
        }
        return out;
    }

    private Answer queryEntities(Call c) {
        Map<String, String> q = c.query;
        if (!q.containsKey("type") && !q.containsKey("attrs") && !q.containsKey("q") && !q.containsKey("id")
                && !q.containsKey("geometry")) {
            throw badRequest("Bad Request Data.");
        }
        Tenant t = c.tenantForRead();
        List<Entity> matching;
        synchronized (t) {
            matching = t.entities.values().stream().filter(e -> matches(c, e)).toList();
        }
        boolean keyValues = c.options().contains("keyValues");
        boolean sysAttrs = c.options().contains("sysAttrs");
        Set<String> only = attrs(c);
        return page(c, matching.stream().map(e -> (JsonNode) render(e, c.terms, keyValues, sysAttrs, only)).toList(),
                "/entities");
    }

    private boolean matches(Call c, Entity e) {
        String types = c.query.get("type");
        if (types != null) {
            boolean any = false;
            for (String s : types.split(",")) {
                any |= expand(c.terms, s.trim()).equals(e.type);
            }
            if (!any) {
                return false;
            }
        }
        String ids = c.query.get("id");
        if (ids != null && !List.of(ids.split(",")).contains(e.id)) {
            return false;
        }
        Set<String> only = attrs(c);
        if (only != null && types == null && only.stream().noneMatch(e.attrs::containsKey)) {
            return false;
        }
        String q = c.query.get("q");
        return q == null || matchesQ(c.terms, e, q);
    }

    private static final Pattern Q_TERM = Pattern.compile("([^=!<>~]+)(==|!=|>=|<=|>|<|~=)(.+)");

    /** {@code q}: terms joined by {@code ;} (and) or {@code |} (or), without parentheses. */
    private static boolean matchesQ(Map<String, String> terms, Entity e, String q) {
        for (String alternative : q.split("\\|")) {
            boolean all = true;
            for (String term : alternative.split(";")) {
                Matcher m = Q_TERM.matcher(term.trim());
                if (!m.matches()) {
                    throw badRequest("Invalid q: " + q);
                }
                ObjectNode attr = e.attrs.get(expand(terms, m.group(1).trim()));
                JsonNode v = attr == null ? null : compactValue(attr.has("object") ? attr.get("object") : attr.get("value"));
                all &= v != null && compare(v, m.group(2), m.group(3).trim());
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static boolean compare(JsonNode v, String op, String literal) {
        String text = literal.startsWith("\"") && literal.endsWith("\"") && literal.length() >= 2
                ? literal.substring(1, literal.length() - 1) : literal;
        if (v.isNumber()) {
            double d;
            try {
                d = Double.parseDouble(text);
            } catch (NumberFormatException ex) {
                return false;
            }
            int cmp = Double.compare(v.doubleValue(), d);
            return switch (op) {
                case "==" -> cmp == 0;
                case "!=" -> cmp != 0;
                case ">" -> cmp > 0;
                case "<" -> cmp < 0;
                case ">=" -> cmp >= 0;
                case "<=" -> cmp <= 0;
                default -> false;
            };
        }
        List<String> values = new ArrayList<>();
        (v.isArray() ? iterable(v) : List.of(v)).forEach(x -> values.add(x.asText()));
        return switch (op) {
            case "==" -> values.contains(text);
            case "!=" -> !values.contains(text);
            case "~=" -> values.stream().anyMatch(x -> x.matches(text));
            default -> values.stream().anyMatch(x -> op.contains(">") ? x.compareTo(text) > 0 || op.equals(">=") && x.equals(text)
                    : x.compareTo(text) < 0 || op.equals("<=") && x.equals(text));
        };
    }

    /** limit/offset/count as Scorpio: default 50, max 1000, count-only answers with no body and no Content-Type. */
    private Answer page(Call c, List<JsonNode> all, String path) {
        int limit = intParam(c.query, "limit", DEFAULT_LIMIT);
        int offset = intParam(c.query, "offset", 0);
        boolean count = "true".equals(c.query.get("count"));
        if (limit > MAX_LIMIT) {
            throw new Problem(403, ERRORS + "TooManyResults ", "Too many results", "Too many results", null);
        }
        if (limit == 0) {
            if (!count) {
                throw badRequest("limit=0 needs count=true");
            }
            return Answer.empty(200, "NGSILD-Results-Count", Integer.toString(all.size()));
        }
        ArrayNode out = F.arrayNode();
        all.stream().skip(offset).limit(limit).forEach(out::add);
        List<String> headers = new ArrayList<>();
        if (count) {
            headers.add("NGSILD-Results-Count");
            headers.add(Integer.toString(all.size()));
        }
        if (offset + limit < all.size()) {
            Map<String, String> next = new LinkedHashMap<>(c.query);
            next.remove("offset");
            next.remove("limit");
            next.put("offset", Integer.toString(offset + limit));
            next.put("limit", Integer.toString(limit));
            headers.add("Link");
            headers.add("<" + baseUrl() + path + "?" + encodeQuery(next) + ">;rel=\"next\"");
        }
        return c.ok(out, headers.toArray(String[]::new));
    }

    private static int intParam(Map<String, String> query, String key, int fallback) {
        String v = query.get(key);
        try {
            int i = v == null ? fallback : Integer.parseInt(v);
            if (i < 0) {
                throw badRequest(key + " must not be negative");
            }
            return i;
        } catch (NumberFormatException e) {
            throw badRequest(key + " is not a number: " + v);
        }
    }

    private Answer types(Call c) {
        Tenant t = c.tenantForRead();
        ObjectNode o = F.objectNode();
        o.put("id", "urn:ngsi-ld:EntityTypeList:" + UUID.randomUUID());
        o.put("type", "EntityTypeList");
        ArrayNode list = o.putArray("typeList");
        synchronized (t) {
            t.entities.values().stream().map(e -> compact(c.terms, e.type)).distinct().sorted().forEach(list::add);
        }
        return c.ok(o);
    }

    // ------------------------------------------------------------------------------------------------ temporal

    private void record(Tenant t, String id, Map<String, ObjectNode> attrs, Instant at) {
        attrs.forEach((iri, a) -> {
            ObjectNode i = a.deepCopy();
            i.remove(List.of("createdAt", "modifiedAt"));
            i.put("instanceId", "instanceid:" + UUID.randomUUID());
            t.history.add(new Instance(id, iri, i, at));
        });
    }

    private Answer temporal(Call c, String id) {
        Map<String, String> q = c.query;
        if (id == null && !q.containsKey("type") && !q.containsKey("attrs") && !q.containsKey("q")
                && !q.containsKey("id")) {
            throw badRequest("Bad Request Data.");
        }
        String timerel = q.get("timerel");
        String timeAt = checkedTime(q, "timeAt");
        String endTimeAt = checkedTime(q, "endTimeAt");
        if (timerel != null && (timeAt == null || timerel.equals("between") && endTimeAt == null)) {
            throw badRequest("timerel " + timerel + " needs timeAt" + (timerel.equals("between") ? " and endTimeAt" : ""));
        }
        if (timerel != null && !List.of("before", "after", "between").contains(timerel)) {
            throw badRequest("Invalid timerel: " + timerel);
        }
        String property = q.getOrDefault("timeproperty", "observedAt");
        Integer lastN = q.containsKey("lastN") ? intParam(q, "lastN", 0) : null;
        Set<String> only = attrs(c);
        Tenant t = c.tenantForRead();
        List<JsonNode> out = new ArrayList<>();
        synchronized (t) {
            Map<String, Entity> candidates = new LinkedHashMap<>();
            for (Entity e : t.entities.values()) {
                if (id != null ? e.id.equals(id) : matches(c, e)) {
                    candidates.put(e.id, e);
                }
            }
            for (Entity e : candidates.values()) {
                Map<String, List<Instance>> byAttr = new LinkedHashMap<>();
                for (Instance i : t.history) {
                    if (!i.entityId().equals(e.id) || only != null && !only.contains(i.attribute())) {
                        continue;
                    }
                    Instant time = time(i, property);
                    if (timerel != null && (time == null || !inWindow(time, timerel, Instant.parse(timeAt),
                            endTimeAt == null ? null : Instant.parse(endTimeAt)))) {
                        continue;
                    }
                    byAttr.computeIfAbsent(i.attribute(), k -> new ArrayList<>()).add(i);
                }
                if (byAttr.isEmpty() && id == null) {
                    continue;
                }
                ObjectNode te = F.objectNode();
                te.put("id", e.id);
                te.put("type", compact(c.terms, e.type));
                byAttr.forEach((iri, list) -> {
                    List<Instance> sorted = new ArrayList<>(list);
                    sorted.sort(Comparator.comparing((Instance i) -> time(i, property),
                            Comparator.nullsFirst(Comparator.<Instant>naturalOrder())).reversed());
                    ArrayNode instances = te.putArray(compact(c.terms, iri));
                    sorted.stream().limit(lastN != null ? lastN : TEMPORAL_INSTANCE_LIMIT)
                            .forEach(i -> instances.add(renderAttr(i.attr(), false, false)));
                });
                out.add(te);
            }
            if (id != null && out.isEmpty()) {
                throw notFound(id + " was not found", id);
            }
        }
        if (id != null) {
            return c.ok(out.get(0));
        }
        if (out.isEmpty() && "true".equals(q.get("count"))) {
            // recording scorpio-live/04: the count query of an empty result fails inside the broker
            throw new Problem(500, "InternalError", "Internal error",
                    "Cannot invoke \"io.vertx.mutiny.sqlclient.Row.getLong(int)\" because \"next\" is null", null);
        }
        return page(c, out, "/temporal/entities");
    }

    private static Instant time(Instance i, String property) {
        if (property.equals("modifiedAt")) {
            return i.modifiedAt();
        }
        JsonNode v = i.attr().get(property);
        return v != null && v.isTextual() ? Instant.parse(v.asText()) : null;
    }

    private static boolean inWindow(Instant t, String timerel, Instant at, Instant end) {
        return switch (timerel) {
            case "before" -> t.isBefore(at);
            case "after" -> !t.isBefore(at);
            default -> !t.isBefore(at) && !t.isAfter(end);
        };
    }

    // ------------------------------------------------------------------------------------------------ subscriptions

    private static final class Subscription {
        final ObjectNode stored;
        final String context;
        final Set<String> types = new HashSet<>();
        final Set<String> ids = new HashSet<>();
        final Set<String> watched = new HashSet<>();
        final Set<String> attributes = new HashSet<>();
        int timesSent;
        int timesFailed;

        Subscription(ObjectNode stored, String context) {
            this.stored = stored;
            this.context = context;
        }
    }

    private Answer createSubscription(Call c) {
        JsonNode body = c.requireBody();
        if (!body.isObject() || !"Subscription".equals(body.path("type").asText())) {
            throw badRequest("type has to be Subscription");
        }
        ObjectNode s = ((ObjectNode) body).deepCopy();
        s.remove("@context");
        String id = s.hasNonNull("id") ? s.get("id").asText() : "urn:ngsi-ld:Subscription:" + UUID.randomUUID();
        if (!URI_LIKE.matcher(id).matches()) {
            throw badRequest("IDs need to be URIs");
        }
        s.put("id", id);
        JsonNode endpoint = s.at("/notification/endpoint");
        String uri = endpoint.path("uri").asText("");
        if (!uri.startsWith("http://") && !uri.startsWith("https://")) {
            throw badRequest("notification.endpoint.uri must be an absolute http(s) URL: '" + uri + "'");
        }
        if (!s.has("entities") && !s.has("watchedAttributes")) {
            throw badRequest("entities or watchedAttributes needed");
        }
        if (s.has("expiresAt") && !validDateTime(s.get("expiresAt"))) {
            throw badRequest("Invalid date time format found on expiresAt");
        }
        Subscription sub = new Subscription(s, c.contextUrls.isEmpty() ? CORE_CONTEXT : c.contextUrls.get(0));
        s.path("entities").forEach(e -> {
            if (e.hasNonNull("type")) {
                sub.types.add(expand(c.terms, e.get("type").asText()));
            }
            if (e.hasNonNull("id")) {
                sub.ids.add(e.get("id").asText());
            }
        });
        for (JsonNode w : s.path("watchedAttributes").isArray() ? iterable(s.path("watchedAttributes"))
                : List.of(s.path("watchedAttributes"))) {
            if (w.isTextual()) {
                sub.watched.add(expand(c.terms, w.asText()));
            }
        }
        s.at("/notification/attributes").forEach(a -> sub.attributes.add(expand(c.terms, a.asText())));
        Tenant t = c.tenantForWrite();
        synchronized (t) {
            if (t.subscriptions.containsKey(id)) {
                throw new Problem(409, "AlreadyExists", "Already exists.", id + " already exists", id);
            }
            t.subscriptions.put(id, sub);
        }
        return Answer.empty(201, "Location", baseUrl() + "/subscriptions/" + id);
    }

    private ObjectNode renderSubscription(Subscription s) {
        ObjectNode o = s.stored.deepCopy();
        o.put("jsonldContext", s.context);
        ObjectNode n = (ObjectNode) o.path("notification");
        if (!n.has("format")) {
            n.put("format", "normalized");
        }
        if (n.path("endpoint") instanceof ObjectNode ep && !ep.has("accept")) {
            ep.put("accept", "application/json");
        }
        o.put("timesFailed", s.timesFailed);
        o.put("timesSent", s.timesSent);
        o.put("status", "active");
        return o;
    }

    private Answer listSubscriptions(Call c) {
        Tenant t = c.tenantForRead();
        List<JsonNode> all;
        synchronized (t) {
            all = t.subscriptions.values().stream().map(s -> (JsonNode) renderSubscription(s)).toList();
        }
        return page(c, all, "/subscriptions");
    }

    private Answer getSubscription(Call c, String id) {
        Tenant t = c.tenantForRead();
        synchronized (t) {
            Subscription s = t.subscriptions.get(id);
            if (s == null) {
                throw notFound(id + " was not found", id);
            }
            return c.ok(renderSubscription(s));
        }
    }

    private Answer deleteSubscription(Call c, String id) {
        Tenant t = c.tenantForRead();
        synchronized (t) {
            if (t.subscriptions.remove(id) == null) {
                throw notFound(id + " was not found", id);
            }
        }
        return Answer.empty(204);
    }

    /**
     * Notifies the subscriptions a write matches. As recorded: the payload merged onto the stored entity (so ignored
     * attributes show), every write that carries a watched attribute notifies, and a create notification leaves out
     * the attributes whose value was written as an array.
     */
    private void notifyChange(Call c, Tenant t, Entity stored, JsonNode payload, boolean create) {
        if (t.subscriptions.isEmpty()) {
            return;
        }
        LinkedHashMap<String, ObjectNode> written = attributes(payload, c.terms);
        Entity shown = new Entity(stored.id, stored.type);
        shown.attrs.putAll(stored.attrs);
        shown.attrs.putAll(written);
        if (create) {
            payload.fields().forEachRemaining(f -> {
                if (f.getValue().path("value").isArray()) {
                    shown.attrs.remove(expand(c.terms, f.getKey()));
                }
            });
        }
        for (Subscription s : t.subscriptions.values()) {
            if (!s.types.isEmpty() && !s.types.contains(stored.type) || !s.ids.isEmpty() && !s.ids.contains(stored.id)
                    || !s.watched.isEmpty() && written.keySet().stream().noneMatch(s.watched::contains)) {
                continue;
            }
            Map<String, String> terms = s.context.equals(CORE_CONTEXT) ? Map.of() : context(s.context);
            JsonNode ep = s.stored.at("/notification/endpoint");
            String accept = ep.path("accept").asText("application/json");
            boolean keyValues = "keyValues".equals(s.stored.at("/notification/format").asText());
            ObjectNode entity = render(shown, terms, keyValues, false, s.attributes.isEmpty() ? null : s.attributes);
            Map<String, String> headers = new LinkedHashMap<>();
            if (accept.equals("application/ld+json")) {
                entity.set("@context", F.arrayNode().add(s.context));
            } else {
                headers.put("Link", link(s.context));
            }
            headers.put("Accept", accept);
            headers.put("Content-Type", accept);
            if (!c.tenantName.isEmpty()) {
                headers.put("NGSILD-Tenant", c.tenantName);
            }
            ObjectNode n = F.objectNode();
            n.put("id", "notification:" + ThreadLocalRandom.current().nextLong());
            n.put("type", "Notification");
            n.put("subscriptionId", s.stored.get("id").asText());
            n.put("notifiedAt", SYS_TIME.format(clock.instant()));
            n.putArray("data").add(entity);
            String uri = ep.path("uri").asText();
            notifier.execute(() -> deliver(s, uri, headers, n));
        }
    }

    private void deliver(Subscription s, String uri, Map<String, String> headers, ObjectNode body) {
        int status;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
            headers.forEach(b::header);
            status = http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | IllegalArgumentException e) {
            status = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (this) {
            if (status / 100 == 2) {
                s.timesSent++;
            } else {
                s.timesFailed++;
            }
        }
        notifications.add(new Notification(s.stored.get("id").asText(), uri, Map.copyOf(headers), body, status));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static List<JsonNode> iterable(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        n.forEach(out::add);
        return Collections.unmodifiableList(out);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return params;
    }

    private static String encodeQuery(Map<String, String> params) {
        StringBuilder s = new StringBuilder();
        params.forEach((k, v) -> s.append(s.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return s.toString();
    }

    private static String decodePath(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
