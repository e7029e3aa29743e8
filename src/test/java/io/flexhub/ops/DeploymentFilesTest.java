package io.flexhub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Static checks of docker/: the compose stack is wired as the README describes, and every environment variable the
 * hub's configuration reads reaches the hub container. The variables are taken from the application*.yaml files
 * themselves, so a setting added there without wiring it into the stack fails here.
 */
class DeploymentFilesTest {

    private static final Path DOCKER = Path.of("docker");
    private static final Path RESOURCES = Path.of("src/main/resources");
    /** {@code ${NAME}} or {@code ${NAME:default}} in Spring configuration; upper case = an environment variable. */
    private static final Pattern SPRING_ENV = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
    /** Compose interpolation: {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME:?error}}. */
    private static final Pattern COMPOSE_VAR = Pattern.compile("(?<!\\$)\\$\\{([A-Z][A-Z0-9_]*)(?:(:?[-?])([^}]*))?}");

    private JsonNode compose;
    private JsonNode hub;
    private Map<String, String> hubEnv;
    private String envExample;
    private List<String> dockerfile;

    @BeforeEach
    void read() throws IOException {
        compose = new ObjectMapper(new YAMLFactory()).readTree(DOCKER.resolve("compose.yaml").toFile());
        hub = compose.path("services").path("hub");
        hubEnv = new LinkedHashMap<>();
        hub.path("environment").properties().forEach(e -> hubEnv.put(e.getKey(), e.getValue().asText()));
        envExample = Files.readString(DOCKER.resolve(".env.example"));
        dockerfile = Files.readAllLines(DOCKER.resolve("Dockerfile"));
    }

    @Test
    void should_run_the_hub_next_to_postgres_an_ngsi_ld_broker_and_a_mail_catcher() {
        assertThat(names(compose.path("services"))).contains("hub", "postgres", "orion", "mongo", "mail");
        assertThat(compose.at("/services/postgres/image").asText()).startsWith("postgres:16");
        assertThat(compose.at("/services/orion/image").asText()).startsWith("fiware/orion-ld:");
        assertThat(compose.at("/services/mongo/image").asText()).isEqualTo("mongo:4.4");
        assertThat(compose.at("/services/mail/image").asText()).startsWith("axllent/mailpit:");
        assertThat(compose.at("/services/orion/command").asText()).contains("-dbhost mongo");
        assertThat(compose.at("/services/orion/depends_on/mongo/condition").asText()).isEqualTo("service_healthy");
        assertThat(compose.at("/services/postgres/healthcheck/test").toString()).contains("pg_isready");
        assertThat(compose.at("/services/mongo/healthcheck/test").toString()).contains("ping");
        assertThat(compose.at("/services/postgres/volumes/0").asText()).endsWith(":/var/lib/postgresql/data");
    }

    @Test
    void should_build_the_hub_from_the_repository_and_start_it_once_its_database_is_healthy() {
        assertThat(hub.at("/build/context").asText()).isEqualTo("..");
        Path dockerfilePath = DOCKER.resolve(hub.at("/build/context").asText()).resolve(hub.at("/build/dockerfile").asText());
        assertThat(dockerfilePath.normalize()).isEqualTo(DOCKER.resolve("Dockerfile").normalize()).exists();
        assertThat(hub.at("/depends_on/postgres/condition").asText()).isEqualTo("service_healthy");
        assertThat(names(hub.path("depends_on"))).contains("orion", "mail");
        assertThat(hub.path("ports").toString()).contains(":" + containerPort() + "\"");
        assertThat(hub.path("volumes").toString()).contains(":" + hubEnv.get("FLEXHUB_DATA_DIR") + "\"");
    }

