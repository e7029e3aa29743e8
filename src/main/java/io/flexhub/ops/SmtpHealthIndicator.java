package io.flexhub.ops;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * Health {@code smtp}: the mail server accepts a TCP connection and greets with a 220 banner within the probe
 * timeout. Nothing is sent: the check ends with QUIT. Only present when {@code flexhub.notify.smtp.host} is set.
 * SMTP being down delays notifications (they wait in their outbox) but does not make the hub unready.
 */
@Component("smtpHealthIndicator")
@ConditionalOnExpression("!'${flexhub.notify.smtp.host:}'.isBlank()")
public class SmtpHealthIndicator implements HealthIndicator {

    private static final int MAX_BANNER = 200;

    private final String host;
    private final int port;
    private final int timeoutMillis;

    public SmtpHealthIndicator(@Value("${flexhub.notify.smtp.host}") String host,
                               @Value("${flexhub.notify.smtp.port:25}") int port, OpsProperties properties) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = (int) properties.probeTimeout().toMillis();
    }

    @Override
    public Health health() {
        String server = host + ":" + port;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String banner = in.readLine();
            if (banner == null) {
                return Health.down().withDetail("server", server).withDetail("error", "closed without a greeting").build();
            }
            String shown = banner.length() > MAX_BANNER ? banner.substring(0, MAX_BANNER) : banner;
            if (!banner.startsWith("220")) {
                return Health.down().withDetail("server", server).withDetail("banner", shown).build();
            }
            quit(socket);
            return Health.up().withDetail("server", server).withDetail("banner", shown).build();
        } catch (IOException e) {
            return Health.down().withDetail("server", server)
                    .withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }

    private static void quit(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException ignored) {
            // the greeting already proved the server up; a server that hangs up first is no less healthy
        }
    }
}
