package io.flexhub.usef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lfenergy.shapeshifter.api.PayloadMessageType;
import org.lfenergy.shapeshifter.api.TestMessage;
import org.lfenergy.shapeshifter.api.TestMessageResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.flexhub.support.ChildHub;
import io.flexhub.support.EmbeddedPostgres;
import io.flexhub.support.UftpTestPeer;
import io.flexhub.usef.crypto.Cs1KeyPair;

/**
 * "200 means durable": signed TestMessages are streamed to the packaged hub from several clients, the hub is
 * killed with SIGKILL in the middle of the stream and started again on the same database. Every message it
 * acknowledged must then be stored, processed and answered with exactly one TestMessageResponse (one MessageID;
 * the outbox may deliver it again if the kill fell between the peer's 200 and the hub marking it sent, which a
 * peer recognises as the same message).
 */
class CrashDurabilityIT {

    enum Database { H2, POSTGRESQL }

    private static final int CLIENTS = 4;
    /** Acknowledged messages after which the hub is killed, with the clients still sending. */
    private static final int KILL_AFTER = Integer.getInteger("crash.kill-after", 1500);
    private static final UftpTestPeer DSO = new UftpTestPeer();
    private static final Cs1KeyPair HUB_KEYS = Cs1KeyPair.generate();
    private static final int PAGE = 500;
    private static final String DSO_PATH = "/dso/shapeshifter/api/v3/message";

    private static HttpServer peer;
    private static final ExecutorService peerThreads = Executors.newFixedThreadPool(4);
    /** Conversation -> MessageIDs of the TestMessageResponses the DSO received in it. */
    private static final Map<String, Set<String>> answers = new ConcurrentHashMap<>();
    /** Every POST the DSO received, re-deliveries included. */
    private static final AtomicLong deliveries = new AtomicLong();

    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startPeer() throws IOException {
        peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        peer.createContext(DSO_PATH, exchange -> {
            byte[] envelope;
            try (InputStream in = exchange.getRequestBody()) {
                envelope = in.readAllBytes();
            }
            // opened once as it arrives: verifying every envelope on each poll would starve the hub of CPU
            PayloadMessageType message = UftpTestPeer.parse(
                    UftpTestPeer.codec().parse(envelope).open(List.of(HUB_KEYS.publicKey())));
            if (message instanceof TestMessageResponse) {
                answers.computeIfAbsent(message.getConversationID(), c -> ConcurrentHashMap.newKeySet())
                        .add(message.getMessageID());
            }
            deliveries.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        peer.setExecutor(peerThreads);
        peer.start();
    }

    @AfterAll
    static void stopPeer() {
        peer.stop(0);
        peerThreads.shutdown();
    }

    /** {@code -Dcrash.databases=H2} runs one of them, e.g. to measure before and after a change. */
    static List<Database> databases() {
        return Arrays.stream(System.getProperty("crash.databases", "H2,POSTGRESQL").split(","))
                .map(String::strip).map(Database::valueOf).toList();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void should_keep_answer_and_process_once_every_acknowledged_message_when_killed_mid_stream(Database database)
            throws Exception {
        answers.clear();
        deliveries.set(0);
        Path work = Files.createTempDirectory("flexhub-crash-" + database);
        try (ChildHub hub = new ChildHub(settings(database, work), Path.of("target/crash-" + database))) {
            hub.start();
            Stream stream = new Stream(hub);
            stream.start();
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(5))
                    .until(() -> stream.acknowledged.size() >= KILL_AFTER);
            long killedAt = System.nanoTime();
            hub.kill();
            stream.stop();
            Map<String, Long> acknowledged = stream.acknowledged;

            hub.start();
            // every acknowledged message gets its response once the recovery poll has picked up what the kill
            // interrupted; if one never does, the figures below say which and how
            try {
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> answers.keySet().containsAll(acknowledged.keySet())
                                && outboxTotal(hub, "PENDING") == 0 && outboxTotal(hub, "SENDING") == 0);
            } catch (ConditionTimeoutException e) {
                System.out.println("not every acknowledged message was answered: " + e.getMessage());
            }

            Map<String, List<JsonNode>> received = byConversation(hub, "TestMessage");
            Map<String, List<JsonNode>> responses = byConversation(hub, "TestMessageResponse");
            List<String> lost = new ArrayList<>();
            List<String> notProcessedOnce = new ArrayList<>();
            for (String conversation : acknowledged.keySet()) {
                List<JsonNode> in = received.getOrDefault(conversation, List.of());
                List<JsonNode> out = responses.getOrDefault(conversation, List.of());
                Set<String> answered = answers.getOrDefault(conversation, Set.of());
                if (in.isEmpty()) {
                    lost.add(conversation);
                } else if (in.size() != 1 || out.size() != 1 || answered.size() != 1
                        || !"ACCEPTED".equals(in.get(0).at("/processingStatus/value").asText())) {
                    notProcessedOnce.add(conversation + ": stored " + in.size() + ", responses stored " + out.size()
                            + ", answered with " + answered);
                }
            }
            long redelivered = deliveries.get() - answers.values().stream().mapToLong(Set::size).sum();
            long lostWithin = lost.stream().mapToLong(c -> (killedAt - acknowledged.get(c)) / 1_000_000).max()
                    .orElse(0);
            String summary = String.format("%s: acknowledged %d, lost %d (acknowledged up to %d ms before the kill),"
                            + " processed more or less than once %d, stored without acknowledgement %d,"
                            + " responses delivered twice %d", database, acknowledged.size(), lost.size(), lostWithin,
                    notProcessedOnce.size(),
                    received.keySet().stream().filter(c -> !acknowledged.containsKey(c)).count(), redelivered);
            Files.writeString(Path.of("target/crash-" + database, "summary.txt"), summary + "\n");
            System.out.println(summary);
            assertThat(lost).as(summary).isEmpty();
            assertThat(notProcessedOnce).as(summary).isEmpty();
        }
    }

    private static Map<String, String> settings(Database database, Path work) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("FLEXHUB_DATA_DIR", work.toString());
        settings.put("FLEXHUB_USEF_DOMAIN", UftpTestPeer.HUB_DOMAIN);
        settings.put("FLEXHUB_USEF_PRIVATE_KEY", HUB_KEYS.privateKey().exportLibsodiumBase64());
        settings.put("flexhub.usef.participants[0].domain", DSO.domain());
        settings.put("flexhub.usef.participants[0].role", "DSO");
        settings.put("flexhub.usef.participants[0].public-key", DSO.publicKeyCs1());
        settings.put("flexhub.usef.participants[0].endpoint",
                "http://127.0.0.1:" + peer.getAddress().getPort() + DSO_PATH);
        settings.put("flexhub.usef.process-recovery-interval", "2s");
        // what the killed hub was processing or sending is taken up again after its lease; short here, so the test is
        settings.put("flexhub.usef.process-lease", "10s");
        settings.put("flexhub.usef.outbox.lease", "10s");
        if (database == Database.POSTGRESQL) {
            settings.put("spring.profiles.active", "postgres");
            settings.put("FLEXHUB_DB_URL", EmbeddedPostgres.newDatabase());
            settings.put("FLEXHUB_DB_USER", "postgres");
            settings.put("FLEXHUB_DB_PASSWORD", "");
        }
        return settings;
    }

