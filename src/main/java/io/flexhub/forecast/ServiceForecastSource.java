package io.flexhub.forecast;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

import org.apache.camel.ProducerTemplate;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flexhub.common.http.CamelHttpTransport;
import io.flexhub.common.http.HttpAnswer;
import io.flexhub.common.http.HttpCall;
import io.flexhub.common.http.HttpTransport;
import io.flexhub.common.http.OutboundHttpProperties;

/**
 * Asks the forecasting service ({@code flexhub.forecast.service-url}) for a site's day:
 * {@code POST} with {@code {"siteId", "congestionPoint", "timeZone", "day", "startTime", "ispDuration", "isps"}}.
 * A 200 carries the forecast document ({@link ForecastDocuments}); a 202 means "being computed": the hub polls the
 * {@code Location} it names (else the same URL with GET) every {@code poll-interval}. Everything, polls included, is
 * bounded by {@code flexhub.forecast.max-wait}; a timeout, an error status or a document that does not read falls back to
 * the next source. The calls go through the route {@code forecast-service} (forecast-service.camel.yaml), whose camel-http
 * endpoint has {@code max-wait} as its timeouts; each call waits only for what is left of it.
 */
@Component
@Order(2)
class ServiceForecastSource implements ForecastSource {

    private final ForecastProperties properties;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpTransport http;

    /** The route of forecast-service.camel.yaml that calls the service. */
    static final String ROUTE = "direct:forecast-service";

    ServiceForecastSource(ForecastProperties properties, Clock clock, ProducerTemplate producer,
            OutboundHttpProperties pool) {
        this.properties = properties;
        this.clock = clock;
        this.http = new CamelHttpTransport(producer, ROUTE, properties.maxWait(), properties.maxWait(), pool);
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
            HttpAnswer response = http.send(new HttpCall("POST", url, Map.of("Content-Type", "application/json",
                    "Accept", "application/json"), body(request).getBytes(StandardCharsets.UTF_8), remaining(deadline)));
            URI pollUrl = response.header("Location").map(url::resolve).orElse(url);
            while (response.status() == 202) {
                computing = true;
                if (System.nanoTime() + properties.pollInterval().toNanos() >= deadline) {
                    why.append("forecasting service still computing after ").append(properties.maxWait());
                    return Optional.empty();
                }
                LockSupport.parkNanos(properties.pollInterval().toNanos());
                response = http.send(new HttpCall("GET", pollUrl, Map.of("Accept", "application/json"), null,
                        remaining(deadline)));
            }
            if (response.status() != 200) {
                why.append("forecasting service answered HTTP ").append(response.status());
                return Optional.empty();
            }
            Instant now = clock.instant();
            SiteForecast f = ForecastDocuments.read(json.readTree(response.text()), request, Provenance.SERVICE, now,
                    "forecasting service " + url);
            if (f.issuedAt().isBefore(now.minus(properties.maxAge()))) {
                why.append("forecasting service answer is stale (issued ").append(f.issuedAt()).append(')');
                return Optional.empty();
            }
            return Optional.of(f);
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) {
                why.append("interrupted while waiting for the forecasting service");
            } else {
                // a poll cut short by the deadline is the service still computing, not a silent one
                why.append(computing ? "forecasting service still computing after "
                        : "forecasting service did not answer within ").append(properties.maxWait());
            }
        } catch (java.net.ConnectException | java.net.UnknownHostException e) {
            why.append("forecasting service unreachable: ").append(e.getClass().getSimpleName()).append(": ")
                    .append(e.getMessage());
        } catch (IOException | RuntimeException e) {
            why.append("forecasting service answer unusable: ").append(e.getMessage());
        }
        return Optional.empty();
    }

    /** A poll woken after the deadline has run out of time like one cut short by it. */
    private static Duration remaining(long deadline) throws java.net.SocketTimeoutException {
        long nanos = deadline - System.nanoTime();
        if (nanos <= 0) {
            throw new java.net.SocketTimeoutException("no time left for the forecasting service");
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
