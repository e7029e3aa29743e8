package io.flexhub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flexhub.support.H2HubTest;

/**
 * Body limits as a client meets them: a 20 MB body, declared or streamed, is answered 413 with its reason and the
 * client, still sending, reads it (no reset, no broken pipe); a client asking {@code Expect: 100-continue} is
 * refused before it sends anything; the admin APIs take documents far above the UFTP limit, such as a
 * 1,000-building portfolio.
 */
class BodyLimitTest extends H2HubTest {

    private static final int TWENTY_MB = 20 * 1024 * 1024;
    private static final byte[] HUGE = new byte[TWENTY_MB];

    static {
        Arrays.fill(HUGE, (byte) ' ');
    }

    @Test
    void should_answer_413_with_the_reason_when_a_client_declares_20_mb() {
        HttpResponse<String> api = admin(HttpRequest.newBuilder(URI.create(url("/api/usef/translate")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(HUGE)));
        assertThat(api.statusCode()).isEqualTo(413);
        assertThat(read(api.body()).get("detail").asText())
                .isEqualTo("Request body of " + TWENTY_MB + " bytes exceeds the limit of 16777216 bytes");

        HttpResponse<String> uftp = postUftp(HUGE);
        assertThat(uftp.statusCode()).isEqualTo(413);
        assertThat(uftp.body()).isEqualTo("Request body of " + TWENTY_MB + " bytes exceeds the limit of 204800 bytes");
    }

    @Test
    void should_answer_413_with_the_reason_when_a_client_streams_20_mb_without_a_length() {
        HttpResponse<String> api = admin(HttpRequest.newBuilder(URI.create(url("/api/selfconsumption/optimize")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(HUGE))));
        assertThat(api.statusCode()).isEqualTo(413);
        assertThat(read(api.body()).get("detail").asText()).isEqualTo("Request body exceeds the limit of 16777216 bytes");

        HttpResponse<String> uftp = send(HttpRequest.newBuilder(URI.create(url("/shapeshifter/api/v3/message")))
                .header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(HUGE))).build());
        assertThat(uftp.statusCode()).isEqualTo(411);
        assertThat(uftp.body()).isEqualTo("Content-Length header is required");
    }

    @Test
    void should_let_a_client_that_sends_all_20_mb_before_reading_read_the_413() throws IOException {
        String declared = exchange("/api/flex/offer", "Content-Length: " + TWENTY_MB, HUGE, false);
        assertThat(declared).startsWith("HTTP/1.1 413 ").contains("Connection: close")
                .contains("exceeds the limit of 16777216 bytes");

        String chunked = exchange("/api/flex/offer", "Transfer-Encoding: chunked", HUGE, true);
        assertThat(chunked).startsWith("HTTP/1.1 413 ").contains("exceeds the limit of 16777216 bytes");

        String uftp = exchange("/shapeshifter/api/v3/message", "Content-Length: " + TWENTY_MB, HUGE, false);
        assertThat(uftp).startsWith("HTTP/1.1 413 ").endsWith("exceeds the limit of 204800 bytes");
    }

    @Test
    void should_refuse_a_declared_20_mb_before_the_body_when_the_client_expects_100_continue() throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/flex/offer HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + basic()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + TWENTY_MB
                    + "\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = readAll(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413 ").doesNotContain("100 Continue")
                    .contains("exceeds the limit of 16777216 bytes");
        }
    }

    @Test
    void should_optimise_a_portfolio_of_1000_buildings_above_the_uftp_limit() {
        JsonNode campus100 = read(new String(fixture("/fixtures/selfconsumption/instances/campus100.json"),
                StandardCharsets.UTF_8));
        ObjectNode portfolio = campus100.deepCopy();
        ArrayNode buildings = portfolio.putArray("buildings");
        for (int copy = 0; copy < 10; copy++) {
            for (JsonNode b : campus100.get("buildings")) {
                ObjectNode building = b.deepCopy();
                building.put("id", b.get("id").asText() + "-" + copy);
                buildings.add(building);
            }
        }
        byte[] body = portfolio.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).isGreaterThan(3_000_000);

        HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url("/api/selfconsumption/optimize")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode result = read(r.body());
        assertThat(result.get("n_buildings").asInt()).isEqualTo(1000);
        assertThat(result.get("buildings")).hasSize(1000);
    }

    /**
     * A client that writes its whole request before it reads anything, over a raw socket: a server that closed
     * the connection on a refused body would make this write fail or the read lose the answer.
     */
    private String exchange(String path, String lengthHeader, byte[] body, boolean chunked) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + basic()
                    + "\r\nContent-Type: " + (path.startsWith("/shapeshifter") ? "text/xml" : "application/json")
                    + "\r\n" + lengthHeader + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            int step = 64 * 1024;
            for (int at = 0; at < body.length; at += step) {
                int n = Math.min(step, body.length - at);
                if (chunked) {
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write(body, at, n);
                if (chunked) {
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            return readAll(socket.getInputStream());
        }
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] fixture(String path) {
        try (InputStream in = BodyLimitTest.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