    private long outboxTotal(ChildHub hub, String status) throws IOException {
        return json.readTree(hub.get("/api/usef/outbox?status=" + status).body()).get("total").asLong();
    }

    /** The message log of one type, page by page, grouped by conversation. */
    private Map<String, List<JsonNode>> byConversation(ChildHub hub, String type) throws IOException {
        Map<String, List<JsonNode>> messages = new LinkedHashMap<>();
        for (int offset = 0; ; offset += PAGE) {
            JsonNode page = json.readTree(hub.get("/api/usef/messages?type=" + type + "&limit=" + PAGE + "&offset="
                    + offset).body());
            page.forEach(m -> messages.computeIfAbsent(m.at("/conversationId/value").asText(), c -> new ArrayList<>())
                    .add(m));
            if (page.size() < PAGE) {
                return messages;
            }
        }
    }

    /** CLIENTS threads posting signed TestMessages back to back, each in its own conversation. */
    private static final class Stream {

        /** Conversation of each message answered 200 -> when (System.nanoTime) the 200 arrived. */
        final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        private final ChildHub hub;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        private final CountDownLatch done = new CountDownLatch(CLIENTS);

        Stream(ChildHub hub) {
            this.hub = hub;
        }

        void start() {
            for (int i = 0; i < CLIENTS; i++) {
                clients.submit(this::post);
            }
        }

        private void post() {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            try {
                while (running.get()) {
                    String conversation = UUID.randomUUID().toString();
                    TestMessage message = DSO.header(new TestMessage(), conversation);
                    try {
                        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(
                                        URI.create(hub.url("/shapeshifter/api/v3/message")))
                                .header("Content-Type", "text/xml; charset=utf-8").timeout(Duration.ofSeconds(10))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(DSO.signed(message))).build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() == 200) {
                            acknowledged.put(conversation, System.nanoTime());
                        }
                    } catch (IOException e) {
                        // the hub is gone: whatever was not answered 200 was never promised
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                done.countDown();
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            done.await();
            clients.shutdown();
        }
    }
}
