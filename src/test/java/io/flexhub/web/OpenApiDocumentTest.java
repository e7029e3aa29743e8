package io.flexhub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.ParamDefinition;
import org.apache.camel.model.rest.ResponseMessageDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import io.flexhub.support.H2HubTest;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * The OpenAPI document at {@code /api/openapi.json} against the REST definitions the running CamelContext holds (so a
 * verb added to hub-rest.camel.yaml is checked without anything to add here) and against what the hub answers.
 */
class OpenApiDocumentTest extends H2HubTest {

    /** Where springdoc, Camel's rest-api (its default context path) and Swagger UI's own pages would serve one. */
    private static final List<String> OTHER_DOCUMENT_PATHS = List.of("/api-doc", "/api-docs", "/api-doc/openapi.json",
            "/openapi.json", "/openapi.yaml", "/v3/api-docs", "/api/api-doc", "/swagger-ui.html",
            "/swagger-ui/index.html", "/webjars/swagger-ui/index.html", "/webjars/swagger-ui/swagger-initializer.js");

    @Autowired
    CamelContext camel;

    record Verb(String method, String path, VerbDefinition definition) {
        @Override
        public String toString() {
            return method + " " + path + " (" + definition.getId() + ")";
        }
    }

    @Test
    void should_describe_every_rest_verb_of_the_routes_with_its_method_id_and_description() {
        JsonNode paths = document().get("paths");
        List<Verb> verbs = verbs();
        assertThat(verbs).hasSizeGreaterThan(30);

        Set<String> documented = new TreeSet<>();
        paths.fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
        assertThat(documented).isEqualTo(new TreeSet<>(verbs.stream().map(v -> v.method() + " " + v.path()).toList()));
        for (Verb verb : verbs) {
            JsonNode operation = paths.path(verb.path()).path(verb.method().toLowerCase(Locale.ROOT));
            assertThat(operation.path("operationId").asText()).as(verb.toString()).isEqualTo(verb.definition().getId());
            assertThat(operation.path("summary").asText()).as(verb.toString())
                    .isEqualTo(verb.definition().getDescriptionText());
            for (ParamDefinition param : verb.definition().getParams()) {
                if (param.getType().name().equals("body")) {
                    assertThat(operation.path("requestBody").path("description").asText()).as(verb + " body")
                            .isEqualTo(param.getDescription());
                    continue;
                }
                JsonNode documentedParam = parameter(operation, param.getName());
                assertThat(documentedParam.path("in").asText()).as(verb + " " + param.getName())
                        .isEqualTo(param.getType().name());
                assertThat(documentedParam.path("description").asText()).isEqualTo(param.getDescription());
                assertThat(documentedParam.path("schema").path("type").asText())
                        .isEqualTo(param.getDataType() == null ? "string" : param.getDataType());
            }
        }
    }

    @Test
    void should_give_every_verb_a_description_its_parameters_descriptions_and_its_success_answer() {
        List<String> missing = new ArrayList<>();
        for (Verb verb : verbs()) {
            VerbDefinition d = verb.definition();
            if (d.getDescriptionText() == null || d.getDescriptionText().isBlank()) {
                missing.add(verb + ": description");
            }
            for (ParamDefinition param : d.getParams()) {
                if (param.getDescription() == null || param.getDescription().isBlank()) {
                    missing.add(verb + ": description of parameter " + param.getName());
                }
            }
            if (d.getResponseMsgs().stream().map(ResponseMessageDefinition::getCode)
                    .noneMatch(code -> code.startsWith("2"))) {
                missing.add(verb + ": a responseMessage with its 2xx answer");
            }
            for (String variable : pathVariables(verb.path())) {
                if (d.getParams().stream().noneMatch(p -> p.getName().equals(variable))) {
                    missing.add(verb + ": a path param " + variable);
                }
            }
            if (d.getConsumes() != null && d.getParams().stream().noneMatch(p -> p.getType().name().equals("body"))) {
                missing.add(verb + ": a body param describing what it consumes");
            }
        }
        assertThat(missing).as("hub-rest.camel.yaml documents the API (README, API section)").isEmpty();
    }

    @Test
    void should_be_a_valid_openapi_3_document() {
        HttpResponse<String> answer = get("/api/openapi.json");
        ParseOptions options = new ParseOptions();
        options.setResolve(true);

        SwaggerParseResult parsed = new OpenAPIParser().readContents(answer.body(), null, options);

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.");
        assertThat(parsed.getOpenAPI().getInfo().getTitle()).isEqualTo("flexhub REST API");
        assertThat(parsed.getOpenAPI().getComponents().getSecuritySchemes().get("basicAuth").getScheme())
                .isEqualTo("basic");
    }

    @Test
    void should_state_per_verb_the_login_the_hub_asks_for() {
        JsonNode paths = document().get("paths");
        for (Verb verb : verbs()) {
            JsonNode operation = paths.path(verb.path()).path(verb.method().toLowerCase(Locale.ROOT));
            boolean admin = operation.path("security").toString().contains("basicAuth");
            HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(url(concrete(verb.path()))))
                    .method(verb.method(), HttpRequest.BodyPublishers.noBody()).build());

