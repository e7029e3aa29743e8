package io.flexhub.forecast;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.flexhub.site.Site;

/** The forecasting service over real HTTP (WireMock): answers used, everything else refused with a reason. */
class ServiceForecastSourceTest {

    private static final WireMockServer SERVICE = new WireMockServer(options().dynamicPort());
    private static final Site SITE = new Site("urn:ngsi-ld:Building:test", "Test", "ean.1", ZoneId.of("Europe/Madrid"),
            100, 50, List.of());
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T21:00:00Z"), ZoneOffset.UTC);
    private final ForecastRequest request = ForecastRequest.of(SITE, LocalDate.parse("2026-03-03"), Duration.ofMinutes(15));

    @BeforeAll
    static void start() {
        SERVICE.start();
    }

    @AfterAll
    static void stop() {
        SERVICE.stop();
    }

    @BeforeEach
    void reset() {
        SERVICE.resetAll();
    }

    private ServiceForecastSource source(Duration wait) {
        return new ServiceForecastSource(new ForecastProperties(URI.create(SERVICE.baseUrl() + "/forecasts"), wait,
                Duration.ofMillis(50), Duration.ofHours(36), 4), CLOCK,
                io.flexhub.support.OutboundCamel.producer(), io.flexhub.common.http.OutboundHttpProperties.DEFAULTS);
    }

    private static String series(int n, double base) {
        return IntStream.range(0, n).mapToObj(i -> String.valueOf(base + i * 0.01)).collect(Collectors.joining(",", "[", "]"));
    }

    @Test
    void should_use_the_service_forecast_when_it_answers_in_time() {
        SERVICE.stubFor(post(urlEqualTo("/forecasts")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"pvKw\":" + series(96, 1.0) + ",\"loadKw\":" + series(96, 20.0)
                        + ",\"startTime\":\"2026-03-02T23:00:00Z\",\"ispDuration\":\"PT15M\"}")));
        StringBuilder why = new StringBuilder();

        Optional<SiteForecast> f = source(Duration.ofSeconds(5)).fetch(request, why);

