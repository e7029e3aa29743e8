package io.flexhub.usef;

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
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.lfenergy.shapeshifter.api.TestMessage;

import com.sun.net.httpserver.HttpServer;

import io.flexhub.support.ChildHub;
import io.flexhub.support.EmbeddedPostgres;
import io.flexhub.support.UftpTestPeer;
import io.flexhub.usef.crypto.Cs1KeyPair;

/**
 * Throughput of the UFTP receive path of the packaged hub: signed TestMessages (each with its own MessageID, so
 * each is verified, validated, stored and committed before its 200) posted back to back by several clients, then
 * the time until the DSO has every TestMessageResponse (processing, signing and the outbox). Messages are signed
 * before the clock starts, so the figures are the hub's. Run with {@code scripts/bench-receive.sh}.
 *
 * <p>Arguments: messages measured, clients, warm-up messages, database (h2 | postgres).
 */
public final class ReceiveBenchmark {

    private static final String DSO_PATH = "/dso/shapeshifter/api/v3/message";

    private ReceiveBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        String database = args.length > 3 ? args[3] : "h2";
        UftpTestPeer dso = new UftpTestPeer();
        Cs1KeyPair hubKeys = Cs1KeyPair.generate();
        Semaphore responses = new Semaphore(0);
        HttpServer peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        peer.createContext(DSO_PATH, exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            responses.release();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        ExecutorService peerThreads = Executors.newFixedThreadPool(2);
        peer.setExecutor(peerThreads);
        peer.start();

        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("FLEXHUB_DATA_DIR", Files.createTempDirectory("flexhub-bench-receive").toString());
        settings.put("FLEXHUB_USEF_DOMAIN", UftpTestPeer.HUB_DOMAIN);
        settings.put("FLEXHUB_USEF_PRIVATE_KEY", hubKeys.privateKey().exportLibsodiumBase64());
        settings.put("flexhub.usef.participants[0].domain", dso.domain());
        settings.put("flexhub.usef.participants[0].role", "DSO");
        settings.put("flexhub.usef.participants[0].public-key", dso.publicKeyCs1());
        settings.put("flexhub.usef.participants[0].endpoint",
                "http://127.0.0.1:" + peer.getAddress().getPort() + DSO_PATH);
        settings.put("logging.level.root", "WARN");
        if (database.equals("postgres")) {
            settings.put("spring.profiles.active", "postgres");
            settings.put("FLEXHUB_DB_URL", EmbeddedPostgres.newDatabase());
            settings.put("FLEXHUB_DB_USER", "postgres");
            settings.put("FLEXHUB_DB_PASSWORD", "");
        }
        System.out.printf("signing %d + %d TestMessages%n", warmup, messages);
        List<byte[]> warm = sign(dso, warmup);
        List<byte[]> measured = sign(dso, messages);
        try (ChildHub hub = new ChildHub(settings, Path.of("target/bench-receive")).start()) {
            post(hub, warm, clients);
            awaitResponses(responses, warmup);
            long start = System.nanoTime();
            long[] latencies = post(hub, measured, clients);
            long acknowledged = System.nanoTime();
            awaitResponses(responses, messages);
            long answered = System.nanoTime();
            Arrays.sort(latencies);
            System.out.printf("database %s, %d clients, %d messages after %d warm-up%n", database, clients, messages,
                    warmup);
            System.out.printf("acknowledged (200): %.0f msg/s, latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms,"
                            + " max %.2f ms%n", messages / seconds(start, acknowledged), ms(latencies, 0.50),
                    ms(latencies, 0.90), ms(latencies, 0.99), latencies[latencies.length - 1] / 1e6);
            System.out.printf("answered (every TestMessageResponse at the DSO): %.0f msg/s%n",
                    messages / seconds(start, answered));
        } finally {
            peer.stop(0);
            peerThreads.shutdown();
        }
    }

    private static List<byte[]> sign(UftpTestPeer dso, int count) {
        List<byte[]> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bodies.add(dso.signed(dso.header(new TestMessage(), UUID.randomUUID().toString())));
        }
        return bodies;
    }

    /** Posts every body once, spread over the clients; returns each request's latency in ns. */
    private static long[] post(ChildHub hub, List<byte[]> bodies, int clients) throws Exception {
        long[] latencies = new long[bodies.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        URI endpoint = URI.create(hub.url("/shapeshifter/api/v3/message"));
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                    long t = System.nanoTime();
                    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(endpoint)
                            .header("Content-Type", "text/xml; charset=utf-8").timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build(),
                            HttpResponse.BodyHandlers.discarding());
                    latencies[i] = System.nanoTime() - t;
                    if (r.statusCode() != 200) {
                        failures.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " messages were not answered 200");
        }
        return latencies;
    }

    private static void awaitResponses(Semaphore responses, int count) throws InterruptedException {
        if (!responses.tryAcquire(count, 10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("not all " + count + " messages were answered within 10 minutes");
        }
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
