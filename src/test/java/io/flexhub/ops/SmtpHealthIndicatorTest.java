package io.flexhub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** The SMTP health against local sockets: a server that greets, one that greets wrongly, one that stays silent. */
class SmtpHealthIndicatorTest {

    private static final OpsProperties OPS = new OpsProperties(50, Duration.ofMinutes(5), Duration.ofSeconds(2),
            Duration.ofSeconds(15), List.of());

    @Test
    void should_be_up_when_the_server_greets_with_220_and_say_quit() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            CompletableFuture<String> heard = serve(server, "220 mail.test.example ESMTP ready\r\n");

            Health h = new SmtpHealthIndicator("localhost", server.getLocalPort(), OPS).health();

            assertThat(h.getStatus()).isEqualTo(Status.UP);
            assertThat(h.getDetails()).containsEntry("banner", "220 mail.test.example ESMTP ready")
                    .containsEntry("server", "localhost:" + server.getLocalPort());
            assertThat(heard.get(5, TimeUnit.SECONDS)).isEqualTo("QUIT\r\n");
        }
    }

    @Test
    void should_be_down_when_the_server_refuses_service() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            serve(server, "554 no service here\r\n");

            Health h = new SmtpHealthIndicator("localhost", server.getLocalPort(), OPS).health();

            assertThat(h.getStatus()).isEqualTo(Status.DOWN);
            assertThat(h.getDetails()).containsEntry("banner", "554 no service here");
        }
    }

    @Test
    void should_be_down_within_the_timeout_when_the_server_never_greets() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            // accepted by the kernel's backlog, never answered
            long start = System.nanoTime();
            Health h = new SmtpHealthIndicator("localhost", server.getLocalPort(), OPS).health();

            assertThat(h.getStatus()).isEqualTo(Status.DOWN);
            assertThat((String) h.getDetails().get("error")).contains("SocketTimeoutException");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void should_be_down_when_nothing_listens() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }

        Health h = new SmtpHealthIndicator("localhost", port, OPS).health();

        assertThat(h.getStatus()).isEqualTo(Status.DOWN);
        assertThat((String) h.getDetails().get("error")).contains("ConnectException");
    }

    /** Accepts one connection, writes the greeting, and returns what the client said before hanging up. */
    private static CompletableFuture<String> serve(ServerSocket server, String greeting) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket client = server.accept()) {
                client.setSoTimeout(5_000);
                OutputStream out = client.getOutputStream();
                out.write(greeting.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = client.getInputStream();
                return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                return "error: " + e;
            }
        });
    }
}
