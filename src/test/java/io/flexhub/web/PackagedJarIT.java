package io.flexhub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import io.flexhub.support.ChildHub;

/**
 * The packaged jar as the quick start runs it (demo on, embedded H2): what the pages and their documents need must
 * be on the jar's own class path, which is narrower than the tests' (test-scoped libraries are not in it).
 */
class PackagedJarIT {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void the_pages_and_the_api_document_answer_from_the_packaged_jar() throws IOException {
        Path work = Files.createTempDirectory("flexhub-packaged");
        try (ChildHub hub = new ChildHub(Map.of("FLEXHUB_DATA_DIR", work.toString(), "FLEXHUB_DEMO_ENABLED", "true"),
                Path.of("target/packaged-jar"))) {
            hub.start();

            HttpResponse<String> document = hub.get("/api/openapi.json");
            assertThat(document.statusCode()).as(document.body()).isEqualTo(200);
            JsonNode openapi = json.readTree(document.body());
            assertThat(openapi.path("openapi").asText()).startsWith("3.");
            assertThat(openapi.path("paths").has("/api/energy/sites")).isTrue();

            HttpResponse<String> docs = hub.get("/api/docs/", "text/html");
            assertThat(docs.statusCode()).isEqualTo(200);
            assertThat(docs.body()).contains("swagger-ui");

            HttpResponse<String> overview = hub.get("/", "text/html");
            assertThat(overview.statusCode()).isEqualTo(200);
            assertThat(overview.body()).contains("/assets/app.js");

            HttpResponse<String> sites = hub.get("/api/energy/sites");
            assertThat(sites.statusCode()).isEqualTo(200);
            assertThat(json.readTree(sites.body()).get(0).path("siteId").asText()).contains("umu-pleiades");
        }
    }
}
