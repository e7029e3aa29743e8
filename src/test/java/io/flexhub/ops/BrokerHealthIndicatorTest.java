package io.flexhub.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.flexhub.ngsild.NgsiLdProperties;
import io.flexhub.common.http.OutboundHttpProperties;
import io.flexhub.support.OutboundCamel;
import io.flexhub.support.StrictBroker;

/** The broker health against a real HTTP server standing in for Orion-LD. */
class BrokerHealthIndicatorTest {

    private static final OpsProperties OPS = new OpsProperties(50, Duration.ofMinutes(5), Duration.ofSeconds(3),
            Duration.ofSeconds(15), List.of());
    private static final OpsProperties IMPATIENT = new OpsProperties(50, Duration.ofMinutes(5), Duration.ofMillis(500),
            Duration.ofSeconds(15), List.of());

    private final WireMockServer broker = new WireMockServer(options().dynamicPort());

    static BrokerHealthIndicator indicator(NgsiLdProperties broker, OpsProperties ops) {
        return new BrokerHealthIndicator(broker, ops, OutboundCamel.producer(), OutboundHttpProperties.DEFAULTS);
    }

    static NgsiLdProperties broker(String url) {
        return new NgsiLdProperties(url, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The README's form, the compose file's and both with a trailing slash: all probe {@code /ngsi-ld/v1/types}. */
    @Test
    void should_probe_the_types_of_the_broker_however_its_url_is_written() {
        try (StrictBroker strict = new StrictBroker()) {
            for (String url : List.of(strict.root().toString(), strict.root() + "/", strict.baseUrl().toString(),
                    strict.baseUrl() + "/")) {
                Health h = indicator(broker(url), OPS).health();

                assertThat(h.getStatus()).as(url).isEqualTo(Status.UP);
                assertThat(h.getDetails()).as(url).containsEntry("url", strict.baseUrl() + "/types");
            }
            assertThat(strict.requests()).extracting(StrictBroker.Request::path).containsOnly("/types");
        }
    }

    @BeforeEach
    void start() {
        broker.start();
    }

    @AfterEach
    void stop() {
        broker.stop();
    }

    @Test
    void should_be_up_when_the_broker_lists_its_types() {
        broker.stubFor(get(urlEqualTo("/ngsi-ld/v1/types")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"urn:ngsi-ld:EntityTypeList:1\"}")));

        Health h = indicator(broker(broker.baseUrl() + "/"), OPS).health();

        assertThat(h.getStatus()).isEqualTo(Status.UP);
        assertThat(h.getDetails()).containsEntry("httpStatus", 200)
                .containsEntry("url", broker.baseUrl() + "/ngsi-ld/v1/types");
        broker.verify(getRequestedFor(urlEqualTo("/ngsi-ld/v1/types")));
    }

    @Test
    void should_be_down_when_the_broker_answers_with_an_error() {
        broker.stubFor(get(urlEqualTo("/ngsi-ld/v1/types")).willReturn(aResponse().withStatus(503)));

        Health h = indicator(broker(broker.baseUrl()), OPS).health();

        assertThat(h.getStatus()).isEqualTo(Status.DOWN);
        assertThat(h.getDetails()).containsEntry("httpStatus", 503);
    }

    @Test
    void should_be_down_within_the_timeout_when_the_broker_does_not_answer() {
        broker.stubFor(get(urlEqualTo("/ngsi-ld/v1/types")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(8_000)));

        long start = System.nanoTime();
        Health h = indicator(broker(broker.baseUrl()), IMPATIENT).health();

        assertThat(h.getStatus()).isEqualTo(Status.DOWN);
        assertThat((String) h.getDetails().get("error")).contains("SocketTimeoutException");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void should_be_down_when_nothing_listens() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }

        Health h = indicator(broker("http://localhost:" + port), OPS).health();

        assertThat(h.getStatus()).isEqualTo(Status.DOWN);
        assertThat((String) h.getDetails().get("error")).contains("ConnectException");
    }
}
