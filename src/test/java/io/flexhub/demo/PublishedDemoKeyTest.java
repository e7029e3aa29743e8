package io.flexhub.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lfenergy.shapeshifter.api.TestMessage;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.flexhub.FlexhubApplication;
import io.flexhub.support.EmbeddedPostgres;
import io.flexhub.support.UftpTestPeer;
import io.flexhub.usef.crypto.Cs1KeyPair;
import io.flexhub.usef.crypto.Cs1PrivateKey;

/**
 * Whoever reads demo/README.md can sign as the demo DSO. Outside the demo, the hub must neither trust that key nor
 * start in a configuration that would. Each case starts the whole hub as an operator would configure it (no
 * participant overrides of the test base classes) and signs a TestMessage with the published key.
 */
@ExtendWith(OutputCaptureExtension.class)
class PublishedDemoKeyTest {

    private static final String DEMO_DOMAIN = "dso.flexhub.test";
    private static final Cs1PrivateKey PUBLISHED = Cs1PrivateKey.parse(DemoTrust.PUBLISHED_SEED);
    private static final UftpTestPeer IMPOSTOR = new UftpTestPeer(DEMO_DOMAIN,
            new Cs1KeyPair(PUBLISHED.publicKey(), PUBLISHED));
    /** Compose interpolation: ${NAME}, ${NAME:-default}, ${NAME:?error}. */
    private static final Pattern COMPOSE_VAR = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::?([-?])([^}]*))?}");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void should_refuse_the_demo_key_with_401_when_the_demo_is_off_in_the_default_profile(CapturedOutput output)
            throws Exception {
        try (ConfigurableApplicationContext hub = start(List.of(), h2(), Map.of("FLEXHUB_DEMO_ENABLED", "false"))) {
            assertRefused(hub);
        }
        assertThat(output.getOut()).containsOnlyOnce("No UFTP participants configured");
    }

    @Test
    void should_refuse_the_demo_key_with_401_in_the_postgres_profile(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext hub = start(List.of("postgres"), postgres(), Map.of())) {
            assertRefused(hub);
        }
        assertThat(output.getOut()).containsOnlyOnce("No UFTP participants configured");
    }

    @Test
    void should_refuse_the_demo_key_with_401_with_the_environment_of_the_compose_stack() throws Exception {
        Map<String, String> env = composeHubEnvironment();
        List<String> profiles = List.of(env.remove("SPRING_PROFILES_ACTIVE").split(","));
        assertThat(profiles).containsExactly("postgres");
        // what only the stack's network provides is replaced by the same service here
        String db = EmbeddedPostgres.newDatabase();
        env.put("FLEXHUB_DB_URL", db);
        env.put("FLEXHUB_DB_USER", "postgres");
        env.put("FLEXHUB_DB_PASSWORD", "");
        env.put("FLEXHUB_PORT", "0");
        env.put("FLEXHUB_DATA_DIR", tempDir().toString());
        env.put("FLEXHUB_NGSILD_BROKER_URL", env.get("FLEXHUB_NGSILD_BROKER_URL").replace("orion:1026", "127.0.0.1:9"));
        env.put("FLEXHUB_SMTP_HOST", "127.0.0.1");
        env.remove("SPRING_CONFIG_ADDITIONAL_LOCATION");
        env.remove("JAVA_OPTS");
        assertThat(env).containsEntry("FLEXHUB_DEMO_ENABLED", "false");
        try (ConfigurableApplicationContext hub = start(profiles, Map.of(), env)) {
            assertRefused(hub);
        }
    }

    @Test
    void should_not_start_with_the_demo_on_in_the_postgres_profile() {
        assertThatThrownBy(() -> start(List.of("postgres"), postgres(), Map.of("FLEXHUB_DEMO_ENABLED", "true")).close())
                .hasStackTraceContaining("flexhub.demo.enabled (FLEXHUB_DEMO_ENABLED) is true in the production"
                        + " profile 'postgres'");
    }

    @Test
    void should_not_start_when_a_participant_has_the_demo_key_while_the_demo_is_off() {
        Map<String, String> settings = new LinkedHashMap<>(Map.of("FLEXHUB_DEMO_ENABLED", "false"));
        settings.putAll(participant("dso.example.org", PUBLISHED.publicKey().toCs1String()));
        assertThatThrownBy(() -> start(List.of(), h2(), settings).close())
                .hasStackTraceContaining("flexhub.usef.participants: DSO dso.example.org has the demo DSO's published"
                        + " public key while the demo is off");
    }

    @Test
    void should_not_start_when_the_hub_itself_signs_with_the_demo_key() {
        assertThatThrownBy(() -> start(List.of(), h2(), Map.of("FLEXHUB_DEMO_ENABLED", "false",
                "FLEXHUB_USEF_PRIVATE_KEY", DemoTrust.PUBLISHED_SEED)).close())
                .hasStackTraceContaining("flexhub.usef.private-key (FLEXHUB_USEF_PRIVATE_KEY) is the demo DSO's"
                        + " published key");
    }

    @Test
    void should_trust_an_operators_own_participant_when_the_demo_is_off() throws Exception {
        UftpTestPeer dso = new UftpTestPeer("dso.example.org");
        Map<String, String> settings = new LinkedHashMap<>(Map.of("FLEXHUB_DEMO_ENABLED", "false"));
        settings.putAll(participant(dso.domain(), dso.publicKeyCs1()));
        try (ConfigurableApplicationContext hub = start(List.of(), h2(), settings)) {
            assertThat(post(hub, dso).statusCode()).isEqualTo(200);
            assertRefused(hub);
        }
    }

    private void assertRefused(ConfigurableApplicationContext hub) throws Exception {
        HttpResponse<String> response = post(hub, IMPOSTOR);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("Unknown sender: no public key for dso.flexhub.test in role DSO");
    }

    private HttpResponse<String> post(ConfigurableApplicationContext hub, UftpTestPeer peer) throws Exception {
        TestMessage message = peer.header(new TestMessage(), UUID.randomUUID().toString());
        message.setRecipientDomain(hub.getEnvironment().getProperty("flexhub.usef.own-domain"));
        String port = hub.getEnvironment().getProperty("local.server.port");
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/shapeshifter/api/v3/message"))
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(peer.signed(message))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The hub as `java -jar` starts it, with settings given as the environment variables the operator sets. */
    private static ConfigurableApplicationContext start(List<String> profiles, Map<String, String> database,
                                                        Map<String, String> environment) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("FLEXHUB_PORT", "0");
        settings.put("FLEXHUB_DATA_DIR", tempDir().toString());
        settings.put("FLEXHUB_ADMIN_PASSWORD", "pw");
        settings.put("flexhub.selfconsumption.warm-up-buildings", "0");
        settings.put("spring.quartz.scheduler-name", "flexhub-trust-" + System.nanoTime());
        settings.putAll(database);
        settings.putAll(environment);
        List<String> args = new ArrayList<>();
        settings.forEach((k, v) -> args.add("--" + k + "=" + v));
        return new SpringApplicationBuilder(FlexhubApplication.class).profiles(profiles.toArray(String[]::new))
                .run(args.toArray(String[]::new));
    }

    private static Map<String, String> h2() {
        return Map.of("FLEXHUB_DB_URL", "jdbc:h2:mem:trust-" + System.nanoTime()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }

    private static Map<String, String> postgres() {
        return Map.of("FLEXHUB_DB_URL", EmbeddedPostgres.newDatabase(), "FLEXHUB_DB_USER", "postgres",
                "FLEXHUB_DB_PASSWORD", "");
    }

    private static Map<String, String> participant(String domain, String publicKey) {
        return Map.of("flexhub.usef.participants[0].domain", domain,
                "flexhub.usef.participants[0].role", "DSO",
                "flexhub.usef.participants[0].public-key", publicKey,
                "flexhub.usef.participants[0].endpoint", "http://127.0.0.1:9/shapeshifter/api/v3/message");
    }

    /** The hub service's environment in docker/compose.yaml, interpolated as compose does with no .env values. */
    private static Map<String, String> composeHubEnvironment() throws IOException {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(Path.of("docker/compose.yaml").toFile());
        Map<String, String> env = new LinkedHashMap<>();
        compose.at("/services/hub/environment").properties().forEach(e -> {
            Matcher m = COMPOSE_VAR.matcher(e.getValue().asText());
            StringBuilder value = new StringBuilder();
            while (m.find()) {
                // ${X:?error} makes compose stop unless X is set: an operator's value stands in for it
                String replacement = "?".equals(m.group(2)) ? "operator-" + m.group(1) : m.group(3) == null ? ""
                        : m.group(3);
                m.appendReplacement(value, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(value);
            env.put(e.getKey(), value.toString());
        });
        return env;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("flexhub-trust");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
