package io.flexhub.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.flexhub.support.H2HubTest;

/**
 * Probe definition files an operator (or anybody who can write to {@code flexhub.probes.directory}) drops in that
 * are malformed, mislabelled, oversized or hostile: each is listed under {@code errors} with its file and a
 * message naming the problem, none becomes a probe, and the hub keeps running the others.
 */
class ProbeFilesHostileTest extends H2HubTest {

    private static final String GOOD = """
            id: HOSTILE-%s
            workPackage: "6"
            service: hostile-file test
            description: a definition made hostile by each test file
            schedule: {times: ["03:33"], timeZone: UTC}
            stages:
              - request: {url: "http://127.0.0.1:9/ping"}
            """;

    private final List<Path> written = new ArrayList<>();

    @AfterEach
    void removeDefinitions() throws IOException {
        for (Path p : written) {
            Files.deleteIfExists(p);
        }
    }

    @Test
    void should_list_every_hostile_definition_file_with_its_problem_and_load_none() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        write("h-latin1.yaml", GOOD.formatted("latin1").replace("hostile-file test", "caf\u00e9")
                .getBytes(StandardCharsets.ISO_8859_1));
        expected.put("h-latin1.yaml", "not valid UTF-8");
        write("h-utf16-bom.yaml", GOOD.formatted("utf16").getBytes(StandardCharsets.UTF_16));
        expected.put("h-utf16-bom.yaml", "UTF-16BE byte order mark");
        write("h-utf16.yaml", GOOD.formatted("utf16le").getBytes(StandardCharsets.UTF_16LE));
        expected.put("h-utf16.yaml", "NUL byte");
        write("h-nul.yaml", (GOOD.formatted("nul") + "# \u0000\n").getBytes(StandardCharsets.UTF_8));
        expected.put("h-nul.yaml", "NUL byte");
        write("h-huge.yaml", (GOOD.formatted("huge") + "#" + "x".repeat(2 * 1024 * 1024) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        expected.put("h-huge.yaml", "larger than");
        write("h-truncated.yaml", "id: HOSTILE-truncated\nstages:\n  - request: {url: \"http://x\"".getBytes(
                StandardCharsets.UTF_8));
        expected.put("h-truncated.yaml", "not valid YAML");
        write("h-root.yaml", "- just\n- a list\n".getBytes(StandardCharsets.UTF_8));
        expected.put("h-root.yaml", "a probe definition is a YAML mapping");
        write("h-deep.yaml", ("id: HOSTILE-deep\nx: " + "[".repeat(5000) + "]".repeat(5000) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        expected.put("h-deep.yaml", "not valid YAML");
        write("h-duplicate.yaml", (GOOD.formatted("dup") + "id: HOSTILE-dup2\n").getBytes(StandardCharsets.UTF_8));
        expected.put("h-duplicate.yaml", "duplicate key");
        StringBuilder laughs = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            laughs.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
        }
        write("h-laughs.yaml", (GOOD.formatted("laughs") + laughs).getBytes(StandardCharsets.UTF_8));
        expected.put("h-laughs.yaml", "aliases");
        write("h-tag.yaml", (GOOD.formatted("tag") + "x: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader "
                + "[[!!java.net.URL [\"http://127.0.0.1:9/\"]]]]\n").getBytes(StandardCharsets.UTF_8));
        expected.put("h-tag.yaml", "tag is not allowed");
        write("h-types.yaml", GOOD.formatted("types").replace("stages:", "stages: 42\nunused:")
                .getBytes(StandardCharsets.UTF_8));
        expected.put("h-types.yaml", "must be a list");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode list = probes();
            for (Map.Entry<String, String> e : expected.entrySet()) {
                String file = PROBES_DIR.resolve(e.getKey()).toString();
                assertThat(list.get("errors")).as(e.getKey()).anySatisfy(error -> {
                    assertThat(error.get("file").asText()).isEqualTo(file);
                    assertThat(error.get("message").asText()).containsIgnoringCase(e.getValue());
                });
            }
        });
        assertThat(probes().get("probes").findValuesAsText("id")).noneMatch(id -> id.startsWith("HOSTILE-"));
    }

    /**
     * Written beside and moved into place, as an operator's deployment does: the scanner must judge the hostile
     * content, not a half-written file (the first megabyte of h-huge.yaml is a valid definition).
     */
    private void write(String file, byte[] content) throws IOException {
        Path p = PROBES_DIR.resolve(file);
        Path part = PROBES_DIR.resolve(file + ".part");
        Files.write(part, content);
        Files.move(part, p, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        written.add(p);
    }

    private JsonNode probes() {
        HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url("/api/probes"))).GET());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return read(r.body());
    }
}
