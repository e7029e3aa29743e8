package io.flexhub.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.flexhub.common.http.CamelHttpTransport;
import io.flexhub.common.http.OutboundHttpProperties;
import io.flexhub.site.Site;
import io.flexhub.support.H2RouteTest;

/**
 * The forecast-service route at its camel-http step ({@code to-forecast-service}), the service replaced by a stand-in
 * that fails the way a service that is down, overloaded or silent does; the source must then fall back with a reason
 * naming what happened.
 */
class ForecastServiceRouteTest extends H2RouteTest {

    private static final URI SERVICE = URI.create("http://forecast.test:8090/forecasts");
    private static final Site SITE = new Site("urn:ngsi-ld:Building:test", "Test", "ean.1", ZoneId.of("Europe/Madrid"),
            100, 50, List.of());
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T21:00:00Z"), ZoneOffset.UTC);
    private static final AtomicReference<Processor> ANSWER = new AtomicReference<>();

    @Autowired
    ProducerTemplate producer;
    @EndpointInject("mock:forecast-service")
    MockEndpoint service;

    private final ForecastRequest request = ForecastRequest.of(SITE, LocalDate.parse("2026-03-03"), Duration.ofMinutes(15));
    private ServiceForecastSource source;

    @BeforeEach
    void replaceTheService() throws Exception {
        adviseOnce("forecast-service", route -> route.weaveById("to-forecast-service").replace()
                .to("mock:forecast-service").process(e -> ANSWER.get().process(e)));
        service.reset();
        source = new ServiceForecastSource(new ForecastProperties(SERVICE, Duration.ofSeconds(3), Duration.ofMillis(20),
                Duration.ofHours(36), 4), CLOCK, producer, OutboundHttpProperties.DEFAULTS);
    }

    @AfterEach
    void noAnswer() {
        ANSWER.set(null);
    }

    private static Processor status(int code, String location) {
        return e -> {
            e.getMessage().getHeaders().clear();
            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, code);
            if (location != null) {
                e.getMessage().setHeader("Location", location);
            }
            e.getMessage().setBody(new byte[0]);
        };
    }

    @Test
    void should_fall_back_naming_the_status_when_the_service_answers_5xx_and_post_to_its_origin() {
        ANSWER.set(status(502, null));
        StringBuilder why = new StringBuilder();

        assertThat(source.fetch(request, why)).isEmpty();

        assertThat(why.toString()).isEqualTo("forecasting service answered HTTP 502");
        Exchange sent = service.getReceivedExchanges().get(0);
        assertThat(sent.getMessage().getHeader(Exchange.HTTP_METHOD)).isEqualTo("POST");
        assertThat(sent.getMessage().getHeader(Exchange.HTTP_URI)).isEqualTo(SERVICE.toString());
        assertThat(new String(sent.getMessage().getBody(byte[].class), StandardCharsets.UTF_8))
                .contains("\"siteId\":\"urn:ngsi-ld:Building:test\"", "\"isps\":96");
        // max-wait bounds the endpoint's own timeouts too, so an attempt cannot outlive the pull
        assertThat(sent.getProperty(CamelHttpTransport.ENDPOINT, String.class))
                .startsWith("http://forecast.test:8090?").contains("&responseTimeout=3000", "&connectTimeout=3000");
    }

    @Test
    void should_fall_back_naming_the_refusal_when_the_service_is_down() {
        ANSWER.set(e -> {
            throw new ConnectException("Connect to forecast.test:8090 failed: Connection refused");
        });
        StringBuilder why = new StringBuilder();

        assertThat(source.fetch(request, why)).isEmpty();

        assertThat(why.toString()).isEqualTo("forecasting service unreachable: ConnectException: Connect to "
                + "forecast.test:8090 failed: Connection refused");
        assertThat(service.getReceivedExchanges()).hasSize(1);
    }

    @Test
    void should_fall_back_as_still_computing_when_a_poll_times_out() {
        AtomicReference<Integer> calls = new AtomicReference<>(0);
        ANSWER.set(e -> {
            if (calls.getAndUpdate(n -> n + 1) == 0) {
                status(202, "/forecasts/job-7").process(e);
            } else {
                throw new SocketTimeoutException("Read timed out");
            }
        });
        StringBuilder why = new StringBuilder();

        assertThat(source.fetch(request, why)).isEmpty();

        assertThat(why.toString()).isEqualTo("forecasting service still computing after PT3S");
        assertThat(service.getReceivedExchanges()).hasSize(2);
        Exchange poll = service.getReceivedExchanges().get(1);
        assertThat(poll.getMessage().getHeader(Exchange.HTTP_METHOD)).isEqualTo("GET");
        assertThat(poll.getMessage().getHeader(Exchange.HTTP_URI)).isEqualTo("http://forecast.test:8090/forecasts/job-7");
    }
}
