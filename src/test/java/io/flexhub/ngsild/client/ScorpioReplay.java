package io.flexhub.ngsild.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP server that answers with the recorded Scorpio responses (status, every header including
 * repeated Link headers, body) and records what the client sent. A request matches a stub on method,
 * decoded path and the exact set of query parameters; anything else gets 418 so that a wrong URL fails the
 * test instead of being retried.
 */
final class ScorpioReplay implements AutoCloseable {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String RECORDED_PREFIX = "/ngsi-ld/v1";

    record Canned(int status, List<List<String>> headers, JsonNode body) {
    }

    record Recorded(String method, String path, String rawPath, String rawQuery, Map<String, String> query, Headers headers,
                    JsonNode body) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private record Stub(String method, String path, Map<String, String> query, List<Canned> responses,
                        int[] served) {
    }

    private final HttpServer server;
    private final List<Stub> stubs = new CopyOnWriteArrayList<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();

    ScorpioReplay() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    URI baseUrl() {
        return root().resolve(RECORDED_PREFIX);
    }

    URI root() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    List<Recorded> requests() {
        return List.copyOf(requests);
    }

    static JsonNode fixture(String file) {
        try (InputStream in = ScorpioReplay.class.getResourceAsStream("/fixtures/ngsild/scorpio/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + file);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Canned response(String exchange) {
        JsonNode r = fixture(exchange + ".response.json");
        List<List<String>> headers = new ArrayList<>();
        r.path("headers").forEach(h -> headers.add(List.of(h.get(0).asText(), h.get(1).asText())));
        return new Canned(r.path("status").asInt(), headers, r.path("body").isNull() ? null : r.get("body"));
    }

    static JsonNode requestBody(String exchange) {
        return fixture(exchange + ".request.json").get("body");
    }

    static String requestHeader(String exchange, String name) {
        for (JsonNode h : fixture(exchange + ".request.json").path("headers")) {
            if (h.get(0).asText().equalsIgnoreCase(name)) {
                return h.get(1).asText();
            }
        }
        return null;
    }

    /** Serves the recorded response to a request for the recorded method and URL. */
    ScorpioReplay replay(String exchange) {
        JsonNode req = fixture(exchange + ".request.json");
        URI url = URI.create(req.get("url").asText());
        return stub(req.get("method").asText(), url.getPath(), query(url.getRawQuery()), response(exchange));
    }

    /** Serves the responses in order to matching requests; the last one repeats. */
    ScorpioReplay stub(String method, String path, Map<String, String> query, Canned... responses) {
        stubs.add(new Stub(method, path, Map.copyOf(query), List.of(responses), new int[1]));
        return this;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] in = ex.getRequestBody().readAllBytes();
            String rawQuery = ex.getRequestURI().getRawQuery();
            Map<String, String> query = query(rawQuery);
            String path = ex.getRequestURI().getPath();
            requests.add(new Recorded(ex.getRequestMethod(), path, ex.getRequestURI().getRawPath(), rawQuery, query, ex.getRequestHeaders(),
                    in.length == 0 ? null : MAPPER.readTree(in)));
            Canned canned = null;
            for (Stub s : stubs) {
                if (s.method.equals(ex.getRequestMethod()) && s.path.equals(path) && s.query.equals(query)) {
                    synchronized (s) {
                        canned = s.responses.get(Math.min(s.served[0]++, s.responses.size() - 1));
                    }
                    break;
                }
            }
            if (canned == null) {
                byte[] msg = ("no stub for " + ex.getRequestMethod() + " " + ex.getRequestURI())
                        .getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(418, msg.length);
                ex.getResponseBody().write(msg);
                return;
            }
            for (List<String> h : canned.headers) {
                if (!h.get(0).equalsIgnoreCase("content-length")) {
                    ex.getResponseHeaders().add(h.get(0), h.get(1));
                }
            }
            byte[] body = canned.body == null ? new byte[0] : MAPPER.writeValueAsBytes(canned.body);
            ex.sendResponseHeaders(canned.status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
