package io.flexhub.soak;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.AcceptedRejectedType;
import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexOfferResponse;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOfferRevocation;
import org.lfenergy.shapeshifter.api.FlexOrderResponse;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestResponse;
import org.lfenergy.shapeshifter.api.PayloadMessageType;
import org.lfenergy.shapeshifter.api.TestMessage;
import org.lfenergy.shapeshifter.api.TestMessageResponse;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.flexhub.site.DeviceKind;
import io.flexhub.site.FlexConfiguration;
import io.flexhub.site.Site;
import io.flexhub.site.SiteEntities;
import io.flexhub.site.embedded.SiteFile;
import io.flexhub.support.EmbeddedPostgres;
import io.flexhub.support.HubTestSupport;
import io.flexhub.support.UftpTestPeer;
import io.flexhub.usef.crypto.Cs1PublicKey;
import io.flexhub.usef.validation.UftpMessageType;

/**
 * Soak and fault test: one hub in NGSI-LD broker mode under a sustained mix of UFTP traffic and demand-response
 * requests for {@code soak.duration} while the broker, the SMTP server and the DSO's endpoint fail and recover on a
 * fixed schedule; then, after a bounded drain, checks that nothing accepted was lost. Not part of {@code mvn verify}
 * (surefire excludes *Soak); run with {@code scripts/soak.sh}. Everything listens on loopback.
 *
 * <p>System properties: {@code soak.duration} (ISO-8601, default PT3M), {@code soak.rate} (UFTP posts per second
 * from the DSO senders, default 12), {@code soak.dr-interval} (between two DR-interface requests, default PT40S),
 * {@code soak.drain} (longest wait for the hub to settle, default PT6M), {@code soak.db} ({@code h2} or
 * {@code postgres}), {@code soak.summary} (file the summary table is written to).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HubSoak extends HubTestSupport {

    private static final String BASE = "/ngsi-ld/v1";
    private static final String CP = "ean.871685900012636543";
    private static final Duration DURATION = Duration.parse(System.getProperty("soak.duration", "PT3M"));
    private static final double RATE = Double.parseDouble(System.getProperty("soak.rate", "12"));
    private static final Duration DR_INTERVAL = Duration.parse(System.getProperty("soak.dr-interval", "PT40S"));
    private static final Duration DRAIN = Duration.parse(System.getProperty("soak.drain", "PT6M"));
    private static final String DR_VALUES = "[1.5, 1.5, 0, 0, 0, 0, 0, 0]";
    private static final Set<String> FINAL = Set.of("COMPLETED", "FAILED", "CANCELLED");

    private static final WireMockServer BROKER = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
            .containerThreads(40));
    /** Same domain as the DSO, its own key: the hub must refuse what it signs. */
    private static final UftpTestPeer IMPOSTOR = new UftpTestPeer(UftpTestPeer.DSO_DOMAIN);
    private static final UftpTestPeer STRANGER = new UftpTestPeer("rogue.test.example");

    /** What the DSO's endpoint got: the body and the status the endpoint answered. */
    private record Delivery(byte[] body, int status) {
    }

    /** A UFTP post or DR request of the load, with its outcome. */
    private record Sent(String kind, String messageId, String conversationId, int status, long nanos) {
    }

    private record Window(String what, Instant from, Instant to) {
    }

    private static final Queue DSO_INBOX = new Queue();
    private static final Map<String, AtomicLong> BROKER_CALLS = new ConcurrentHashMap<>();

    /** A queue the DSO endpoint's listener fills (static: the listener is registered before the context). */
    private static final class Queue extends ConcurrentLinkedQueue<Delivery> {
    }

    static {
        BROKER.start();
        Runtime.getRuntime().addShutdownHook(new Thread(BROKER::stop));
        serveDemoSite();
        BROKER.addMockServiceRequestListener((request, response) -> BROKER_CALLS
                .computeIfAbsent(request.getMethod().getName() + " " + kindOf(request.getUrl()) + " " + response.getStatus(),
                        k -> new AtomicLong()).incrementAndGet());
        DSO_SERVER.addMockServiceRequestListener((request, response) -> {
            if (request.getUrl().equals(DSO_PATH)) {
                DSO_INBOX.add(new Delivery(request.getBody(), response.getStatus()));
            }
        });
    }

    private static String kindOf(String url) {
        if (url.contains("/attrs")) {
            return "actuation";
        }
        if (url.contains("entityOperations/upsert")) {
            return "upsert";
        }
        if (url.contains("/temporal/")) {
            return "temporal";
        }
        return url.contains("/entities") ? "query" : "other";
    }

    /** The broker holds the demo building as the embedded adapter would publish it: Building, devices, configurations. */
    private static void serveDemoSite() {
        SiteFile site;
        try (InputStream in = HubSoak.class.getResourceAsStream("/site/demo-site.json")) {
            site = SiteFile.read(in, "demo-site.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SiteEntities entities = new SiteEntities(List.of("http://hub.test.example/ngsi-ld/contexts/site.jsonld"));
        List<ObjectNode> buildings = new ArrayList<>();
        for (Site s : site.sites()) {
            buildings.add(bare(entities.building(s, site.devices().stream().filter(d -> d.siteId().equals(s.id())).toList())));
        }
        BROKER.stubFor(get(urlPathEqualTo(BASE + "/entities")).atPriority(10).willReturn(json("[]")));
        BROKER.stubFor(get(urlPathEqualTo(BASE + "/entities")).withQueryParam("type", equalTo(SiteEntities.BUILDING))
                .atPriority(5).willReturn(json(buildings.toString())));
        for (DeviceKind kind : DeviceKind.values()) {
            List<ObjectNode> devices = site.devices().stream().filter(d -> d.kind() == kind)
                    .map(d -> bare(entities.device(d))).toList();
            BROKER.stubFor(get(urlPathEqualTo(BASE + "/entities")).withQueryParam("type", equalTo(kind.ngsiLdType()))
                    .atPriority(5).willReturn(json(devices.toString())));
        }
        List<ObjectNode> configs = new ArrayList<>();
        for (FlexConfiguration c : site.configurations()) {
            configs.add(bare(entities.flexConfiguration(c)));
        }
        BROKER.stubFor(get(urlPathEqualTo(BASE + "/entities")).withQueryParam("type", equalTo(SiteEntities.FLEX_CONFIGURATION))
                .atPriority(5).willReturn(json(configs.toString())));
        BROKER.stubFor(get(urlPathMatching(BASE + "/temporal/entities.*")).atPriority(5).willReturn(json("[]")));
        BROKER.stubFor(get(urlPathEqualTo(BASE + "/subscriptions")).atPriority(5).willReturn(json("[]")));
        BROKER.stubFor(post(urlEqualTo(BASE + "/subscriptions")).atPriority(5).willReturn(aResponse().withStatus(201)));
        BROKER.stubFor(patch(urlPathMatching(BASE + "/entities/.*/attrs")).atPriority(5)
                .willReturn(aResponse().withStatus(204)));
        BROKER.stubFor(post(urlPathEqualTo(BASE + "/entityOperations/upsert")).atPriority(5)
                .willReturn(aResponse().withStatus(204)));
    }

    private static ObjectNode bare(ObjectNode entity) {
        entity.remove("@context");
        return entity;
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        hubProperties(registry);
        if ("postgres".equals(System.getProperty("soak.db"))) {
            String url = EmbeddedPostgres.newDatabase();
            registry.add("spring.datasource.url", () -> url);
            registry.add("spring.datasource.username", () -> "postgres");
            registry.add("spring.datasource.password", () -> "");
        } else {
            h2(registry);
        }
        Path probes = Files.createTempDirectory("soak-probes");
        registry.add("flexhub.probes.directory", probes::toString);
        registry.add("logging.level.root", () -> "WARN");
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("flexhub.ngsild.broker-url", () -> BROKER.baseUrl() + BASE);
        registry.add("flexhub.ngsild.refresh-interval", () -> "20s");
        registry.add("flexhub.ngsild.publish-interval", () -> "500ms");
        registry.add("flexhub.ngsild.publish-max-delay", () -> "3s");
        registry.add("flexhub.ngsild.connect-timeout", () -> "1s");
        registry.add("flexhub.ngsild.request-timeout", () -> "3s");
        // one-minute ISPs (the shortest the LP counts): DR-interface events start, actuate and end within the run
        registry.add("flexhub.dr.isp-duration", () -> "PT1M");
        registry.add("flexhub.dr.poll-interval", () -> "200");
        registry.add("flexhub.dr.retry.initial-delay", () -> "300ms");
        registry.add("flexhub.dr.retry.max-delay", () -> "1s");
        registry.add("flexhub.dr.retry.alert-after", () -> "3");
        registry.add("flexhub.dr.retry.restore-attempts", () -> "60");
        registry.add("flexhub.usef.outbox.initial-delay", () -> "500ms");
        registry.add("flexhub.usef.outbox.max-delay", () -> "3s");
        registry.add("flexhub.usef.outbox.connect-timeout", () -> "1s");
        registry.add("flexhub.usef.outbox.request-timeout", () -> "5s");
        registry.add("flexhub.notify.initial-delay", () -> "500ms");
        registry.add("flexhub.notify.max-delay", () -> "3s");
        registry.add("flexhub.notify.max-attempts", () -> "200");
        registry.add("flexhub.notify.smtp.timeout", () -> "3s");
    }

    @Autowired
    JdbcClient jdbc;

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<Window> windows = new CopyOnWriteArrayList<>();
    private final List<Window> smtpBlindSpots = new CopyOnWriteArrayList<>();
    /** Accepted requests the DSO expects exactly one response to, by the id the response refers to. */
    private final Map<String, String> awaitingResponse = new ConcurrentHashMap<>();
    private final Map<String, List<PayloadMessageType>> responses = new ConcurrentHashMap<>();
    private final Map<String, FlexOffer> offers = new ConcurrentHashMap<>();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<FlexOffer> toOrder = new ConcurrentLinkedQueue<>();
    private final List<byte[]> resendable = new CopyOnWriteArrayList<>();
    private final Map<String, String> greenMailIds = new ConcurrentHashMap<>();
    private final AtomicLong dsoRefused = new AtomicLong();
    private final AtomicLong unverifiable = new AtomicLong();
    private final AtomicLong tick = new AtomicLong();
    private volatile boolean running = true;
    private Cs1PublicKey key;

    @Test
    void survives_sustained_traffic_with_the_broker_smtp_and_the_dso_failing() throws Exception {
        dsoAccepts();
        key = hubKey();
        await().atMost(Duration.ofSeconds(60)).until(() -> BROKER_CALLS.keySet().stream()
                .anyMatch(k -> k.startsWith("GET query 200")));
        ScheduledExecutorService load = Executors.newScheduledThreadPool(8);
        Instant start = Instant.now();
        long periodMicros = (long) (1_000_000 * 3 / RATE);
        for (int i = 0; i < 3; i++) {
            load.scheduleAtFixedRate(this::uftpTick, i * periodMicros / 3, periodMicros, TimeUnit.MICROSECONDS);
        }
        load.scheduleWithFixedDelay(this::readDsoInbox, 100, 100, TimeUnit.MILLISECONDS);
        load.scheduleWithFixedDelay(this::orderOffers, 300, 300, TimeUnit.MILLISECONDS);
        load.scheduleAtFixedRate(this::drRequest, 2_000, DR_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        scheduleFaults(load);

        await().pollInterval(Duration.ofSeconds(1)).atMost(DURATION.plusSeconds(30))
                .until(() -> Duration.between(start, Instant.now()).compareTo(DURATION) >= 0);
        running = false;
        Instant trafficEnd = Instant.now();
        load.shutdown();
        assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        // the last fault windows close at once: the drain measures recovery, not the schedule
        FAULTS.values().forEach(Runnable::run);
        FAULTS.clear();
        snapshotMail();

        ScheduledExecutorService drain = Executors.newSingleThreadScheduledExecutor();
        drain.scheduleWithFixedDelay(this::readDsoInbox, 0, 200, TimeUnit.MILLISECONDS);
        try {
            await().pollInterval(Duration.ofSeconds(2)).atMost(DRAIN).untilAsserted(() -> {
                snapshotMail();
                assertSettled(trafficEnd);
            });
        } finally {
            drain.shutdown();
            drain.awaitTermination(10, TimeUnit.SECONDS);
            readDsoInbox();
            String summary = summary(start, trafficEnd, Instant.now());
            System.out.println(summary);
            Path out = Path.of(System.getProperty("soak.summary", "target/soak-summary.txt"));
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, summary);
        }
        assertExactlyOneResponseEach();
    }

    // ---------------------------------------------------------------- load

    /** One UFTP post of the DSO senders, in a fixed cycle of kinds. */
    private void uftpTick() {
        if (!running) {
            return;
        }
        try {
            long n = tick.getAndIncrement() % 20;
            if (n < 5) {
                FlexRequest request = DSO.flexRequest();
                request.setCongestionPoint(CP);
                postMessage("FlexRequest", request, DSO.signed(request), true);
            } else if (n < 13) {
                TestMessage test = DSO.header(new TestMessage(), UUID.randomUUID().toString());
                postMessage("TestMessage", test, DSO.signed(test), true);
            } else if (n < 15) {
                TestMessage test = DSO.header(new TestMessage(), UUID.randomUUID().toString());
                postMessage("hostile: bad signature", test, IMPOSTOR.signed(test), false);
            } else if (n < 16) {
                TestMessage test = STRANGER.header(new TestMessage(), UUID.randomUUID().toString());
                postMessage("hostile: unknown sender", test, STRANGER.signed(test), false);
            } else if (n < 18 && !resendable.isEmpty()) {
                byte[] again = resendable.get((int) (tick.get() % resendable.size()));
                PayloadMessageType original = UftpTestPeer.parse(UftpTestPeer.codec().parse(again)
                        .open(List.of(DSO.keys().publicKey())));
                postMessage("hostile: duplicate", original, again, false);
            } else {
                TestMessage test = DSO.header(new TestMessage(), UUID.randomUUID().toString());
                postMessage("TestMessage", test, DSO.signed(test), true);
            }
        } catch (RuntimeException e) {
            sent.add(new Sent("error: " + e.getClass().getSimpleName(), null, null, -1, 0));
        }
    }

    private void postMessage(String kind, PayloadMessageType message, byte[] body, boolean expectResponse) {
        long t0 = System.nanoTime();
        int status;
        try {
            status = postUftp(body).statusCode();
        } catch (RuntimeException e) {
            status = -1;
        }
        long nanos = System.nanoTime() - t0;
        sent.add(new Sent(kind, message.getMessageID(), message.getConversationID(), status, nanos));
        if (status == 200 && expectResponse) {
            awaitingResponse.put(responseKey(message), kind);
            if (resendable.size() < 50) {
                resendable.add(body);
            }
        }
    }

    /** TestMessageResponse refers to no MessageID: it is matched by its conversation, unique per TestMessage. */
    private static String responseKey(PayloadMessageType message) {
        return message instanceof TestMessage || message instanceof TestMessageResponse
                ? "conversation:" + message.getConversationID() : message.getMessageID();
    }

    /** What the DSO's endpoint accepted, opened with the hub's published key. */
    private synchronized void readDsoInbox() {
        Delivery d;
        while ((d = DSO_INBOX.poll()) != null) {
            if (d.status() != 200) {
                dsoRefused.incrementAndGet();
                continue;
            }
            PayloadMessageType m;
            try {
                m = UftpTestPeer.parse(UftpTestPeer.codec().parse(d.body()).open(List.of(key)));
            } catch (RuntimeException e) {
                unverifiable.incrementAndGet();
                continue;
            }
            if (m instanceof FlexOfferRevocation revocation) {
                // a newer request on the congestion point and period replaced that offer; its order is refused
                revoked.add(revocation.getFlexOfferMessageID());
                continue;
            }
            if (m instanceof FlexOffer offer) {
                offers.put(offer.getFlexRequestMessageID(), offer);
                if (running) {
                    toOrder.add(offer);
                }
                continue;
            }
            String ref = m instanceof TestMessageResponse ? responseKey(m)
                    : UftpMessageType.of(m).referencedMessageId(m).orElse("unreferenced:" + m.getMessageID());
            responses.computeIfAbsent(ref, k -> new CopyOnWriteArrayList<>()).add(m);
        }
    }

    /** The DSO accepts every FlexOffer it receives and orders it in full. */
    private void orderOffers() {
        FlexOffer offer;
        while (running && (offer = toOrder.poll()) != null) {
            FlexOfferResponse accepted = DSO.header(new FlexOfferResponse(), offer.getConversationID());
            accepted.setResult(AcceptedRejectedType.ACCEPTED);
            accepted.setFlexOfferMessageID(offer.getMessageID());
            postMessage("FlexOfferResponse", accepted, DSO.signed(accepted), false);
            FlexOrder order = DSO.orderInFull(offer, "SOAK-" + UUID.randomUUID().toString().substring(0, 8));
            postMessage("FlexOrder", order, DSO.signed(order), true);
        }
    }

    private void drRequest() {
        if (!running) {
            return;
        }
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url("/services/demand-response/request")))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(DR_VALUES)));
            String status = r.statusCode() == 200 ? read(r.body()).path("status").asText()
                    : "HTTP " + r.statusCode() + " " + r.body().substring(0, Math.min(160, r.body().length()));
            sent.add(new Sent("DR request: " + status, null, null, r.statusCode(), System.nanoTime() - t0));
        } catch (RuntimeException e) {
            sent.add(new Sent("DR request: error", null, null, -1, System.nanoTime() - t0));
        }
    }

    // ---------------------------------------------------------------- faults

    /** Ends of the fault windows still open, so that the drain can close them. */
    private static final Map<String, Runnable> FAULTS = new ConcurrentHashMap<>();
    private static final Set<String> FAULTED = ConcurrentHashMap.newKeySet();

    /** The schedule, as fractions of the run: each window opens at its fraction and lasts its seconds. */
    private void scheduleFaults(ScheduledExecutorService load) {
        fault(load, 0.10, 15, "broker 503", () -> stub(BROKER, aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"type\":\"https://uri.etsi.org/ngsi-ld/errors/InternalError\",\"title\":\"soak outage\"}")));
        fault(load, 0.25, 20, "SMTP down", () -> {
            Instant snapshot = Instant.now();
            snapshotMail();
            SMTP.stop();
            // GreenMail forgets its mailboxes when stopped: what arrived since the snapshot cannot be checked
            smtpBlindSpots.add(new Window("smtp stop", snapshot.minusMillis(200), Instant.now().plusMillis(200)));
            return SMTP::start;
        });
        fault(load, 0.40, 15, "DSO endpoint 503", () -> stub(DSO_SERVER, aResponse().withStatus(503)));
        fault(load, 0.55, 12, "broker connection reset", () -> stub(BROKER,
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        fault(load, 0.70, 15, "SMTP down", () -> {
            Instant snapshot = Instant.now();
            snapshotMail();
            SMTP.stop();
            // GreenMail forgets its mailboxes when stopped: what arrived since the snapshot cannot be checked
            smtpBlindSpots.add(new Window("smtp stop", snapshot.minusMillis(200), Instant.now().plusMillis(200)));
            return SMTP::start;
        });
        fault(load, 0.85, 10, "broker 503", () -> stub(BROKER, aResponse().withStatus(503)));
    }

    private static Runnable stub(WireMockServer server, ResponseDefinitionBuilder answer) {
        StubMapping mapping = server.stubFor(any(anyUrl()).atPriority(1).willReturn(answer));
        return () -> server.removeStub(mapping);
    }

    private void fault(ScheduledExecutorService load, double at, long seconds, String what,
            java.util.function.Supplier<Runnable> open) {
        long from = (long) (DURATION.toMillis() * at);
        long to = Math.min(from + seconds * 1000, DURATION.toMillis());
        if (to <= from) {
            return;
        }
        String name = what + " @" + at;
        String resource = what.split(" ")[0];
        load.schedule(() -> {
            // on a short run two windows of one resource may overlap: the later one is left out
            if (!FAULTED.add(resource)) {
                return;
            }
            Instant opened = Instant.now();
            Runnable close = open.get();
            FAULTS.put(name, () -> {
                close.run();
                FAULTED.remove(resource);
                windows.add(new Window(what, opened, Instant.now()));
            });
        }, from, TimeUnit.MILLISECONDS);
        load.schedule(() -> {
            Runnable close = FAULTS.remove(name);
            if (close != null) {
                close.run();
            }
        }, to, TimeUnit.MILLISECONDS);
    }

    /** GreenMail may forget what it received when stopped: keep the Message-ID and subject of every delivery. */
    private synchronized void snapshotMail() {
        for (MimeMessage m : SMTP.getReceivedMessages()) {
            try {
                String id = m.getMessageID() != null ? m.getMessageID() : m.getSubject() + "|" + m.getSentDate();
                greenMailIds.putIfAbsent(id, m.getSubject());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    // ---------------------------------------------------------------- checks

    private void assertSettled(Instant trafficEnd) {
        readDsoInbox();
        List<String> missing = awaitingResponse.keySet().stream().filter(k -> !responses.containsKey(k)).sorted().toList();
        assertThat(missing).as("accepted messages without a response at the DSO").isEmpty();
        assertThat(unanswered()).as("accepted FlexRequests with neither a FlexOffer nor a recorded NO_OFFER").isEmpty();
        assertThat(count("SELECT status, COUNT(*) FROM uftp_outbox GROUP BY status"))
                .as("UFTP outbox").containsOnlyKeys("SENT");
        assertThat(count("SELECT status, COUNT(*) FROM notification_outbox GROUP BY status"))
                .as("notification outbox").containsOnlyKeys("SENT");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ngsild_entity WHERE pending").query(Long.class).single())
                .as("NGSI-LD publishing backlog").isZero();
        List<Map<String, Object>> due = jdbc.sql("SELECT id, state FROM dr_event WHERE start_at <= :end")
                .param("end", OffsetDateTime.now()).query().listOfRows();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dr_event WHERE restore_pending").query(Long.class).single())
                .as("DR events whose device still waits for its RESTORE").isZero();
        assertThat(due).as("DR events that came due").allSatisfy(e -> assertThat(FINAL).contains(e.get("state").toString()));
        List<String> subjects = checkableMails().stream().map(Map.Entry::getValue).toList();
        assertThat(greenMailIds.values()).as("mails GreenMail received").containsAll(subjects);
        assertThat(greenMailIds).as("distinct mails GreenMail received").hasSizeGreaterThanOrEqualTo(subjects.size());
    }

    /** Subjects of the mails sent outside the instants GreenMail was being stopped, by sent time. */
    private List<Map.Entry<Instant, String>> checkableMails() {
        return jdbc.sql("SELECT sent_at, subject FROM notification_outbox").query((rs, i) -> Map.entry(
                        rs.getObject(1, OffsetDateTime.class) == null ? Instant.EPOCH
                                : rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2))).list().stream()
                .filter(m -> smtpBlindSpots.stream().noneMatch(w -> !m.getKey().isBefore(w.from())
                        && !m.getKey().isAfter(w.to())))
                .toList();
    }

    /** Accepted FlexRequests (by their response) that got no FlexOffer and have no NO_OFFER hand-off recorded. */
    private List<String> unanswered() {
        List<String> accepted = new ArrayList<>();
        responses.forEach((ref, list) -> list.stream().filter(FlexRequestResponse.class::isInstance)
                .map(FlexRequestResponse.class::cast).filter(r -> r.getResult() == AcceptedRejectedType.ACCEPTED)
                .findFirst().ifPresent(r -> accepted.add(ref)));
        Map<String, String> handoff = handoffs();
        return accepted.stream().filter(id -> !offers.containsKey(id))
                .filter(id -> handoff.getOrDefault(id, "").isEmpty() || !handoff.get(id).startsWith("NO_OFFER"))
                .toList();
    }

    private Map<String, String> handoffs() {
        Map<String, String> m = new ConcurrentHashMap<>();
        jdbc.sql("SELECT message_id, handoff FROM uftp_message WHERE direction = 'IN' AND message_type = 'FlexRequest'"
                + " AND handoff IS NOT NULL").query((rs, i) -> m.put(rs.getString(1), rs.getString(2))).list();
        return m;
    }

    private Map<String, Long> count(String sql) {
        Map<String, Long> m = new TreeMap<>();
        // a group may be NULL (a refused FlexOrder has no hand-off)
        jdbc.sql(sql).query((rs, i) -> m.put(String.valueOf(rs.getString(1)), rs.getLong(2))).list();
        return m;
    }

    private void assertExactlyOneResponseEach() {
        Map<String, Integer> many = new TreeMap<>();
        responses.forEach((ref, list) -> {
            if (list.size() != 1) {
                many.put(ref, list.size());
            }
        });
        assertThat(many).as("requests answered more than once").isEmpty();
        assertThat(responses.keySet()).as("responses the DSO got to nothing it sent").isSubsetOf(awaitingResponse.keySet());
        assertThat(unverifiable.get()).as("messages at the DSO not signed with the hub's key").isZero();
        assertThat(sent).filteredOn(s -> s.kind().startsWith("hostile: bad") || s.kind().startsWith("hostile: unknown"))
                .as("forged messages").allSatisfy(s -> assertThat(s.status()).isEqualTo(401));
        assertThat(sent).filteredOn(s -> s.kind().equals("hostile: duplicate"))
                .as("re-sent messages").allSatisfy(s -> assertThat(s.status()).isEqualTo(200));
        assertThat(sent).filteredOn(s -> !s.kind().startsWith("hostile") && !s.kind().startsWith("DR"))
                .as("well-formed UFTP posts").allSatisfy(s -> assertThat(s.status()).isEqualTo(200));
        long accepted = sent.stream().filter(s -> s.kind().equals("DR request: Accepted")).count();
        assertThat(accepted).as("DR-interface requests accepted").isPositive();
    }

    // ---------------------------------------------------------------- summary

    private String summary(Instant start, Instant trafficEnd, Instant settled) {
        StringBuilder b = new StringBuilder("\n=== flexhub soak: ").append(DURATION).append(" of traffic, ")
                .append(RATE).append(" UFTP posts/s target, DR request every ").append(DR_INTERVAL).append(", db ")
                .append(System.getProperty("soak.db", "h2")).append(" ===\n");
        row(b, "posted (kind)", "count", "HTTP status");
        Map<String, List<Sent>> byKind = sent.stream().collect(Collectors.groupingBy(Sent::kind, TreeMap::new,
                Collectors.toList()));
        byKind.forEach((kind, list) -> row(b, kind, list.size(), list.stream()
                .collect(Collectors.groupingBy(Sent::status, TreeMap::new, Collectors.counting())).toString()));
        List<Sent> uftp = sent.stream().filter(s -> !s.kind().startsWith("DR") && s.nanos() > 0).toList();
        long[] ms = uftp.stream().mapToLong(Sent::nanos).sorted().toArray();
        double seconds = Duration.between(start, trafficEnd).toMillis() / 1000.0;
        b.append('\n');
        row(b, "UFTP posts", uftp.size(), String.format("%.1f msg/s over %.0f s", uftp.size() / seconds, seconds));
        row(b, "UFTP post latency p50 / p99 / max", "", ms.length == 0 ? "-" : String.format("%.1f / %.1f / %.1f ms",
                pct(ms, 0.50), pct(ms, 0.99), ms[ms.length - 1] / 1e6));
        Map<String, Long> responseTypes = responses.values().stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(m -> m.getClass().getSimpleName(), TreeMap::new, Collectors.counting()));
        responseTypes.put("FlexOffer", (long) offers.size());
        row(b, "received at the DSO (verified)", responseTypes.values().stream().mapToLong(Long::longValue).sum(),
                responseTypes.toString());
        row(b, "DSO endpoint refusals (hub retried)", dsoRefused.get(), "");
        row(b, "FlexOffers revoked by a newer request", revoked.size(), "");
        Map<String, Long> results = responses.values().stream().flatMap(List::stream)
                .filter(m -> m instanceof FlexRequestResponse || m instanceof FlexOrderResponse)
                .collect(Collectors.groupingBy(m -> m.getClass().getSimpleName() + " " + result(m), TreeMap::new,
                        Collectors.counting()));
        row(b, "results", "", results.toString());
        Map<String, Long> noOffer = handoffs().values().stream().collect(Collectors.groupingBy(Function.identity(),
                TreeMap::new, Collectors.counting()));
        row(b, "FlexRequest hand-offs", "", noOffer.toString());
        row(b, "FlexOrder hand-offs", "", count("SELECT handoff, COUNT(*) FROM uftp_message WHERE direction = 'IN' AND "
                + "message_type = 'FlexOrder' GROUP BY handoff").toString());
        b.append('\n');
        Instant now = Instant.now();
        Map<String, Long> drByState = new TreeMap<>();
        List<String> failed = new ArrayList<>();
        jdbc.sql("SELECT id, source, state, start_at, last_error, note FROM dr_event").query((rs, i) -> {
            Instant s = rs.getObject(4, OffsetDateTime.class).toInstant();
            String key = rs.getString(2) + " " + rs.getString(3) + (s.isAfter(now) ? " (future)" : "");
            drByState.merge(key, 1L, Long::sum);
            if ("FAILED".equals(rs.getString(3))) {
                failed.add(rs.getLong(1) + ": " + rs.getString(5) + " / " + rs.getString(6));
            }
            return null;
        }).list();
        row(b, "DR events by source and state", drByState.values().stream().mapToLong(Long::longValue).sum(),
                drByState.toString());
        failed.forEach(f -> row(b, "  FAILED", "", f));
        row(b, "DR events with missed ISPs", jdbc.sql("SELECT COUNT(*) FROM dr_event WHERE missed_isps IS NOT NULL "
                + "AND missed_isps <> '[]' AND missed_isps <> ''").query(Long.class).single(), "");
        row(b, "broker calls (method kind status)", "", new TreeMap<>(BROKER_CALLS.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()))).toString());
        row(b, "notification outbox", "", count("SELECT status, COUNT(*) FROM notification_outbox GROUP BY status")
                .toString());
        row(b, "mails received by GreenMail (distinct)", greenMailIds.size(), "");
        row(b, "mails sent while GreenMail was stopping", count("SELECT status, COUNT(*) FROM notification_outbox "
                + "GROUP BY status").getOrDefault("SENT", 0L) - checkableMails().size(), "(not checkable)");
        row(b, "mail send attempts > 1", jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE attempts > 1")
                .query(Long.class).single(), "");
        row(b, "UFTP outbox", "", count("SELECT status, COUNT(*) FROM uftp_outbox GROUP BY status").toString());
        row(b, "UFTP outbox rows retried", jdbc.sql("SELECT COUNT(*) FROM uftp_outbox WHERE attempts > 1")
                .query(Long.class).single(), "");
        row(b, "NGSI-LD entities (pending)", jdbc.sql("SELECT COUNT(*) FROM ngsild_entity").query(Long.class).single(),
                String.valueOf(jdbc.sql("SELECT COUNT(*) FROM ngsild_entity WHERE pending").query(Long.class).single()));
        b.append('\n');
        windows.stream().sorted((x, y) -> x.from().compareTo(y.from())).forEach(w -> row(b, "fault: " + w.what(),
                String.format("+%ds", Duration.between(start, w.from()).toSeconds()),
                Duration.between(w.from(), w.to()).toSeconds() + " s"));
        row(b, "drain (traffic end -> settled)", "", String.format("%.1f s",
                Duration.between(trafficEnd, settled).toMillis() / 1000.0));
        return b.toString();
    }

    private static String result(PayloadMessageType m) {
        AcceptedRejectedType r = m instanceof FlexRequestResponse f ? f.getResult() : ((FlexOrderResponse) m).getResult();
        return String.valueOf(r);
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static void row(StringBuilder b, String what, Object count, String detail) {
        b.append(String.format("%-40s %10s  %s%n", what, count, detail));
    }
}
