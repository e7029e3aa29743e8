package io.flexhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** Static contract of the route files: one flow per file, ids and descriptions everywhere, known policies. */
class RoutesContractTest {

    private static final Path ROUTES = Path.of("src/main/resources/routes");
    // A repeated key is legal-looking YAML that silently keeps only the last value (a lost "- rest:" merges two
    // REST blocks and drops one's id and verbs), so the files are read with duplicate keys as errors.
    private final ObjectMapper yaml = new ObjectMapper(
            YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    @Test
    void should_give_every_route_an_id_a_description_and_a_known_error_policy() throws IOException {
        Set<String> configurations = new HashSet<>();
        List<JsonNode> routes = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> restIds = new HashSet<>();
        for (Path file : files()) {
            assertThat(Files.readString(file)).as(file + " opens with a # header").startsWith("#");
            for (JsonNode item : read(file)) {
                if (item.has("routeConfiguration")) {
                    configurations.add(item.get("routeConfiguration").get("id").asText());
                }
                if (item.has("route")) {
                    routes.add(item.get("route"));
                }
                if (item.has("rest")) {
                    assertThat(item.get("rest").path("id").asText()).as("rest id in " + file).isNotBlank();
                    assertThat(restIds.add(item.get("rest").path("id").asText()))
                            .as("rest id " + item.get("rest").path("id").asText() + " is unique").isTrue();
                    assertThat(item.get("rest").path("description").asText()).as("rest description in " + file)
                            .isNotBlank();
                }
            }
        }
        assertThat(routes).hasSizeGreaterThan(5);
        for (JsonNode route : routes) {
            String id = route.path("id").asText();
            assertThat(id).as("route id").isNotBlank();
            assertThat(ids.add(id)).as("route id " + id + " is unique").isTrue();
            assertThat(route.path("description").asText()).as("description of " + id).isNotBlank();
            // a route may combine policies, most specific first ("uftp-peer-errors,background-errors")
            assertThat(configurations).as("error policy of " + id)
                    .contains(route.path("routeConfigurationId").asText().split(",", -1));
        }
    }

    @Test
    void should_find_no_repeated_key_in_any_route_file() throws IOException {
        for (Path file : files()) {
            assertThatCode(() -> read(file)).as(file + " has no key twice in one mapping").doesNotThrowAnyException();
        }
    }

    @Test
    void should_refuse_yaml_with_a_repeated_key_when_reading_route_files() {
        String merged = "- rest:\n    id: a-rest\n    get: []\n    id: b-rest\n";

        assertThatThrownBy(() -> yaml.readTree(merged)).hasMessageContaining("Duplicate field 'id'");
    }

    @Test
    void should_name_each_flow_file_after_its_domain() throws IOException {
        for (Path file : files()) {
            assertThat(file.getFileName().toString()).matches("(hub|usef|flex|ngsild|selfconsumption|forecast|notify|probes|dr|ops|dashboard|energy|analytics)-[a-z0-9-]+\\.camel\\.yaml");
        }
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(ROUTES)) {
            return s.filter(p -> p.toString().endsWith(".camel.yaml")).sorted().toList();
        }
    }

    private JsonNode read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return yaml.readTree(in);
        }
    }
}