    @Test
    void should_point_the_hub_at_the_services_of_the_stack() {
        assertThat(hubEnv).containsEntry("SPRING_PROFILES_ACTIVE", "postgres");
        assertThat(hubEnv.get("FLEXHUB_DB_URL")).startsWith("jdbc:postgresql://postgres:5432/");
        // the hub logs in with the role the postgres container creates
        assertThat(variables(hubEnv.get("FLEXHUB_DB_USER")))
                .isEqualTo(variables(compose.at("/services/postgres/environment/POSTGRES_USER").asText()));
        assertThat(variables(hubEnv.get("FLEXHUB_DB_PASSWORD")))
                .isEqualTo(variables(compose.at("/services/postgres/environment/POSTGRES_PASSWORD").asText()));
        assertThat(variables(hubEnv.get("FLEXHUB_DB_URL")).keySet())
                .isEqualTo(variables(compose.at("/services/postgres/environment/POSTGRES_DB").asText()).keySet());
        assertThat(composeDefault(hubEnv.get("FLEXHUB_NGSILD_BROKER_URL"))).isEqualTo("http://orion:1026/ngsi-ld/v1");
        assertThat(compose.at("/services/orion/ports").toString()).contains(":1026\"");
        assertThat(composeDefault(hubEnv.get("FLEXHUB_SMTP_HOST"))).isEqualTo("mail");
        assertThat(composeDefault(hubEnv.get("FLEXHUB_SMTP_PORT"))).isEqualTo("1025");
        assertThat(hubEnv.get("FLEXHUB_ADMIN_PASSWORD")).as("no default admin password").contains(":?");
    }

    @Test
    void should_pass_every_variable_the_hub_reads_into_the_hub_container() throws IOException {
        Map<String, String> read = hubVariables();
        assertThat(read).containsKeys("FLEXHUB_DB_URL", "FLEXHUB_ADMIN_PASSWORD", "FLEXHUB_USEF_PRIVATE_KEY");

        for (Map.Entry<String, String> variable : read.entrySet()) {
            String name = variable.getKey();
            if (!hubEnv.containsKey(name)) {
                assertThat(notPassedOnPurpose(name)).as(name + " is read by the hub but neither set in the hub "
                        + "service of compose.yaml nor listed as not passed in .env.example").isTrue();
                continue;
            }
            // a variable that may arrive empty would replace a non-empty Spring default with ""
            if (variable.getValue() != null && !variable.getValue().isEmpty()) {
                assertThat(mayBeEmpty(hubEnv.get(name)))
                        .as(name + " has default '" + variable.getValue() + "' in the hub but may be empty in compose")
                        .isFalse();
            }
        }
    }

    @Test
    void should_document_every_variable_the_stack_takes_from_the_environment() throws IOException {
        String text = Files.readString(DOCKER.resolve("compose.yaml"));
        Map<String, String> used = variables(text);
        assertThat(used).isNotEmpty();
        for (Map.Entry<String, String> variable : used.entrySet()) {
            assertThat(envExample).as(variable.getKey() + " in .env.example")
                    .containsPattern("(?m)^(# )?" + variable.getKey() + "=");
            if (variable.getValue().equals(":?")) {
                assertThat(envExample).as("required " + variable.getKey() + " is set in .env.example")
                        .containsPattern("(?m)^" + variable.getKey() + "=.+");
            }
        }
    }

