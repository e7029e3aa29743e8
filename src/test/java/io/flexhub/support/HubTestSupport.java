package io.flexhub.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

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
import java.util.List;

import org.lfenergy.shapeshifter.api.PayloadMessageType;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.flexhub.usef.crypto.Cs1PublicKey;
import io.flexhub.usef.transport.UftpTransportException;
import io.flexhub.usef.validation.UftpMessageType;

/**
 * Shared set-up of the end-to-end tests: the hub on a random port, a DSO peer with its own key whose UFTP endpoint
 * is a real HTTP server (WireMock) recording what the hub sends it.
 */
public abstract class HubTestSupport {

    public static final String ADMIN_PASSWORD = "test-admin-password";
    public static final String DSO_PATH = "/dso/shapeshifter/api/v3/message";
    public static final String DSO2_PATH = "/dso2/shapeshifter/api/v3/message";
    public static final String BARRED_PATH = "/barred/shapeshifter/api/v3/message";
    /** The contract the hub has with the first DSO (flexhub.usef.participants[0].contracts). */
    public static final String DSO_CONTRACT = "TEST-CONTRACT-1";
    protected static final UftpTestPeer DSO = new UftpTestPeer();
    /** A second DSO whose endpoint tests may make fail without disturbing the others. */
    protected static final UftpTestPeer DSO2 = new UftpTestPeer(UftpTestPeer.DSO2_DOMAIN);
    /** A DSO whose key the hub knows but whose messages it refuses (flexhub.usef.barred-senders). */
    protected static final UftpTestPeer BARRED = new UftpTestPeer(UftpTestPeer.BARRED_DOMAIN);
    protected static final WireMockServer DSO_SERVER = new WireMockServer(options().dynamicPort());
    /** Probe definitions of the H2 context, written by tests (flexhub.probes.directory). */
    protected static final Path PROBES_DIR = tempDirectory("flexhub-probes");

