package io.flexhub.ngsild;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * Device entities on a WireMock broker that keeps state as Scorpio 5.0.3 does (recordings 17-21, 37, 38 of
 * {@code fixtures/ngsi-ld/scorpio}): a PATCH of {@code /attrs} changes only attributes the entity has and answers 204
 * even when it changed nothing; an append ({@code POST /attrs}) creates or overwrites; GET returns what is held;
 * an unknown entity is a 404 ResourceNotFound ProblemDetails.
 */
final class ScorpioDevices implements ResponseDefinitionTransformerV2 {

    static final String NAME = "scorpio-devices";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One write as the broker received it. */
    record Write(String method, String id, JsonNode body) {
    }

    private final Map<String, ObjectNode> entities = new ConcurrentHashMap<>();
    private final List<Write> writes = new CopyOnWriteArrayList<>();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    /** Routes the broker's device entity paths ({@code <base>/entities/urn:ngsi-ld:Device:...}) here. */
    void install(WireMockServer broker, String base) {
        broker.stubFor(any(urlPathMatching(base + "/entities/urn%3Angsi-ld%3ADevice%3A[^/]+(/attrs(/[^/]+)?)?"))
                .atPriority(3).willReturn(aResponse().withTransformers(NAME)));
    }

    void put(String entityJson) {
        try {
            ObjectNode e = (ObjectNode) JSON.readTree(entityJson);
            entities.put(e.get("id").asText(), e);
        } catch (Exception ex) {
            throw new IllegalArgumentException(ex);
        }
    }

    JsonNode entity(String id) {
        return entities.get(id);
    }

    List<Write> writes(String id) {
        return writes.stream().filter(w -> w.id().equals(id)).toList();
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        Request r = event.getRequest();
        String path = r.getUrl().split("\\?")[0];
        String rest = path.substring(path.indexOf("/entities/") + "/entities/".length());
        String[] parts = rest.split("/");
        String id = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
        ObjectNode entity = entities.get(id);
        if (entity == null) {
            return notFound();
        }
        String method = r.getMethod().getName();
        if (parts.length == 1 && method.equals("GET")) {
            ObjectNode out = entity.deepCopy();
            String attrs = r.queryParameter("attrs").isPresent() ? r.queryParameter("attrs").firstValue() : null;
            if (attrs != null) {
                List<String> keep = new ArrayList<>(List.of("id", "type"));
                keep.addAll(Arrays.asList(attrs.split(",")));
                out.retain(keep);
            }
            return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody(out.toString()).build();
        }
        if (parts.length == 2 && (method.equals("PATCH") || method.equals("POST"))) {
            JsonNode body;
            try {
                body = JSON.readTree(r.getBodyAsString());
            } catch (Exception e) {
                return problem(400, "BadRequestData", "Bad Request Data.", "invalid JSON");
            }
            writes.add(new Write(method, id, body));
            synchronized (entity) {
                body.fields().forEachRemaining(f -> {
                    if (method.equals("POST") || entity.has(f.getKey())) {
                        entity.set(f.getKey(), f.getValue());
                    }
                });
            }
            return new ResponseDefinitionBuilder().withStatus(204).build();
        }
        if (parts.length == 3 && method.equals("DELETE")) {
            writes.add(new Write(method, id, JSON.getNodeFactory().textNode(parts[2])));
            return entity.remove(URLDecoder.decode(parts[2], StandardCharsets.UTF_8)) == null ? notFound()
                    : new ResponseDefinitionBuilder().withStatus(204).build();
        }
        return problem(405, "OperationNotSupported", "Method not allowed", method + " " + path);
    }

    private static ResponseDefinition notFound() {
        return problem(404, "ResourceNotFound", "Resource not found.", "Resource not found.");
    }

    private static ResponseDefinition problem(int status, String type, String title, String detail) {
        return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"type\":\"https://uri.etsi.org/ngsi-ld/errors/" + type + "\",\"title\":\"" + title
                        + "\",\"detail\":\"" + detail + "\",\"status\":" + status + "}").build();
    }
}
