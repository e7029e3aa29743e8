package io.flexhub.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * Shared set-up of the end-to-end tests: the hub on a random port, a DSO peer with its own key whose UFTP endpoint
 * is a real HTTP server (WireMock) recording what the hub sends it.
 */
public abstract class HubTestSupport {

    public static final String ADMIN_PASSWORD = "test-admin-password";
    public static final String DSO_PATH = "/dso/shapeshifter/api/v3/message";
    protected static final UftpTestPeer DSO = new UftpTestPeer();
    protected static final WireMockServer DSO_SERVER = new WireMockServer(options().dynamicPort());

    static {
        DSO_SERVER.start();
        Runtime.getRuntime().addShutdownHook(new Thread(DSO_SERVER::stop));
    }

    protected final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    /** Properties every end-to-end context shares; the database is chosen by the subclass. */
    protected static void hubProperties(DynamicPropertyRegistry registry) {
        registry.add("flexhub.security.admin-password", () -> ADMIN_PASSWORD);
        registry.add("flexhub.usef.own-domain", () -> UftpTestPeer.HUB_DOMAIN);
        registry.add("flexhub.usef.max-body-bytes", () -> "200KB");
        registry.add("flexhub.usef.process-recovery-interval", () -> "1s");
        registry.add("flexhub.usef.outbox.poll-interval", () -> "200");
        registry.add("flexhub.usef.outbox.initial-delay", () -> "300ms");
        registry.add("flexhub.usef.outbox.max-delay", () -> "1s");
        registry.add("flexhub.usef.outbox.give-up-after", () -> "1h");
        registry.add("flexhub.usef.participants[0].domain", () -> UftpTestPeer.DSO_DOMAIN);
        registry.add("flexhub.usef.participants[0].role", () -> "DSO");
        registry.add("flexhub.usef.participants[0].public-key", DSO::publicKeyCs1);
        registry.add("flexhub.usef.participants[0].endpoint", () -> DSO_SERVER.baseUrl() + DSO_PATH);
        registry.add("spring.quartz.scheduler-name", () -> "flexhub-test-" + System.nanoTime());
    }

    protected static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:hub-" + System.nanoTime()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }

    protected static void dsoAccepts() {
        DSO_SERVER.stubFor(post(urlEqualTo(DSO_PATH)).willReturn(aResponse().withStatus(200)));
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    protected HttpResponse<String> postUftp(byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(url("/shapeshifter/api/v3/message")))
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    protected HttpResponse<String> admin(HttpRequest.Builder request) {
        String auth = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return send(request.header("Authorization", "Basic " + auth).build());
    }

    protected HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