    @Test
    void should_build_an_image_that_runs_as_a_non_root_user_with_a_health_check() throws IOException {
        List<String> runtime = finalStage();
        assertThat(runtime.get(0)).isEqualTo("FROM eclipse-temurin:17-jre");
        assertThat(dockerfile).anyMatch(l -> l.matches("FROM maven:[0-9.]+-eclipse-temurin-17 AS build"));

        String user = instruction(runtime, "USER");
        assertThat(user).isNotBlank().doesNotStartWith("root").doesNotStartWith("0");

        String healthcheck = String.join("\n", runtime.subList(indexOf(runtime, "HEALTHCHECK"), runtime.size()));
        assertThat(healthcheck).contains("/actuator/health/readiness").contains("\\\"status\\\":\\\"UP\\\"");
        // the CMD is a JSON array: it must parse, or Docker would run it through a shell as a string
        String cmd = healthcheck.substring(healthcheck.indexOf("CMD [") + 4, healthcheck.indexOf("]\n") + 1);
        JsonNode array = new ObjectMapper().readTree(cmd);
        assertThat(array.get(0).asText()).isEqualTo("bash");
        assertThat(array.get(2).asText()).contains("/dev/tcp/127.0.0.1/${FLEXHUB_PORT}").contains("GET /actuator/health/readiness");

        assertThat(instruction(runtime, "EXPOSE")).isEqualTo(containerPort());
        String env = String.join(" ", runtime);
        assertThat(env).contains("FLEXHUB_PORT=" + containerPort())
                .contains("FLEXHUB_DATA_DIR=" + hubEnv.get("FLEXHUB_DATA_DIR"));
        // the start-up and memory flags the README documents: the class-data archive the build records, a bounded heap
        String build = String.join("\n", runtime);
        assertThat(build).contains("-XX:ArchiveClassesAtExit=/opt/flexhub/flexhub.jsa")
                .contains("-Dspring.context.exit=onRefresh").contains("-Djarmode=tools -jar /tmp/flexhub.jar extract");
        assertThat(build).contains("-XX:SharedArchiveFile=/opt/flexhub/flexhub.jsa").contains("-Xmx256m")
                .contains("-XX:+ExitOnOutOfMemoryError");
        assertThat(String.join(" ", runtime)).contains("-jar /opt/flexhub/flexhub.jar");
        assertThat(hubEnv.get("JAVA_OPTS")).as("compose passes the image's flags").contains(
                "-XX:SharedArchiveFile=/opt/flexhub/flexhub.jsa").contains("-Xmx256m");
        assertThat(instruction(runtime, "VOLUME")).isEqualTo(hubEnv.get("FLEXHUB_DATA_DIR"));
    }

    private String containerPort() {
        return hubEnv.get("FLEXHUB_PORT");
    }

    private boolean notPassedOnPurpose(String name) {
        return envExample.lines().anyMatch(l -> l.startsWith("# not passed to the hub:") && l.contains(name));
    }

    /** Environment variables read by application*.yaml, with their Spring default (null: none). */
    private static Map<String, String> hubVariables() throws IOException {
        Map<String, String> found = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(RESOURCES)) {
            for (Path file : files.filter(p -> p.getFileName().toString().matches("application.*\\.ya?ml")).toList()) {
                Matcher m = SPRING_ENV.matcher(Files.readString(file));
                while (m.find()) {
                    found.putIfAbsent(m.group(1), m.group(2));
                }
            }
        }
        return found;
    }

    /** Compose variables of a text with their operator ({@code :-}, {@code :?}, or "" when bare). */
    private static Map<String, String> variables(String text) {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher m = COMPOSE_VAR.matcher(text);
        while (m.find()) {
            found.putIfAbsent(m.group(1), m.group(2) == null ? "" : m.group(2));
        }
        return found;
    }

    private static String composeDefault(String value) {
        Matcher m = COMPOSE_VAR.matcher(value);
        assertThat(m.find()).as(value).isTrue();
        return m.group(3);
    }

    private static boolean mayBeEmpty(String value) {
        if (value.isEmpty()) {
            return true;
        }
        Matcher m = COMPOSE_VAR.matcher(value);
        if (!m.matches()) {
            return false;
        }
        String operator = m.group(2);
        return operator == null || operator.equals("-") || (operator.equals(":-") && m.group(3).isEmpty());
    }

    private List<String> finalStage() {
        int from = -1;
        for (int i = 0; i < dockerfile.size(); i++) {
            if (dockerfile.get(i).startsWith("FROM ")) {
                from = i;
            }
        }
        return new ArrayList<>(dockerfile.subList(from, dockerfile.size()));
    }

    private static int indexOf(List<String> lines, String instruction) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(instruction + " ")) {
                return i;
            }
        }
        throw new AssertionError("no " + instruction + " in the final stage of the Dockerfile");
    }

    private static String instruction(List<String> lines, String instruction) {
        return lines.get(indexOf(lines, instruction)).substring(instruction.length() + 1).trim();
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        if (node.isArray()) {
            node.forEach(n -> names.add(n.asText()));
        } else {
            node.properties().forEach(e -> names.add(e.getKey()));
        }
        return names;
    }
}
