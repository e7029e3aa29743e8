package io.flexhub.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flexhub.ngsild.NgsiLdSubscriptions;
import io.flexhub.site.ContextStore;
import io.flexhub.support.HubTestSupport;
import io.flexhub.support.StrictBroker;

/**
 * Broker mode against the strict broker: a building with a meter, a PV inverter and a charger; the readings a device
 * writes reach the hub as notifications of the device-power subscription and become device and site ISPs, and what
 * the broker holds without having notified it (written while the hub was away) is read from the temporal API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class BrokerEnergyTest extends HubTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PORT = freePort();
    private static final String SECRET = "energy-broker-secret";
    private static final String BUILDING = "urn:ngsi-ld:Building:annex";
    private static final String CP = "ean.871685900000000777";
    private static final String METER = "urn:ngsi-ld:Device:annex-meter";
    private static final String PV = "urn:ngsi-ld:Device:annex-pv";
    private static final String EV = "urn:ngsi-ld:Device:annex-ev";
    private static final StrictBroker BROKER = new StrictBroker();
    private static final String CONTEXT = BROKER.serveContext("site.jsonld", resource("/ngsi-ld/site-context.jsonld"));

    static {
        BROKER.put(withProps(entity(BUILDING, "Building"), "congestionPoint", CP, "timeZone", "Europe/Madrid"), CONTEXT);
        BROKER.put(device(METER, "ElectricityMeter", 250), CONTEXT);
        BROKER.put(device(PV, "PhotovoltaicMeasurement", 60), CONTEXT);
        BROKER.put(device(EV, "EVChargingStation", 11), CONTEXT);
    }

    @AfterAll
    static void stopBroker() {
        BROKER.close();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hubProperties(registry);
        h2(registry);
        registry.add("server.port", () -> PORT);
        registry.add("flexhub.public-base-url", () -> "http://127.0.0.1:" + PORT);
        registry.add("flexhub.ngsild.broker-url", () -> BROKER.baseUrl().toString());
        registry.add("flexhub.ngsild.context-url", () -> CONTEXT);
        registry.add("flexhub.ngsild.notify-secret", () -> SECRET);
        registry.add("flexhub.ngsild.refresh-interval", () -> "1h");
        registry.add("flexhub.energy.broker.gap-fill-every", () -> "1h");
    }

    @Autowired
    ContextStore context;
    @Autowired
    EnergyStore store;
    @Autowired
    BrokerMeasurements measurements;

    @Test
    void should_store_notified_readings_as_isps_and_fill_what_was_not_notified_from_the_temporal_api() {
        await().atMost(Duration.ofSeconds(60)).until(() -> context.device(EV).isPresent()
                && BROKER.requests("POST", "/subscriptions").stream().anyMatch(r -> r.body().contains(
                        NgsiLdSubscriptions.DEVICE_POWER)));
        Instant isp = Instant.now().minus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);

        // two readings of the charger and one of the meter and the PV in the same ISP, one repeated
        write(EV, 6.0, isp.plusSeconds(60));
        write(EV, 8.0, isp.plusSeconds(600));
        write(EV, 8.0, isp.plusSeconds(600));
        write(PV, -12.0, isp.plusSeconds(300));
        write(METER, 20.0, isp.plusSeconds(300));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(store.samples(EV, isp, isp.plusSeconds(900))).extracting(EnergyStore.Sample::kw).containsExactly(6.0, 8.0);
            assertThat(store.samples(METER, isp, isp.plusSeconds(900))).hasSize(1);
        });
        JsonNode series = series(isp);
        int i = index(series, isp);
        assertThat(series.at("/series/ev/" + i).asDouble()).isCloseTo(7.0, offset(1e-9));
        assertThat(series.at("/series/pv/" + i).asDouble()).isCloseTo(12.0, offset(1e-9));
        assertThat(series.at("/series/grid/" + i).asDouble()).isCloseTo(20.0, offset(1e-9));
        // the meter measures the whole building: what it took beyond the charger and net of PV is the load
        assertThat(series.at("/series/load/" + i).asDouble()).isCloseTo(20.0 + 12.0 - 7.0, offset(1e-9));

        // written while the hub was not listening: the broker has it, the hub not yet
        Instant earlier = isp.minus(Duration.ofHours(1));
        BROKER.put(withPower(device(EV, "EVChargingStation", 11), 3.0, earlier.plusSeconds(120)), CONTEXT);
        BROKER.put(withPower(device(METER, "ElectricityMeter", 250), 9.0, earlier.plusSeconds(120)), CONTEXT);
        assertThat(store.samples(EV, earlier, earlier.plusSeconds(900))).isEmpty();

        assertThat(measurements.fillGaps()).isGreaterThanOrEqualTo(2);

        JsonNode filled = series(earlier);
        int j = index(filled, earlier);
        assertThat(filled.at("/series/ev/" + j).asDouble()).isCloseTo(3.0, offset(1e-9));
        assertThat(filled.at("/series/grid/" + j).asDouble()).isCloseTo(9.0, offset(1e-9));
        // the notified ISP is unchanged and nothing was stored twice
        assertThat(store.samples(EV, isp, isp.plusSeconds(900))).hasSize(2);
        assertThat(series(isp).at("/series/ev/" + i).asDouble()).isCloseTo(7.0, offset(1e-9));
        assertThat(BROKER.requests("GET", "/temporal/entities/")).isNotEmpty();
    }

    private JsonNode series(Instant at) {
        LocalDate day = at.atZone(ZoneId.of("Europe/Amsterdam")).toLocalDate();
        HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url("/api/energy/sites/"
                + URLEncoder.encode(BUILDING, StandardCharsets.UTF_8) + "/series?from=" + day + "&to=" + day
                + "&resolution=isp"))).GET());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return read(r.body());
    }

    private static int index(JsonNode series, Instant at) {
        List<String> ts = new java.util.ArrayList<>();
        series.get("timestamps").forEach(t -> ts.add(t.asText()));
        return ts.indexOf(at.toString());
    }

    /** What a device (or its gateway) sends: the new reading appended to the entity, Link to the site context. */
    private void write(String id, double kw, Instant observedAt) {
        ObjectNode body = JSON.createObjectNode();
        body.set("activePower", power(kw, observedAt));
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(BROKER.baseUrl() + "/entities/"
                        + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/attrs"))
                .header("Content-Type", "application/json")
                .header("Link", "<" + CONTEXT + ">; rel=\"" + StrictBroker.JSONLD_REL + "\"; type=\"application/ld+json\"")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
    }

    private static ObjectNode power(double kw, Instant observedAt) {
        return JSON.createObjectNode().put("type", "Property").put("value", kw).put("unitCode", "KWT")
                .put("observedAt", observedAt.toString());
    }

    private static ObjectNode withPower(ObjectNode device, double kw, Instant observedAt) {
        device.set("activePower", power(kw, observedAt));
        return device;
    }

    private static ObjectNode entity(String id, String type) {
        return JSON.createObjectNode().put("id", id).put("type", type);
    }

    private static ObjectNode withProps(ObjectNode e, String... kv) {
        for (int i = 0; i < kv.length; i += 2) {
            e.putObject(kv[i]).put("type", "Property").put("value", kv[i + 1]);
        }
        return e;
    }

    private static ObjectNode device(String id, String type, double ratedKw) {
        ObjectNode d = entity(id, type);
        d.putObject("refBuilding").put("type", "Relationship").put("object", BUILDING);
        d.putObject("ratedPower").put("type", "Property").put("value", ratedKw).put("unitCode", "KWT");
        return d;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String path) {
        try (InputStream in = BrokerEnergyTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
