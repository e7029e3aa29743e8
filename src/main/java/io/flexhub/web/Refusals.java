package io.flexhub.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.flexhub.common.JsonReplies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers a request refused at the door, in its entry's dialect, in a way a client that is still sending can
 * read. The answer is written and flushed first (with {@code Connection: close} when body bytes are still on
 * their way), then the rest of the body is read and thrown away, up to {@code flexhub.web.discard-max-bytes}
 * and {@code discard-timeout}: a server that closes a socket with unread data makes the kernel reset the
 * connection, and the reset destroys the answer before the client reads it (a "broken pipe" instead of a 413).
 * A client that asked {@code Expect: 100-continue} and was not told to continue sends nothing more, so nothing
 * is read for it.
 */
final class Refusals {

    private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);

    private final WebProperties web;
    private final ObjectMapper json = new ObjectMapper();

    Refusals(WebProperties web) {
        this.web = web;
    }

    /**
     * @param bytesRead how much of the body has been read; with Expect: 100-continue, none means the client
     *                  was never told to send it
     * @param bodyLeft  whether body bytes may still be on their way
     */
    void send(HttpServletRequest request, HttpServletResponse response, Dialect dialect, int status, String reason,
              long bytesRead, boolean bodyLeft) throws IOException {
        LOG.info("{} {} refused with HTTP {}: {}", request.getMethod(), request.getRequestURI(), status, reason);
        byte[] body;
        if (dialect.problemDetails()) {
            response.setContentType("application/problem+json");
            body = json.writeValueAsBytes(JsonReplies.problem(status, title(status), reason, request.getRequestURI()));
        } else {
            response.setContentType("text/plain;charset=utf-8");
            body = reason.getBytes(StandardCharsets.UTF_8);
        }
        response.setStatus(status);
        if (bodyLeft) {
            response.setHeader("Connection", "close");
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
        boolean toldToWait = bytesRead == 0 && "100-continue".equalsIgnoreCase(request.getHeader("Expect"));
        long declared = request.getContentLengthLong();
        // a body longer than what is discarded ends in a reset anyway; reading into it would only cost time
        if (bodyLeft && !toldToWait && declared <= web.discardMaxBytes().toBytes()) {
            discard(request);
        }
    }

    private void discard(HttpServletRequest request) {
        long max = web.discardMaxBytes().toBytes();
        long deadline = System.nanoTime() + web.discardTimeout().toNanos();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try {
            InputStream in = request.getInputStream();
            int n;
            while (total < max && System.nanoTime() - deadline < 0 && (n = in.read(buffer)) >= 0) {
                total += n;
            }
        } catch (IOException e) {
            LOG.debug("client stopped sending the refused body after {} bytes: {}", total, e.getMessage());
        }
    }

    private static String title(int status) {
        return switch (status) {
            case 411 -> "Length Required";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            default -> "Bad Request";
        };
    }
}