            boolean challenged = anonymous.statusCode() == 401
                    && anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic");
            assertThat(challenged).as(verb + " answered " + anonymous.statusCode()).isEqualTo(admin);
            if (admin) {
                assertThat(anonymous.headers().firstValue("Content-Type")).as(verb.toString())
                        .contains("application/problem+json");
                assertThat(read(anonymous.body()).path("status").asInt()).isEqualTo(401);
            }
            assertThat(operation.path("responses").has("401")).as(verb + " documents its 401").isEqualTo(
                    admin || verb.definition().getResponseMsgs().stream().anyMatch(r -> r.getCode().equals("401")));
        }
    }

    @Test
    void should_describe_errors_as_the_hub_answers_them() {
        JsonNode paths = document().get("paths");
        JsonNode retry = paths.path("/api/notify/outbox/{id}/retry").path("post").path("responses");
        assertThat(retry.fieldNames()).toIterable().contains("202", "400", "401", "403", "404", "409", "413", "415",
                "500");
        assertThat(retry.path("409").path("content").path("application/problem+json").path("schema").path("$ref")
                .asText()).isEqualTo("#/components/schemas/ProblemDetails");
        JsonNode uftp = paths.path("/shapeshifter/api/v3/message").path("post");
        assertThat(uftp.path("security").size()).isZero();
        assertThat(uftp.path("responses").fieldNames()).toIterable().contains("200", "400", "401", "411", "413")
                .doesNotContain("415");
        assertThat(uftp.path("responses").path("401").path("content").has("text/plain")).isTrue();
        assertThat(uftp.path("requestBody").path("content").fieldNames()).toIterable()
                .containsExactly("text/xml", "application/xml");

        // the schema names what a real refusal carries
        HttpResponse<String> notFound = get("/api/dr/events/987654");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode schema = document().path("components").path("schemas").path("ProblemDetails");
        Set<String> fields = new TreeSet<>();
        read(notFound.body()).fieldNames().forEachRemaining(fields::add);
        Set<String> properties = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(properties::add);
        assertThat(fields).isEqualTo(properties);
        assertThat(paths.path("/api/dr/events/{id}").path("get").path("responses").path("404").path("content")
                .has("application/problem+json")).isTrue();
    }

    @Test
    void should_answer_the_document_and_swagger_ui_only_after_login() {
        for (String path : List.of("/api/openapi.json", "/api/docs/", "/api/docs/index.html",
                "/api/docs/swagger-ui-bundle.js")) {
            HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(url(path))).GET().build());
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.body()).as(path).doesNotContain("\"openapi\"", "SwaggerUI");
        }
        assertThat(get("/api/docs/").body()).contains("flexhub-swagger.js", "swagger-ui-bundle.js");
        assertThat(get("/api/docs/flexhub-swagger.js").body()).contains("url: '/api/openapi.json'");
        assertThat(get("/api/docs/swagger-ui-bundle.js").statusCode()).isEqualTo(200);
    }

    @Test
    void should_serve_no_document_anywhere_else() {
        for (String path : OTHER_DOCUMENT_PATHS) {
            HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(url(path))).GET().build());
            assertThat(anonymous.statusCode()).as(path).isIn(401, 404);
            assertThat(anonymous.body()).as(path).doesNotContain("\"openapi\"", "\"paths\"", "SwaggerUI");
            HttpResponse<String> admin = get(path);
            assertThat(admin.statusCode()).as(path + " as the admin").isEqualTo(404);
            assertThat(admin.body()).as(path).doesNotContain("\"openapi\"", "\"paths\"", "SwaggerUI");
        }
    }

    private List<Verb> verbs() {
        List<Verb> verbs = new ArrayList<>();
        for (RestDefinition rest : camel.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                verbs.add(new Verb(verb.asVerb().toUpperCase(Locale.ROOT),
                        (rest.getPath() == null ? "" : rest.getPath()) + verb.getPath(), verb));
            }
        }
        return verbs;
    }

    private static List<String> pathVariables(String path) {
        List<String> variables = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.startsWith("{") && segment.endsWith("}")) {
                variables.add(segment.substring(1, segment.length() - 1));
            }
        }
        return variables;
    }

    private static String concrete(String template) {
        return template.replaceAll("\\{[^}]+}", "1");
    }

    private static JsonNode parameter(JsonNode operation, String name) {
        Map<String, JsonNode> byName = new TreeMap<>();
        for (Iterator<JsonNode> it = operation.path("parameters").elements(); it.hasNext(); ) {
            JsonNode p = it.next();
            byName.put(p.path("name").asText(), p);
        }
        assertThat(byName).as("parameters of " + operation.path("operationId").asText()).containsKey(name);
        return byName.get(name);
    }

    private JsonNode document() {
        HttpResponse<String> answer = get("/api/openapi.json");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/json"));
        return read(answer.body());
    }

    private HttpResponse<String> get(String path) {
        return admin(HttpRequest.newBuilder(URI.create(url(path))).GET());
    }
}
