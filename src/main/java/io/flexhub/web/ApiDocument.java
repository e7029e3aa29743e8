package io.flexhub.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

import io.flexhub.security.PublicPaths;
import io.flexhub.analytics.history.ImportProperties;
import io.flexhub.usef.UsefProperties;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI 3 document of the REST API. camel-openapi-java's starter reads the REST DSL (hub-rest.camel.yaml:
 * verbs, parameters, bodies, each verb's own answers) into the {@link OpenAPI} bean; this completes it with what
 * the HTTP layer does to every verb, taken from the same places that do it, so the document cannot drift from
 * them: the admin login ({@link PublicPaths}), the body checks of {@link RequestBodyFilter} and {@link
 * RequestLimitFilter} (media types from {@link HttpEntries}, limits, status per {@link Dialect}), and the error
 * body ({@link io.flexhub.common.JsonReplies#problem RFC 9457 problem details}, or plain text for UFTP peers).
 * Those cannot be said in the REST DSL itself: a verb's {@code produces} would make platform-http refuse other
 * Accept headers, and the error bodies' media type would follow it.
 */
@Component("apiDocument")
public class ApiDocument {

    static final String BASIC = "basicAuth";
    static final String PROBLEM = "ProblemDetails";
    static final String PROBLEM_JSON = "application/problem+json";

    private final OpenAPI fromRestDsl;
    private final HttpEntries entries;
    private final BodyLimits limits;
    private volatile byte[] document;

    public ApiDocument(OpenAPI fromRestDsl, HttpEntries entries, UsefProperties usef, WebProperties web,
                       ImportProperties archiveImport) {
        this.fromRestDsl = fromRestDsl;
        this.entries = entries;
        this.limits = new BodyLimits(usef, web, archiveImport);
    }

    public void answer(Message out) {
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setBody(document());
    }

    /** Built once: the REST definitions do not change while the hub runs. */
    byte[] document() {
        byte[] built = document;
        if (built == null) {
            try {
                built = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(complete(copy(fromRestDsl)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            document = built;
        }
        return built;
    }

    private static OpenAPI copy(OpenAPI api) {
        if (api.getPaths() == null || api.getPaths().isEmpty()) {
            throw new IllegalStateException("camel-openapi-java produced no paths from the REST definitions; "
                    + "see the start-up log for why");
        }
        try {
            return Json.mapper().readValue(Json.mapper().writeValueAsBytes(api), OpenAPI.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    OpenAPI complete(OpenAPI api) {
        Info info = Optional.ofNullable(api.getInfo()).orElseGet(Info::new);
        api.setInfo(info.title(Optional.ofNullable(info.getTitle()).orElse("flexhub")));
        Components components = Optional.ofNullable(api.getComponents()).orElseGet(Components::new);
        api.setComponents(components);
        components.addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("The admin user (flexhub.security.admin-user, password FLEXHUB_ADMIN_PASSWORD). A "
                        + "browser session of the login form is taken too; its writes then need the XSRF-TOKEN "
                        + "cookie's value in the X-XSRF-TOKEN header."));
        components.addSchemas(PROBLEM, problemDetails());
        api.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> complete(path, method, operation)));
        return api;
    }

    private void complete(String path, PathItem.HttpMethod method, Operation operation) {
        Dialect dialect = Dialect.of(path);
        boolean admin = !PublicPaths.matches(path);
        boolean write = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT
                || method == PathItem.HttpMethod.PATCH;
        ApiResponses responses = Optional.ofNullable(operation.getResponses()).orElseGet(ApiResponses::new);
        operation.setResponses(responses);
        // an empty default is what Camel adds to a verb that declares no answer; it is no answer of ours
        responses.remove(ApiResponses.DEFAULT);
        operation.setSecurity(admin ? List.of(new SecurityRequirement().addList(BASIC)) : List.of());
        if (admin) {
            add(responses, 401, "No or wrong admin credentials (HTTP Basic, or the login form's session)");
            if (write) {
                add(responses, 403, "A write with the login form's session cookie but without its CSRF token in "
                        + "X-XSRF-TOKEN");
            }
        }
        if (write) {
            List<String> consumes = entries.find(method.name(), path).map(HttpEntries.Entry::consumes)
                    .orElse(List.of());
            body(operation, consumes);
            add(responses, 413, "The body is larger than " + limits.of(dialect, path) + " bytes ("
                    + limitProperty(dialect, path) + ")");
            if (dialect.requiresContentLength()) {
                add(responses, 411, "No Content-Length header");
            }
            if (consumes.isEmpty()) {
                add(responses, dialect.mediaTypeStatus(), "A request body was sent: this verb takes none");
            } else {
                add(responses, dialect.mediaTypeStatus(), "The Content-Type is not " + String.join(" or ", consumes)
                        + ", a charset other than UTF-8, or a Content-Encoding other than identity");
                add(responses, 400, "The body is not UTF-8"
                        + (consumes.stream().anyMatch(BodyRules::isJson) ? ", or not well-formed JSON" : "")
                        + (consumes.stream().anyMatch(BodyRules::isXml) ? ", or its XML declaration names another "
                                + "encoding" : ""));
            }
        }
        add(responses, 500, dialect == Dialect.UFTP ? "Internal error; the message was not accepted, please retry"
                : "An unexpected failure; the detail points to the hub's log");
        responses.forEach((code, response) -> {
            if (Integer.parseInt(code) >= 400) {
                response.setContent(errorBody(dialect));
            }
        });
        sort(operation);
    }

    private static String limitProperty(Dialect dialect, String path) {
        if (dialect == Dialect.UFTP) {
            return "flexhub.usef.max-body-bytes";
        }
        return BodyLimits.ARCHIVE_IMPORT.equals(path) ? "flexhub.analytics.import.max-archive-bytes"
                : "flexhub.web.max-body-bytes";
    }

    /** The media types the body filter takes, any JSON document for the JSON ones (the REST DSL says string). */
    private static void body(Operation operation, List<String> consumes) {
        if (consumes.isEmpty()) {
            operation.setRequestBody(null);
            return;
        }
        RequestBody body = Optional.ofNullable(operation.getRequestBody())
                .orElseGet(() -> new RequestBody().required(true));
        Content declared = Optional.ofNullable(body.getContent()).orElseGet(Content::new);
        Content content = new Content();
        for (String type : consumes) {
            MediaType media = Optional.ofNullable(declared.get(type)).orElseGet(MediaType::new);
            boolean json = BodyRules.isJson(type);
            media.setSchema(json ? new Schema<>().description("a JSON document") : new StringSchema());
            // the REST DSL's examples are text; a JSON one is shown as the document it spells, not as a string
            if (json && media.getExample() instanceof String text) {
                media.setExample(parsed(text));
            }
            content.addMediaType(type, media);
        }
        operation.setRequestBody(body.content(content));
    }

    private static Object parsed(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON example in hub-rest.camel.yaml is not JSON: " + json, e);
        }
    }

    private static Content errorBody(Dialect dialect) {
        if (dialect.problemDetails()) {
            return new Content().addMediaType(PROBLEM_JSON,
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
        }
        return new Content().addMediaType("text/plain", new MediaType().schema(new StringSchema()
                .description("the reason, as UFTP peers log it")));
    }

    /** A verb's own description of a status comes first; the HTTP layer's reason for it is added after. */
    private static void add(ApiResponses responses, int status, String description) {
        String code = Integer.toString(status);
        ApiResponse existing = responses.get(code);
        if (existing == null) {
            responses.addApiResponse(code, new ApiResponse().description(description));
        } else if (!existing.getDescription().toLowerCase(Locale.ROOT).contains(description.toLowerCase(Locale.ROOT))) {
            existing.setDescription(existing.getDescription() + "; or: "
                    + Character.toLowerCase(description.charAt(0)) + description.substring(1));
        }
    }

    private static void sort(Operation operation) {
        Map<String, ApiResponse> sorted = new LinkedHashMap<>();
        List<String> codes = new ArrayList<>(operation.getResponses().keySet());
        codes.sort(String::compareTo);
        codes.forEach(c -> sorted.put(c, operation.getResponses().get(c)));
        ApiResponses responses = new ApiResponses();
        responses.putAll(sorted);
        operation.setResponses(responses);
    }

    private static Schema<?> problemDetails() {
        return new ObjectSchema()
                .description("RFC 9457 problem details, the body of every refusal of the admin API")
                .addProperty("type", new StringSchema().description("Always about:blank: the status says it all")
                        .example("about:blank"))
                .addProperty("title", new StringSchema().description("The status's reason phrase")
                        .example("Bad Request"))
                .addProperty("status", new IntegerSchema().description("The HTTP status").example(400))
                .addProperty("detail", new StringSchema().description("What is wrong, naming the field or value")
                        .example("limit must be a number from 1 to 500, got 'x'"))
                .addProperty("instance", new StringSchema().nullable(true).description("The request path"))
                .required(List.of("type", "title", "status", "detail"));
    }
}
