package io.flexhub.usef.outbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Posts one signed UFTP message. Redirects are followed only when they keep the POST (307/308), at most twice,
 * as the spec allows load balancers to redirect; anything else is reported back as the status it was.
 */
public class UftpHttpSender {

    /** The outcome of one attempt: the peer's status and a short excerpt of its answer, or the I/O failure. */
    public record Result(Integer status, String detail) {
    }

    private static final int MAX_REDIRECTS = 2;
    private final HttpClient client;
    private final Duration requestTimeout;

    public UftpHttpSender(Duration connectTimeout, Duration requestTimeout) {
        // HTTP/1.1: on plain http the JDK would otherwise try an h2c upgrade, which some UFTP front-ends refuse
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.requestTimeout = requestTimeout;
    }

    public Result post(URI endpoint, String envelopeXml) {
        URI target = endpoint;
        try {
            for (int hop = 0; ; hop++) {
                HttpRequest request = HttpRequest.newBuilder(target).timeout(requestTimeout)
                        .header("Content-Type", "text/xml; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(envelopeXml, StandardCharsets.UTF_8)).build();
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                var location = response.headers().firstValue("Location");
                if ((status == 307 || status == 308) && location.isPresent() && hop < MAX_REDIRECTS) {
                    target = target.resolve(location.get());
                    continue;
                }
                return new Result(status, excerpt(response.body()));
            }
        } catch (IOException e) {
            return new Result(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, "interrupted");
        } catch (IllegalArgumentException e) {
            return new Result(null, "invalid endpoint " + target + ": " + e.getMessage());
        }
    }

    private static String excerpt(String body) {
        if (body == null) {
            return "";
        }
        return body.length() > 500 ? body.substring(0, 500) + "..." : body;
    }
}