    /** Where notification mails go; a fixed port so that tests can stop and start it (an SMTP outage). */
    protected static final int SMTP_PORT = freePort();
    protected static final GreenMail SMTP = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP));
    public static final String OPS_MAIL = "ops@hub.test";
    public static final String DR_MAIL = "dr@hub.test";

    static {
        DSO_SERVER.start();
        SMTP.start();
        Runtime.getRuntime().addShutdownHook(new Thread(DSO_SERVER::stop));
        Runtime.getRuntime().addShutdownHook(new Thread(SMTP::stop));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    /** Properties every end-to-end context shares; the database is chosen by the subclass. */
    protected static void hubProperties(DynamicPropertyRegistry registry) {
        registry.add("flexhub.security.admin-password", () -> ADMIN_PASSWORD);
        registry.add("flexhub.public-base-url", () -> "http://hub.test.example");
        registry.add("flexhub.usef.own-domain", () -> UftpTestPeer.HUB_DOMAIN);
        registry.add("flexhub.usef.max-body-bytes", () -> "200KB");
        registry.add("flexhub.usef.process-recovery-interval", () -> "1s");
        registry.add("flexhub.usef.outbox.poll-interval", () -> "200");
        registry.add("flexhub.usef.outbox.initial-delay", () -> "300ms");
        registry.add("flexhub.usef.outbox.max-delay", () -> "1s");
        registry.add("flexhub.usef.outbox.give-up-after", () -> "1h");
        // the demo DSO has its own test (DemoDsoEndToEndTest); in this context its paths answer 404
        registry.add("flexhub.demo.enabled", () -> "false");
        registry.add("flexhub.usef.participants[0].domain", () -> UftpTestPeer.DSO_DOMAIN);
        registry.add("flexhub.usef.participants[0].role", () -> "DSO");
        registry.add("flexhub.usef.participants[0].public-key", DSO::publicKeyCs1);
        registry.add("flexhub.usef.participants[0].endpoint", () -> DSO_SERVER.baseUrl() + DSO_PATH);
        registry.add("flexhub.usef.participants[0].contracts[0]", () -> DSO_CONTRACT);
        registry.add("flexhub.usef.participants[1].domain", () -> UftpTestPeer.DSO2_DOMAIN);
        registry.add("flexhub.usef.participants[1].role", () -> "DSO");
        registry.add("flexhub.usef.participants[1].public-key", DSO2::publicKeyCs1);
        registry.add("flexhub.usef.participants[1].endpoint", () -> DSO_SERVER.baseUrl() + DSO2_PATH);
        registry.add("flexhub.usef.participants[2].domain", () -> UftpTestPeer.BARRED_DOMAIN);
        registry.add("flexhub.usef.participants[2].role", () -> "DSO");
        registry.add("flexhub.usef.participants[2].public-key", BARRED::publicKeyCs1);
        registry.add("flexhub.usef.participants[2].endpoint", () -> DSO_SERVER.baseUrl() + BARRED_PATH);
        registry.add("flexhub.usef.barred-senders[0]", () -> UftpTestPeer.BARRED_DOMAIN);
        registry.add("flexhub.dr.poll-interval", () -> "100");
        registry.add("flexhub.dr.order-recovery-after", () -> "2s");
        registry.add("flexhub.dr.retry.initial-delay", () -> "200ms");
        registry.add("flexhub.dr.retry.max-delay", () -> "400ms");
        registry.add("flexhub.dr.retry.alert-after", () -> "2");
        registry.add("flexhub.dr.retry.restore-attempts", () -> "5");
        // a test moving the hub clock to 09:00 or 16:00 Madrid must not fire the shipped demand-request probe
        registry.add("flexhub.probes.resources", () -> "");
        registry.add("flexhub.probes.scan-interval", () -> "200ms");
        registry.add("flexhub.probes.tick", () -> "300ms");
        // a handful is enough to show it works; hundreds would only slow every context start
        registry.add("flexhub.selfconsumption.warm-up-buildings", () -> "12");
        registry.add("flexhub.notify.smtp.host", () -> "127.0.0.1");
        registry.add("flexhub.notify.smtp.port", () -> SMTP_PORT);
        registry.add("flexhub.notify.smtp.from", () -> "flexhub@hub.test");
        registry.add("flexhub.notify.smtp.timeout", () -> "5s");
        registry.add("flexhub.notify.default-recipients", () -> OPS_MAIL);
        registry.add("flexhub.notify.recipients.dr-status", () -> DR_MAIL + "," + OPS_MAIL);
        registry.add("flexhub.notify.poll-interval", () -> "200");
        registry.add("flexhub.notify.initial-delay", () -> "300ms");
        registry.add("flexhub.notify.max-delay", () -> "1s");
        registry.add("flexhub.notify.max-attempts", () -> "8");
        registry.add("flexhub.notify.give-up-after", () -> "1h");
        // archive limits small enough that each hostile archive of the history tests stays small; the demo's
        // monthly archives of about 40 documents fit well within them
        registry.add("flexhub.analytics.import.max-archive-bytes", () -> "2MB");
        registry.add("flexhub.analytics.import.max-entries", () -> "200");
        registry.add("flexhub.analytics.import.max-entry-bytes", () -> "64KB");
        registry.add("flexhub.analytics.import.max-uncompressed-bytes", () -> "1MB");
        registry.add("flexhub.analytics.import.max-compression-ratio", () -> "50");
        registry.add("spring.quartz.scheduler-name", () -> "flexhub-test-" + System.nanoTime());
    }

    protected static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:hub-" + System.nanoTime()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }

    private static Path tempDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void dsoAccepts() {
        DSO_SERVER.stubFor(post(urlEqualTo(DSO_PATH)).willReturn(aResponse().withStatus(200)));
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    public HttpResponse<String> postUftp(byte[] body) {
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

    protected final ObjectMapper json = new ObjectMapper();
    private Cs1PublicKey hubKey;

    /** The hub's public key, as it publishes it for peers. */
    public Cs1PublicKey hubKey() {
        if (hubKey == null) {
            HttpResponse<String> identity = admin(HttpRequest.newBuilder(URI.create(url("/api/usef/identity"))).GET());
            hubKey = Cs1PublicKey.parse(read(identity.body()).get("publicKey").asText());
        }
        return hubKey;
    }

    public JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the message log shows the message with this property value, and returns its entity. */
    public JsonNode awaitMessage(String messageId, String property, String value) {
        JsonNode[] entity = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url("/api/usef/messages/" + messageId)))
                    .header("Accept", "application/ld+json").GET());
            assertThat(r.statusCode()).isEqualTo(200);
            entity[0] = read(r.body());
            assertThat(entity[0].at("/" + property + "/value").asText()).isEqualTo(value);
        });
        return entity[0];
    }

    /**
     * Waits until the engine has taken the accepted FlexRequest: an offer, or the recorded reason why none. On the
     * demo building a solve left running into the next test could revoke that test's open offer.
     */
    public JsonNode awaitEngine(String flexRequestMessageId) {
        JsonNode[] entity = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            entity[0] = awaitMessage(flexRequestMessageId, "processingStatus", "ACCEPTED");
            assertThat(entity[0].at("/handoff/value").asText()).isIn("OFFERED", "NO_OFFER");
        });
        return entity[0];
    }

    public <T extends PayloadMessageType> T awaitResponse(Class<T> type, String requestMessageId) {
        return awaitResponse(type, requestMessageId, null);
    }

    /** Waits until the DSO's endpoint received a message of this type answering the request (or in the conversation). */
    public <T extends PayloadMessageType> T awaitResponse(Class<T> type, String requestMessageId, String conversationId) {
        List<T> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            found.clear();
            received(type).stream()
                    .filter(m -> requestMessageId == null || requestMessageId.equals(referencedId(m)))
                    .filter(m -> conversationId == null || conversationId.equals(m.getConversationID()))
                    .findFirst().ifPresent(found::add);
            assertThat(found).as(type.getSimpleName() + " to " + requestMessageId).isNotEmpty();
        });
        return found.get(0);
    }

    public <T extends PayloadMessageType> List<T> responsesIn(String conversationId, Class<T> type) {
        return received(type).stream().filter(m -> conversationId.equals(m.getConversationID())).toList();
    }

    /**
     * Every message the DSO received from this hub, opened with the hub's published key. The DSO's server is shared
     * by the test contexts of the JVM, each a hub with its own key: what does not verify was sent by another one.
     */
    public <T extends PayloadMessageType> List<T> received(Class<T> type) {
        return received(type, DSO_PATH);
    }

    /** As {@link #received(Class)}, for the peer whose endpoint is at this path of the DSO server. */
    public <T extends PayloadMessageType> List<T> received(Class<T> type, String path) {
        List<Cs1PublicKey> keys = List.of(hubKey());
        List<byte[]> payloads = new ArrayList<>();
        for (LoggedRequest request : DSO_SERVER.findAll(postRequestedFor(urlEqualTo(path)))) {
            try {
                payloads.add(UftpTestPeer.codec().parse(request.getBody()).open(keys));
            } catch (UftpTransportException otherHub) {
                // signed by another test context's hub
            }
        }
        return payloads.stream()
                .map(UftpTestPeer::parse)
                .filter(type::isInstance).map(type::cast).toList();
    }

    private static String referencedId(PayloadMessageType m) {
        return UftpMessageType.of(m).referencedMessageId(m).orElse(null);
    }
}
