package io.flexhub.forecast;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.flexhub.site.ContextStore;
import io.flexhub.site.Site;
import io.flexhub.support.H2HubTest;

/**
 * The forecast chain on the demo site: a forecasting service (a real HTTP server) that is slow or answers garbage
 * leaves the run with the hub's history forecast, which says why; a good answer is used and becomes history.
 */
class ForecastChainTest extends H2HubTest {

    @Autowired
    List<ForecastSource> sources;
    @Autowired
    ForecastStore store;
    @Autowired
    ContextStore context;
    @Autowired
    Clock clock;
    @Autowired
    org.apache.camel.ProducerTemplate producer;
    @Autowired
    io.flexhub.common.http.OutboundHttpProperties pool;

    private ForecastPull chain(String path, Duration wait) {
        ForecastSource history = sources.stream().filter(s -> s.provenance() == Provenance.HISTORY).findFirst().orElseThrow();
        ServiceForecastSource service = new ServiceForecastSource(new ForecastProperties(
                URI.create(DSO_SERVER.baseUrl() + path), wait, Duration.ofMillis(50), Duration.ofHours(36), 4), clock, producer, pool);
        return new ForecastPull(List.of(service, history), store);
    }

    private Site site() {
        return context.sites().get(0);
    }

    private static String series(double kw) {
        double[] v = new double[96];
        Arrays.fill(v, kw);
        return Arrays.toString(v);
    }

    @Test
    void should_fall_back_to_the_device_baselines_when_the_service_times_out() {
        DSO_SERVER.stubFor(post(urlEqualTo("/forecast-slow")).willReturn(aResponse().withStatus(200).withFixedDelay(3_000)
                .withBody("{\"pvKw\":" + series(1) + ",\"loadKw\":" + series(2) + "}")));
        ForecastRequest request = ForecastRequest.of(site(), LocalDate.parse("2031-01-07"), Duration.ofMinutes(15));

        SiteForecast f = chain("/forecast-slow", Duration.ofMillis(300)).pull(request);

        assertThat(f.provenance()).isEqualTo(Provenance.HISTORY);
        assertThat(f.detail()).contains("device baselines").contains("SERVICE: forecasting service did not answer within PT0.3S");
        // the embedded context has no history: the report must not pass the profiles off as measured
        assertThat(f.detail()).contains("(complete history for 0; profile for urn:ngsi-ld:Device:pleiades-");
        // the demo roof peaks at 42 kW around 13:00 local; nothing at night
        assertThat(f.pvKw()[4 * 3]).isZero();
        assertThat(Arrays.stream(f.pvKw()).max().getAsDouble()).isBetween(35.0, 42.0);
        // working-day load: the night base of thermostats and plugs, several times that by day
        assertThat(f.loadKw()[4 * 3]).isBetween(3.0, 6.0);
        assertThat(f.loadKw()[4 * 11]).isGreaterThan(20.0);
        assertThat(store.latest(site().id(), request.day())).hasValueSatisfying(
                s -> assertThat(s.provenance()).isEqualTo(Provenance.HISTORY));
    }

    @Test
    void should_fall_back_when_the_service_answers_garbage_and_use_it_when_it_answers_well() {
        DSO_SERVER.stubFor(post(urlEqualTo("/forecast-garbage")).willReturn(aResponse().withStatus(200)
                .withBody("{\"pvKw\": \"sunny\"}")));
        ForecastRequest request = ForecastRequest.of(site(), LocalDate.parse("2031-02-04"), Duration.ofMinutes(15));

        SiteForecast fallback = chain("/forecast-garbage", Duration.ofSeconds(5)).pull(request);
        assertThat(fallback.provenance()).isEqualTo(Provenance.HISTORY);
        assertThat(fallback.detail()).contains("pvKw missing or not an array");

        DSO_SERVER.stubFor(post(urlEqualTo("/forecast-good")).willReturn(aResponse().withStatus(200)
                .withBody("{\"pvKw\":" + series(12.5) + ",\"loadKw\":" + series(30) + "}")));
        SiteForecast good = chain("/forecast-good", Duration.ofSeconds(5)).pull(request);
        assertThat(good.provenance()).isEqualTo(Provenance.SERVICE);
        assertThat(good.pvKw()).containsOnly(12.5);
    }

    @Test
    void should_average_the_same_weekday_of_past_weeks_when_there_is_history() {
        Site site = site();
        LocalDate day = LocalDate.parse("2030-10-15"); // a Tuesday, far from the other tests' days
        Instant issued = clock.instant();
        for (int weeks = 1; weeks <= 2; weeks++) {
            LocalDate past = day.minusWeeks(weeks);
            ForecastRequest r = ForecastRequest.of(site, past, Duration.ofMinutes(15));
            double[] pv = new double[96];
            double[] load = new double[96];
            Arrays.fill(pv, 10.0 * weeks);
            Arrays.fill(load, 40.0 * weeks);
            pv[50] = 0.0;
            store.save(new SiteForecast(site.id(), r.start(), r.isp(), pv, load, Provenance.SERVICE, issued, "test"), past);
        }
        // another weekday must not count
        ForecastRequest monday = ForecastRequest.of(site, day.minusDays(1), Duration.ofMinutes(15));
        store.save(new SiteForecast(site.id(), monday.start(), monday.isp(), new double[96], new double[96],
                Provenance.SERVICE, issued, "test"), day.minusDays(1));

        SiteForecast f = chain("/forecast-none", Duration.ofMillis(200))
                .pull(ForecastRequest.of(site, day, Duration.ofMinutes(15)));

        assertThat(f.provenance()).isEqualTo(Provenance.HISTORY);
        assertThat(f.detail()).startsWith("mean of 2 past forecast(s) of the same weekday");
        assertThat(f.pvKw()[0]).isEqualTo(15.0);
        assertThat(f.pvKw()[50]).isEqualTo(0.0);
        assertThat(f.loadKw()[95]).isEqualTo(60.0);
    }
}
