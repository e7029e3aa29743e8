package io.flexhub.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged hub ({@code target/flexhub.jar}) in a JVM of its own, as an operator runs it, so that a test can
 * kill it the way a crash does (SIGKILL: no shutdown hook, no flush) and start it again on the same database.
 */
public final class ChildHub implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "child-admin-password";
    /** {@code -Dflexhub.jar=...} runs another build, e.g. the previous commit's, to measure a change. */
    private static final Path JAR = Path.of(System.getProperty("flexhub.jar", "target/flexhub.jar"));

    private final Map<String, String> settings;
    private final int port;
    private final Path logDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int starts;

    /** @param settings Spring properties (or the environment variable names application.yaml reads) */
    public ChildHub(Map<String, String> settings, Path logDir) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: integration tests run after `mvn package`");
        }
        this.port = freePort();
        this.logDir = logDir;
        this.settings = new LinkedHashMap<>();
        this.settings.put("FLEXHUB_PORT", String.valueOf(port));
        this.settings.put("FLEXHUB_ADMIN_PASSWORD", ADMIN_PASSWORD);
        this.settings.put("FLEXHUB_DEMO_ENABLED", "false");
        // the optimizer warm-up only competes for the two cores with the traffic under test
        this.settings.put("flexhub.selfconsumption.warm-up-buildings", "0");
        this.settings.putAll(settings);
    }

    public ChildHub start() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+UseParallelGC");
        command.add("-Xmx512m");
        command.add("-jar");
        command.add(JAR.toAbsolutePath().toString());
        settings.forEach((k, v) -> command.add("--" + k + "=" + v));
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve("hub-" + (++starts) + ".log");
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the hub exited with " + process.exitValue() + "; see " + logDir);
            }
            return ready();
        });
        return this;
    }

    private boolean ready() {
        try {
            return get("/actuator/health/readiness").statusCode() == 200;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** SIGKILL, as {@code kill -9}: the JVM gets no chance to flush or commit anything. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", basic())
                .timeout(Duration.ofSeconds(30)).GET().build());
    }

    public HttpResponse<String> get(String path, String accept) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", basic())
                .header("Accept", accept).timeout(Duration.ofSeconds(30)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
