package io.flexhub.ngsild.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * A loopback temporal API holding real instances and answering as the brokers do (recorded in
 * {@code fixtures/ngsi-ld/scorpio-live/04..08}):
 * <ul>
 * <li>{@link Dialect#SCORPIO}: at most {@code limit} instances per attribute unless {@code lastN} asks for more,
 * newest first, 200 without any sign of the cut; {@code between} includes both ends; {@code count=true} with no
 * matching entity is a 500.</li>
 * <li>{@link Dialect#CONTENT_RANGE} (Mintaka, Stellio): at most {@code limit}, oldest first, a cut answer is 206 with
 * {@code Content-Range: date-time <first>-<last>/<total>}; a single instance comes as an object (Stellio #1143).</li>
 * </ul>
 * A DateTime with more than 6 fractional digits, or an unknown parameter, is a 400 as on Scorpio.
 */
public final class TemporalBroker implements AutoCloseable {

    public enum Dialect { SCORPIO, CONTENT_RANGE }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/ngsi-ld/v1/temporal/entities";
    private static final Set<String> PARAMS = Set.of("type", "attrs", "timerel", "timeAt", "endTimeAt", "timeproperty",
            "lastN", "count", "limit", "offset", "q");
    private static final Pattern TOO_PRECISE = Pattern.compile(".*\\.\\d{7,}.*");

    private record Instance(Instant at, double value, int seq) {
    }

    private record Entity(String type, Map<String, List<Instance>> attrs) {
    }

    private final Dialect dialect;
    private final int limit;
    private final HttpServer server;
    private final Map<String, Entity> entities = new LinkedHashMap<>();
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private final List<Integer> statuses = new CopyOnWriteArrayList<>();
    private int seq;

    public TemporalBroker(Dialect dialect, int limit) {
        this.dialect = dialect;
        this.limit = limit;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** The scorpio default: 50 per attribute. */
    public static TemporalBroker scorpio() {
        return new TemporalBroker(Dialect.SCORPIO, 50);
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ngsi-ld/v1");
    }

    public synchronized TemporalBroker store(String id, String type, String attr, Instant at, double value) {
        entities.computeIfAbsent(id, k -> new Entity(type, new LinkedHashMap<>()))
                .attrs().computeIfAbsent(attr, k -> new ArrayList<>()).add(new Instance(at, value, seq++));
        return this;
    }

    /** The query parameters of every request, with {@code path} = the path. */
    public List<Map<String, String>> requests() {
        return List.copyOf(requests);
    }

    public List<Integer> statuses() {
        return List.copyOf(statuses);
    }

    /** A recorded request URL of the fixtures, asked of this broker: status and body. */
    public JsonNode ask(String recordedUrl) throws IOException, InterruptedException {
        URI uri = URI.create(recordedUrl.startsWith("/ngsi-ld/v1") ? recordedUrl : "/ngsi-ld/v1" + recordedUrl);
        var http = java.net.http.HttpClient.newHttpClient();
        var r = http.send(java.net.http.HttpRequest.newBuilder(baseUrl().resolve(uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        ObjectNode out = JSON.createObjectNode().put("status", r.statusCode());
        out.set("body", r.body().isEmpty() ? null : JSON.readTree(r.body()));
        return out;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            Map<String, String> logged = new LinkedHashMap<>(q);
            logged.put("path", ex.getRequestURI().getPath());
            requests.add(logged);
            String path = ex.getRequestURI().getPath();
            for (String k : q.keySet()) {
                if (!PARAMS.contains(k)) {
                    send(ex, 400, problem("BadRequestData", "unknown parameter " + k), null);
                    return;
                }
            }
            for (String k : List.of("timeAt", "endTimeAt")) {
                if (q.containsKey(k) && TOO_PRECISE.matcher(q.get(k)).matches()) {
                    send(ex, 400, problem("BadRequestData", "Invalid date time format found on " + k), null);
                    return;
                }
            }
            if (!path.startsWith(PREFIX)) {
                send(ex, 404, problem("ResourceNotFound", path), null);
                return;
            }
            String id = path.length() > PREFIX.length() + 1 ? path.substring(PREFIX.length() + 1) : null;
            synchronized (this) {
                if (id != null) {
                    Entity e = entities.get(id);
                    if (e == null) {
                        send(ex, 404, problem("ResourceNotFound", id + " not found"), null);
                        return;
                    }
                    Answer a = answer(id, e, q);
                    send(ex, a.partial ? 206 : 200, a.entity, a.range);
                    return;
                }
                List<JsonNode> matched = new ArrayList<>();
                String range = null;
                boolean partial = false;
                for (Map.Entry<String, Entity> e : entities.entrySet()) {
                    // it holds one attribute's history only, so a q on anything else matches nothing
                    if (q.containsKey("type") && !q.get("type").equals(e.getValue().type()) || q.containsKey("q")) {
                        continue;
                    }
                    Answer a = answer(e.getKey(), e.getValue(), q);
                    if (a.instances > 0) {
                        matched.add(a.entity);
                        partial |= a.partial;
                        range = a.range == null ? range : a.range;
                    }
                }
                if ("true".equals(q.get("count")) && matched.isEmpty()) {
                    send(ex, 500, recordedCountFailure(), null);
                    return;
                }
                int offset = Integer.parseInt(q.getOrDefault("offset", "0"));
                int pageSize = Integer.parseInt(q.getOrDefault("limit", "20"));
                ArrayNode page = JSON.createArrayNode();
                matched.stream().skip(offset).limit(pageSize).forEach(page::add);
                if ("true".equals(q.get("count"))) {
                    ex.getResponseHeaders().add("NGSILD-Results-Count", Integer.toString(matched.size()));
                }
                send(ex, partial ? 206 : 200, page, range);
            }
        }
    }

    private record Answer(ObjectNode entity, int instances, boolean partial, String range) {
    }

    private Answer answer(String id, Entity e, Map<String, String> q) {
        ObjectNode out = JSON.createObjectNode().put("id", id).put("type", e.type());
        Set<String> attrs = q.containsKey("attrs") ? Set.of(q.get("attrs").split(",")) : e.attrs().keySet();
        String timerel = q.get("timerel");
        Instant at = q.containsKey("timeAt") ? Instant.parse(q.get("timeAt")) : null;
        Instant end = q.containsKey("endTimeAt") ? Instant.parse(q.get("endTimeAt")) : null;
        Integer lastN = q.containsKey("lastN") ? Integer.valueOf(q.get("lastN")) : null;
        int count = 0;
        boolean partial = false;
        String range = null;
        for (Map.Entry<String, List<Instance>> a : e.attrs().entrySet()) {
            if (!attrs.contains(a.getKey())) {
                continue;
            }
            List<Instance> in = a.getValue().stream().filter(i -> timerel == null
                    || ("between".equals(timerel) && !i.at().isBefore(at) && !i.at().isAfter(end))
                    || ("after".equals(timerel) && i.at().isAfter(at))
                    || ("before".equals(timerel) && i.at().isBefore(at))).toList();
            boolean newestFirst = dialect == Dialect.SCORPIO || lastN != null;
            Comparator<Instance> order = Comparator.comparing(Instance::at);
            List<Instance> sorted = in.stream().sorted(newestFirst ? order.reversed() : order).toList();
            int max = dialect == Dialect.SCORPIO ? (lastN != null ? lastN : limit)
                    : Math.min(limit, lastN == null ? limit : lastN);
            List<Instance> served = sorted.stream().limit(max).toList();
            if (served.isEmpty()) {
                continue;
            }
            if (dialect == Dialect.CONTENT_RANGE && served.size() < sorted.size() && (lastN == null || lastN > max)) {
                partial = true;
                range = "date-time " + served.get(0).at() + "-" + served.get(served.size() - 1).at() + "/" + in.size();
            }
            ArrayNode arr = JSON.createArrayNode();
            for (Instance i : served) {
                arr.addObject().put("type", "Property").put("value", i.value())
                        .put("instanceId", "instanceid:" + i.seq()).put("observedAt", i.at().toString())
                        .put("unitCode", "KWT");
            }
            out.set(a.getKey(), dialect == Dialect.CONTENT_RANGE && arr.size() == 1 ? arr.get(0) : arr);
            count += served.size();
        }
        return new Answer(out, count, partial, range);
    }

    private static JsonNode recordedCountFailure() {
        try (InputStream in = TemporalBroker.class.getResourceAsStream(
                "/fixtures/ngsi-ld/scorpio-live/04-temporal-count-no-match.response.json")) {
            return JSON.readTree(in).get("body");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode problem(String type, String detail) {
        return JSON.createObjectNode().put("type", "https://uri.etsi.org/ngsi-ld/errors/" + type)
                .put("title", type).put("detail", detail);
    }

    private void send(HttpExchange ex, int status, JsonNode body, String contentRange) throws IOException {
        statuses.add(status);
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        if (contentRange != null) {
            ex.getResponseHeaders().add("Content-Range", contentRange);
        }
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
