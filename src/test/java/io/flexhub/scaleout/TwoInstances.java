package io.flexhub.scaleout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.flexhub.FlexhubApplication;
import io.flexhub.support.EmbeddedPostgres;
import io.flexhub.support.UftpTestPeer;
import io.flexhub.usef.crypto.Cs1PublicKey;
import io.flexhub.usef.transport.UftpTransportException;
import org.lfenergy.shapeshifter.api.PayloadMessageType;

/**
 * Two hub instances on one PostgreSQL database, as an aggregator runs them behind a load balancer: same database,
 * same Quartz cluster, same signing key (kept in the database), one DSO peer recording what it receives.
 */
final class TwoInstances implements AutoCloseable {

    static final String ADMIN_PASSWORD = "scale-out-admin";
    static final String DSO_PATH = "/dso/shapeshifter/api/v3/message";

    final UftpTestPeer dso = new UftpTestPeer();
    final WireMockServer dsoServer = new WireMockServer(options().dynamicPort());
    final String databaseUrl = EmbeddedPostgres.newDatabase();
    final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String schedulerName = "flexhub-scaleout-" + System.nanoTime();
    private Cs1PublicKey hubKey;

    TwoInstances() {
        dsoServer.start();
        dsoServer.stubFor(post(urlEqualTo(DSO_PATH)).willReturn(aResponse().withStatus(200)));
    }

    /** Starts one more instance on the shared database; extra properties override the common ones. */
    ConfigurableApplicationContext start(String name, Map<String, Object> extra) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("server.port", 0);
        p.put("spring.profiles.active", "postgres");
        p.put("spring.datasource.url", databaseUrl);
        p.put("spring.datasource.username", "postgres");
        p.put("spring.datasource.password", "");
        p.put("spring.datasource.hikari.connection-timeout", 2000);
        p.put("spring.quartz.scheduler-name", schedulerName);
        // two Spring contexts in one JVM would register the same data source MBean; Camel names its own uniquely
        p.put("spring.jmx.enabled", false);
        p.put("flexhub.data-dir", System.getProperty("java.io.tmpdir") + "/flexhub-scaleout-" + name + "-" + System.nanoTime());
        p.put("flexhub.security.admin-password", ADMIN_PASSWORD);
        p.put("flexhub.public-base-url", "http://hub.test.example");
        p.put("flexhub.usef.own-domain", UftpTestPeer.HUB_DOMAIN);
        p.put("flexhub.usef.process-recovery-interval", "500ms");
        p.put("flexhub.usef.outbox.poll-interval", "200");
        p.put("flexhub.usef.outbox.initial-delay", "300ms");
        p.put("flexhub.usef.outbox.max-delay", "1s");
        p.put("flexhub.usef.outbox.lease", "5s");
        p.put("flexhub.usef.participants[0].domain", UftpTestPeer.DSO_DOMAIN);
        p.put("flexhub.usef.participants[0].role", "DSO");
        p.put("flexhub.usef.participants[0].public-key", dso.publicKeyCs1());
        p.put("flexhub.usef.participants[0].endpoint", dsoServer.baseUrl() + DSO_PATH);
        p.putAll(extra);
        // as command-line arguments: they must win over application-postgres.yaml, as the environment does in production
        String[] args = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(FlexhubApplication.class).run(args);
        instances.add(context);
        return context;
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    HttpResponse<String> postUftp(ConfigurableApplicationContext instance, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port(instance) + "/shapeshifter/api/v3/message"))
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    HttpResponse<String> admin(ConfigurableApplicationContext instance, String path) {
        String auth = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port(instance) + path))
                .header("Authorization", "Basic " + auth).GET().build());
    }

    /** Every message the DSO received, opened with the key both instances publish. */
    <T extends PayloadMessageType> List<T> received(Class<T> type) {
        if (hubKey == null) {
            try {
                hubKey = Cs1PublicKey.parse(json.readTree(admin(instances.get(0), "/api/usef/identity").body())
                        .get("publicKey").asText());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        List<T> out = new ArrayList<>();
        for (LoggedRequest request : dsoServer.findAll(postRequestedFor(urlEqualTo(DSO_PATH)))) {
            try {
                PayloadMessageType m = UftpTestPeer.parse(UftpTestPeer.codec().parse(request.getBody()).open(List.of(hubKey)));
                if (type.isInstance(m)) {
                    out.add(type.cast(m));
                }
            } catch (UftpTransportException e) {
                throw new AssertionError("the DSO received a message that does not verify with the hub's key", e);
            }
        }
        return out;
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

    @Override
    public void close() {
        for (ConfigurableApplicationContext c : instances) {
            if (c.isActive()) {
                c.close();
            }
        }
        dsoServer.stop();
    }
}
