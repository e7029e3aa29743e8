package io.flexhub.forecast;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Asks the forecasting service ({@code flexhub.forecast.service-url}) for a site's day:
 * {@code POST} with {@code {"siteId", "congestionPoint", "timeZone", "day", "startTime", "ispDuration", "isps"}}.
 * A 200 carries the forecast document ({@link ForecastDocuments}); a 202 means "being computed": the hub polls the
 * {@code Location} it names (else the same URL with GET) every {@code poll-interval}. Everything, polls included, is
 * bounded by {@code flexhub.forecast.max-wait}; a timeout, an error status or a document that does not read falls back to
 * the next source.
 */
@Component
@Order(2)
class ServiceForecastSource implements ForecastSource {

    private final ForecastProperties properties;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http;

    ServiceForecastSource(ForecastProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(properties.maxWait()).build();
    }

    @Override
    public Provenance provenance() {
        return Provenance.SERVICE;
    }

    @Override
    public Optional<SiteForecast> fetch(ForecastRequest request, StringBuilder why) {
        if (!properties.serviceConfigured()) {
            why.append("no forecasting service configured");
            return Optional.empty();
        }
        // the wait bounds wall time, so it is measured with nanoTime rather than the (possibly fixed) clock
        long deadline = System.nanoTime() + properties.maxWait().toNanos();
        URI url = properties.serviceUrl();
        boolean computing = false;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url)
                    .timeout(remaining(deadline))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body(request), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            URI pollUrl = response.headers().firstValue("Location").map(url::resolve).orElse(url);
            while (response.statusCode() == 202) {
                computing = true;
                if (System.nanoTime() + properties.pollInterval().toNanos() >= deadline) {
                    why.append("forecasting service still computing after ").append(properties.maxWait());
                    return Optional.empty();
                }
                LockSupport.parkNanos(properties.pollInterval().toNanos());
                response = http.send(HttpRequest.newBuilder(pollUrl).timeout(remaining(deadline))
                        .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            }
            if (response.statusCode() != 200) {
                why.append("forecasting service answered HTTP ").append(response.statusCode());
                return Optional.empty();
            }
            Instant now = clock.instant();
            SiteForecast f = ForecastDocuments.read(json.readTree(response.body()), request, Provenance.SERVICE, now,
                    "forecasting service " + url);
            if (f.issuedAt().isBefore(now.minus(properties.maxAge()))) {
                why.append("forecasting service answer is stale (issued ").append(f.issuedAt()).append(')');
                return Optional.empty();
            }
            return Optional.of(f);
        } catch (java.net.http.HttpTimeoutException e) {
            // a poll cut short by the deadline is the service still computing, not a silent one
            why.append(computing ? "forecasting service still computing after "
                    : "forecasting service did not answer within ").append(properties.maxWait());
        } catch (IOException | RuntimeException e) {
            why.append("forecasting service answer unusable: ").append(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why.append("interrupted while waiting for the forecasting service");
        }
        return Optional.empty();
    }

    private static Duration remaining(long deadline) {
        long nanos = deadline - System.nanoTime();
        if (nanos <= 0) {
            throw new IllegalStateException("no time left for the forecasting service");
        }
        return Duration.ofNanos(nanos);
    }

    private String body(ForecastRequest r) {
        ObjectNode n = json.createObjectNode();
        n.put("siteId", r.site().id());
        n.put("congestionPoint", r.site().congestionPoint());
        n.put("timeZone", r.site().timeZone().getId());
        n.put("day", r.day().toString());
        n.put("startTime", r.start().toString());
        n.put("ispDuration", r.isp().toString());
        n.put("isps", r.count());
        n.put("unit", "kW (ISP average)");
        return n.toString();
    }

}