        assertThat(f).isPresent();
        assertThat(f.get().provenance()).isEqualTo(Provenance.SERVICE);
        assertThat(f.get().start()).isEqualTo(Instant.parse("2026-03-02T23:00:00Z"));
        assertThat(f.get().pvKw()).hasSize(96).startsWith(1.0, 1.01);
        assertThat(f.get().loadKw()[95]).isEqualTo(20.95, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f.get().issuedAt()).isEqualTo(CLOCK.instant());
        SERVICE.verify(postRequestedFor(urlEqualTo("/forecasts"))
                .withRequestBody(matchingJsonPath("$.siteId", equalTo(SITE.id())))
                .withRequestBody(matchingJsonPath("$.isps", equalTo("96")))
                .withRequestBody(matchingJsonPath("$.startTime", equalTo("2026-03-02T23:00:00Z"))));
    }

    @Test
    void should_poll_the_location_when_the_service_is_still_computing() {
        SERVICE.stubFor(post(urlEqualTo("/forecasts")).willReturn(aResponse().withStatus(202)
                .withHeader("Location", "/forecasts/job-1")));
        SERVICE.stubFor(get(urlEqualTo("/forecasts/job-1")).inScenario("job").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(202)).willSetStateTo("done"));
        SERVICE.stubFor(get(urlEqualTo("/forecasts/job-1")).inScenario("job").whenScenarioStateIs("done")
                .willReturn(aResponse().withStatus(200)
                        .withBody("{\"pvKw\":" + series(96, 0) + ",\"loadKw\":" + series(96, 5) + "}")));

        Optional<SiteForecast> f = source(Duration.ofSeconds(5)).fetch(request, new StringBuilder());

        assertThat(f).isPresent();
        assertThat(f.get().loadKw()[0]).isEqualTo(5.0);
    }

    @Test
    void should_give_up_with_a_reason_when_the_service_answers_too_late() {
        SERVICE.stubFor(post(urlEqualTo("/forecasts")).willReturn(aResponse().withStatus(200).withFixedDelay(2_000)
                .withBody("{\"pvKw\":" + series(96, 0) + ",\"loadKw\":" + series(96, 5) + "}")));
        StringBuilder why = new StringBuilder();
        long start = System.nanoTime();

        Optional<SiteForecast> f = source(Duration.ofMillis(300)).fetch(request, why);

        assertThat(f).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500));
        assertThat(why.toString()).contains("did not answer within PT0.3S");
    }

    @Test
    void should_give_up_when_the_service_keeps_computing_beyond_the_wait() {
        SERVICE.stubFor(post(urlEqualTo("/forecasts")).willReturn(aResponse().withStatus(202)));
        SERVICE.stubFor(get(urlEqualTo("/forecasts")).willReturn(aResponse().withStatus(202)));
        StringBuilder why = new StringBuilder();

        // long enough for the first answer (202) even on a loaded machine, so the polling is what runs out
        assertThat(source(Duration.ofSeconds(2)).fetch(request, why)).isEmpty();
        assertThat(why.toString()).contains("still computing");
        SERVICE.verify(com.github.tomakehurst.wiremock.client.WireMock.moreThan(2),
                com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlEqualTo("/forecasts")));
    }

    @Test
    void should_refuse_garbage_naming_what_is_wrong() {
        SERVICE.stubFor(post(urlEqualTo("/forecasts")).willReturn(aResponse().withStatus(200).withBody("<html>oops")));
        StringBuilder why = new StringBuilder();
        assertThat(source(Duration.ofSeconds(5)).fetch(request, why)).isEmpty();
        assertThat(why.toString()).startsWith("forecasting service answer unusable");

        SERVICE.stubFor(post(urlEqualTo("/forecasts")).willReturn(aResponse().withStatus(200)
                .withBody("{\"pvKw\":" + series(95, 0) + ",\"loadKw\":" + series(96, 5) + "}")));
        StringBuilder shortSeries = new StringBuilder();
        assertThat(source(Duration.ofSeconds(5)).fetch(request, shortSeries)).isEmpty();
        assertThat(shortSeries.toString()).contains("pvKw has 95 values, expected 96");

        SERVICE.stubFor(post(urlEqualTo("/forecasts")).willReturn(aResponse().withStatus(200)
                .withBody("{\"pvKw\":" + series(96, -3) + ",\"loadKw\":" + series(96, 5) + "}")));
        StringBuilder negative = new StringBuilder();
        assertThat(source(Duration.ofSeconds(5)).fetch(request, negative)).isEmpty();
        assertThat(negative.toString()).contains("pvKw[0] is not a number of kW >= 0");
    }

    @Test
    void should_refuse_an_error_status_and_a_stale_answer() {
        SERVICE.stubFor(post(urlEqualTo("/forecasts")).willReturn(aResponse().withStatus(503)));
        StringBuilder why = new StringBuilder();
        assertThat(source(Duration.ofSeconds(5)).fetch(request, why)).isEmpty();
        assertThat(why.toString()).isEqualTo("forecasting service answered HTTP 503");

        SERVICE.stubFor(post(urlEqualTo("/forecasts")).willReturn(aResponse().withStatus(200)
                .withBody("{\"pvKw\":" + series(96, 0) + ",\"loadKw\":" + series(96, 5)
                        + ",\"issuedAt\":\"2026-02-20T00:00:00Z\"}")));
        StringBuilder stale = new StringBuilder();
        assertThat(source(Duration.ofSeconds(5)).fetch(request, stale)).isEmpty();
        assertThat(stale.toString()).contains("stale");
    }

    @Test
    void should_not_ask_when_no_service_is_configured() {
        ServiceForecastSource none = new ServiceForecastSource(new ForecastProperties(null, Duration.ofSeconds(1),
                Duration.ofMillis(50), Duration.ofHours(36), 4), CLOCK,
                io.flexhub.support.OutboundCamel.producer(), io.flexhub.common.http.OutboundHttpProperties.DEFAULTS);
        StringBuilder why = new StringBuilder();
        assertThat(none.fetch(request, why)).isEmpty();
        assertThat(why.toString()).isEqualTo("no forecasting service configured");
    }
}
