package io.flexhub.ngsild;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.flexhub.common.HubProperties;
import io.flexhub.ngsild.client.TemporalBroker;
import io.flexhub.site.Baseline;
import io.flexhub.site.embedded.SiteProperties;

/**
 * Baselines from a broker's temporal API that cuts history at 50 instances per attribute, as Scorpio does: the
 * building from WireMock, the history from a loopback broker holding the instances.
 */
class NgsiLdBaselineHistoryTest {

    private static final String BASE = "/ngsi-ld/v1";
    private static final String CONTEXT = "http://hub.test.example/ngsi-ld/contexts/site.jsonld";
    private static final String HVAC = "urn:ngsi-ld:Device:pleiades-hvac-c1-hall";
    private static final Duration ISP = Duration.ofMinutes(15);
    private static final Instant FROM = Instant.parse("2026-11-25T23:00:00Z");
    private static final Instant WEEK_AGO = FROM.minus(Duration.ofDays(7));

    private final WireMockServer entities = new WireMockServer(options().dynamicPort());
    private final TemporalBroker history = TemporalBroker.scorpio();
    private NgsiLdContextStore store;

    @BeforeEach
    void start() {
        entities.start();
        entities.stubFor(get(urlPathEqualTo(BASE + "/entities")).atPriority(10).willReturn(json("[]")));
        entities.stubFor(get(urlPathEqualTo(BASE + "/entities")).withQueryParam("type", equalTo("Building"))
                .atPriority(1).willReturn(json("""
                        [{"id": "urn:ngsi-ld:Building:umu-pleiades", "type": "Building",
                          "congestionPoint": {"type": "Property", "value": "ean.871685900012636543"},
                          "timeZone": {"type": "Property", "value": "Europe/Madrid"}}]
                        """)));
        entities.stubFor(get(urlPathEqualTo(BASE + "/entities")).withQueryParam("type", equalTo("Thermostat"))
                .atPriority(1).willReturn(json("""
                        [{"id": "%s", "type": "Thermostat",
                          "refBuilding": {"type": "Relationship", "object": "urn:ngsi-ld:Building:umu-pleiades"},
                          "ratedPower": {"type": "Property", "value": 6.0}}]
                        """.formatted(HVAC))));
        NgsiLdProperties p = new NgsiLdProperties(entities.baseUrl() + BASE, history.baseUrl().toString(), CONTEXT,
                null, null, false, null, null, null, Duration.ofSeconds(5), Duration.ofSeconds(10), null);
        store = new NgsiLdContextStore(NgsiLdBrokerConfiguration.client(NgsiLdBrokerConfiguration.config(p, CONTEXT),
                io.flexhub.support.OutboundCamel.producer(), io.flexhub.common.http.OutboundHttpProperties.DEFAULTS),
                null, Clock.fixed(FROM, ZoneOffset.UTC),
                new HubProperties(java.nio.file.Path.of("."), URI.create("http://hub.test.example")),
                new SiteProperties(null), new DefaultResourceLoader());
        store.refresh();
    }

    @AfterEach
    void stop() {
        entities.stop();
        history.close();
    }

    /** Last week's measurement of ISP {@code i}: distinct per ISP, and unlike any profile value. */
    private static double measured(int i) {
        return 100 + i / 10.0;
    }

    @Test
    void should_build_a_96_isp_baseline_from_the_whole_day_of_history_not_its_last_50_values() {
        for (int i = 0; i < 96; i++) {
            history.store(HVAC, "Thermostat", "activePower", WEEK_AGO.plus(ISP.multipliedBy(i)), measured(i));
        }

        double[] kw = store.baselineKw(HVAC, FROM, ISP, 96);
        Baseline baseline = store.baseline(HVAC, FROM, ISP, 96);

        for (int i = 0; i < 96; i++) {
            assertThat(kw[i]).as("ISP %d", i).isEqualTo(measured(i));
        }
        assertThat(baseline.completeHistory()).isTrue();
        assertThat(baseline.provenance()).isEqualTo("history: 96 of 96 ISPs");
    }

    @Test
    void should_say_in_the_provenance_which_share_of_the_isps_came_from_the_profile_when_history_lacks_them() {
        Baseline none = store.baseline(HVAC, FROM, ISP, 96);
        for (int i = 0; i < 96; i++) {
            if (i < 40 || i >= 46) {
                history.store(HVAC, "Thermostat", "activePower", WEEK_AGO.plus(ISP.multipliedBy(i)), measured(i));
            }
        }

        Baseline partial = store.baseline(HVAC, FROM, ISP, 96);

        assertThat(none.provenance()).isEqualTo("history: 0 of 96 ISPs, 96 filled from profile");
        assertThat(partial.provenance()).isEqualTo("history: 90 of 96 ISPs, 6 filled from profile");
        assertThat(partial.fromHistory()).isEqualTo(90);
        for (int i = 0; i < 96; i++) {
            assertThat(partial.kw()[i]).as("ISP %d", i).isEqualTo(i >= 40 && i < 46 ? none.kw()[i] : measured(i));
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
