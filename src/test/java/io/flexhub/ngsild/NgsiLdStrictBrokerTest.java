package io.flexhub.ngsild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.flexhub.ngsild.client.NgsiLdClient;
import io.flexhub.ngsild.client.NgsiLdDateTime;
import io.flexhub.ngsild.client.NgsiLdException;
import io.flexhub.ngsild.client.TemporalQuery;
import io.flexhub.ops.BrokerHealthIndicator;
import io.flexhub.ops.OpsProperties;
import io.flexhub.site.Actuation;
import io.flexhub.site.ActuationException;
import io.flexhub.support.StrictBroker;
import io.flexhub.usef.mapping.UftpJsonLdMapper;

/**
 * What the hub sends, against the strict broker: DateTimes in the one form Scorpio accepts (issue 10, point 1) and the
 * broker URL in every form an operator may write it (point 6), through the same configuration code the application
 * uses.
 */
class NgsiLdStrictBrokerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EV = "urn:ngsi-ld:Device:pleiades-ev-01";
    /** What {@code Instant.now()} gives on this JDK: nine fractional digits. */
    private static final Instant NANOS = Instant.parse("2026-12-01T21:30:55.079327594Z");

    private final StrictBroker broker = new StrictBroker();
    private final String siteContext = broker.serveContext("site.jsonld", resource("/ngsi-ld/site-context.jsonld"));
    private final String uftpContext = broker.serveContext("uftp.jsonld", resource(UftpJsonLdMapper.CONTEXT_RESOURCE));

    @AfterEach
    void close() {
        broker.close();
    }

    private NgsiLdClient client(String brokerUrl, String temporalUrl, String context) {
        NgsiLdProperties p = new NgsiLdProperties(brokerUrl, temporalUrl, null, null, null, null, null, null, null,
                Duration.ofSeconds(2), Duration.ofSeconds(5), null);
        return NgsiLdBrokerConfiguration.client(NgsiLdBrokerConfiguration.config(p, context),
                io.flexhub.support.OutboundCamel.producer(), io.flexhub.common.http.OutboundHttpProperties.DEFAULTS);
    }

    private NgsiLdClient site() {
        return client(broker.baseUrl().toString(), null, siteContext);
    }

    private void device() {
        ObjectNode e = JSON.createObjectNode().put("id", EV).put("type", "EVChargingStation");
        e.putObject("powerLimit").put("type", "Property").put("value", 7.4).put("unitCode", "KWT");
        e.putObject("controlMode").put("type", "Property").put("value", "schedule");
        e.putObject("actuationReference").put("type", "Property").put("value", "none");
        broker.put(e, siteContext);
    }

    // ------------------------------------------------------------------------------------------------ point 1

    @Test
    void should_have_a_setpoint_taken_by_the_broker_when_the_clock_has_nanoseconds() {
        device();
        NgsiLdActuator actuator = new NgsiLdActuator(site(), Clock.fixed(NANOS, ZoneOffset.UTC));

        actuator.apply(new Actuation(EV, Actuation.Command.SETPOINT, 3.5, null, "dr-1"));
        actuator.apply(new Actuation(EV, Actuation.Command.SETPOINT, 2.0, NANOS.plusSeconds(900), "dr-1"));

        JsonNode stored = broker.entity(EV).orElseThrow();
        assertThat(stored.at("/powerLimit/value").asDouble()).isEqualTo(2.0);
        assertThat(stored.at("/powerLimit/observedAt").asText()).isEqualTo("2026-12-01T21:45:55.079Z");
        // the first instance is the entity as loaded, without observedAt
        assertThat(broker.instances(EV, "powerLimit")).extracting(i -> i.attr().path("observedAt").asText())
                .containsExactly("", "2026-12-01T21:30:55.079Z", "2026-12-01T21:45:55.079Z");
        // the actuator appends (POST .../attrs), which creates what a device lacks, and reads the entity back
        assertThat(broker.requests("POST", "/entities/")).extracting(StrictBroker.Request::status).containsExactly(204, 204);
    }

    @Test
    void should_class_a_refused_setpoint_as_permanent_and_a_broker_failure_as_retryable() {
        device();
        NgsiLdActuator actuator = new NgsiLdActuator(site(), Clock.fixed(NANOS, ZoneOffset.UTC));
        Actuation setpoint = new Actuation(EV, Actuation.Command.SETPOINT, 3.5, null, "dr-2");

        // the answer Scorpio gave the nine-digit observedAt, which the hub no longer sends
        broker.failNext("POST", "/entities/", 400, "BadRequestData", "Invalid date time format found on observedAt");
        assertThatThrownBy(() -> actuator.apply(setpoint)).isInstanceOfSatisfying(ActuationException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("HTTP 400", "Invalid date time format found on observedAt");
        });
        broker.failNext("POST", "/entities/", 500, "InternalError", "database gone");
        broker.failNext("POST", "/entities/", 500, "InternalError", "database gone");
        assertThatThrownBy(() -> actuator.apply(setpoint))
                .isInstanceOfSatisfying(ActuationException.class, e -> assertThat(e.retryable()).isTrue());
        broker.stop();
        assertThatThrownBy(() -> actuator.apply(setpoint))
                .isInstanceOfSatisfying(ActuationException.class, e -> assertThat(e.retryable()).isTrue());
        broker.start();
        actuator.apply(setpoint);
        assertThat(broker.entity(EV).orElseThrow().at("/powerLimit/value").asDouble()).isEqualTo(3.5);
    }

    @Test
    void should_have_the_uftp_entities_of_a_nanosecond_message_upserted_in_the_canonical_form() {
        UftpJsonLdMapper mapper = new UftpJsonLdMapper(uftpContext);
        String xml = resource("/fixtures/ngsild/scorpio-live/09-read-back-FlexOffer.original-uftp.xml")
                .replace("ExpirationDateTime=\"2026-12-01T21:25:00Z\"", "ExpirationDateTime=\"2026-12-01T22:25:00.5+01:00\"");
        ObjectNode entity = (ObjectNode) read(mapper.toJsonLd(xml.getBytes(StandardCharsets.UTF_8)));
        entity.remove("@context");
        NgsiLdClient uftp = client(broker.baseUrl().toString(), null, uftpContext);

        assertThatThrownBy(() -> uftp.upsert(List.of(entity.deepCopy()), true))
                .isInstanceOfSatisfying(NgsiLdException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("Invalid date time format found on ");
        uftp.upsert(List.of(NgsiLdDateTime.canonicalize(entity)), true);

        JsonNode stored = broker.entity(entity.get("id").asText()).orElseThrow();
        assertThat(stored.at("/timeStamp/value/@value").asText()).isEqualTo("2026-12-01T21:01:26.578Z");
        assertThat(stored.at("/expirationDateTime/value/@value").asText()).isEqualTo("2026-12-01T21:25:00.500Z");
    }

    @Test
    void should_register_the_subscriptions_and_query_history_with_canonical_times() {
        NgsiLdSubscriptions subscriptions = new NgsiLdSubscriptions(site(), "http://hub.example/ngsi-ld/notify/s3cret");

        assertThat(subscriptions.ensure()).containsOnlyKeys(NgsiLdSubscriptions.FLEX_CONFIGURATION,
                NgsiLdSubscriptions.DEVICE_POWER, NgsiLdSubscriptions.BUILDING, NgsiLdSubscriptions.DEVICE,
                NgsiLdSubscriptions.FORECAST).values()
                .containsOnly(NgsiLdSubscriptions.Action.CREATED);
        assertThat(subscriptions.ensure().values()).containsOnly(NgsiLdSubscriptions.Action.UNCHANGED);
        assertThat(broker.requests("POST", "/subscriptions")).extracting(StrictBroker.Request::status)
                .containsExactly(201, 201, 201, 201, 201);

        device();
        // a matching instance: Scorpio answers a counted temporal query without any with 500
        new NgsiLdActuator(site(), Clock.fixed(NANOS.minusSeconds(30), ZoneOffset.UTC))
                .apply(new Actuation(EV, Actuation.Command.SETPOINT, 3.0, null, "dr-3"));
        assertThat(site().temporalQuery(new TemporalQuery("EVChargingStation", List.of("powerLimit"), "between", NANOS.minusSeconds(60),
                NANOS, "observedAt", null))).singleElement()
                .satisfies(e -> assertThat(e.at("/powerLimit/0/value").asDouble()).isEqualTo(3.0));
        StrictBroker.Request temporal = broker.requests("GET", "/temporal/entities").get(0);
        assertThat(temporal.status()).isEqualTo(200);
        assertThat(temporal.query()).containsEntry("timeAt", "2026-12-01T21:29:55.079Z")
                .containsEntry("endTimeAt", "2026-12-01T21:30:55.079Z");
    }

    @Test
    void should_write_canonical_date_times() {
        assertThat(NgsiLdDateTime.format(NANOS)).isEqualTo("2026-12-01T21:30:55.079Z");
        assertThat(NgsiLdDateTime.format(Instant.parse("2026-12-01T21:30:00Z"))).isEqualTo("2026-12-01T21:30:00.000Z");
        assertThat(NgsiLdDateTime.canonical("2026-12-01T22:30:55.999999999+01:00")).isEqualTo("2026-12-01T21:30:55.999Z");
        assertThatThrownBy(() -> NgsiLdDateTime.canonical("yesterday")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("yesterday");
        JsonNode local = JSON.createObjectNode().set("value", JSON.createObjectNode().put("@type", "DateTime")
                .put("@value", "2026-12-01T21:30:00"));
        assertThat(NgsiLdDateTime.canonicalize(local).at("/value/@value").asText()).isEqualTo("2026-12-01T21:30:00");
    }

    // ------------------------------------------------------------------------------------------------ point 6

    /** The README's form, the compose file's, both with a trailing slash: the same requests reach the broker. */
    @Test
    void should_reach_entities_subscriptions_temporal_and_health_whichever_way_the_broker_url_is_written() {
        device();
        StrictBroker mintaka = new StrictBroker();
        try {
            String mintakaContext = mintaka.serveContext("site.jsonld", resource("/ngsi-ld/site-context.jsonld"));
            mintaka.put(JSON.createObjectNode().put("id", EV).put("type", "EVChargingStation")
                    .set("activePower", JSON.createObjectNode().put("type", "Property").put("value", 1.5)
                            .put("observedAt", "2026-12-01T21:00:00.000Z")), mintakaContext);
            List<String> forms = List.of(broker.root().toString(), broker.root() + "/", broker.baseUrl().toString(),
                    broker.baseUrl() + "/");
            List<String> temporalForms = List.of(mintaka.root().toString(), mintaka.baseUrl() + "/",
                    mintaka.baseUrl().toString(), mintaka.root() + "/");
            for (int i = 0; i < forms.size(); i++) {
                String url = forms.get(i);
                broker.clearRequests();
                mintaka.clearRequests();
                // the hub's site context URL is the same on both brokers' view: here each serves its own copy
                NgsiLdClient client = client(url, null, siteContext);
                assertThat(client.config().baseUrl()).as(url).isEqualTo(broker.baseUrl());
                assertThat(client.queryEntities("EVChargingStation", null)).as(url).hasSize(1);
                assertThat(client.patchAttributes(EV, (ObjectNode) JSON.createObjectNode().set("controlMode",
                        JSON.createObjectNode().put("type", "Property").put("value", "limited")))).as(url).isEmpty();
                new NgsiLdSubscriptions(client, "http://hub.example/ngsi-ld/notify/s3cret").ensure();
                assertThat(broker.requests().stream().filter(r -> r.status() / 100 != 2).toList()).as(url).isEmpty();
                assertThat(broker.requests()).extracting(StrictBroker.Request::path).as(url)
                        .allMatch(p -> p.startsWith("/entities") || p.startsWith("/subscriptions")
                                || p.startsWith("/contexts/"));

                NgsiLdProperties props = new NgsiLdProperties(url, temporalForms.get(i), null, null, null, null, null,
                        null, null, null, null, null);
                assertThat(props.brokerUrl()).as(url).isEqualTo(broker.baseUrl().toString());
                assertThat(props.temporalUrl()).as(url).isEqualTo(mintaka.baseUrl().toString());
                var health = new BrokerHealthIndicator(props, new OpsProperties(50, Duration.ofMinutes(5),
                        Duration.ofSeconds(3), Duration.ofSeconds(15), List.of()), io.flexhub.support.OutboundCamel.producer(),
                        io.flexhub.common.http.OutboundHttpProperties.DEFAULTS).health();
                assertThat(health.getStatus().getCode()).as(url).isEqualTo("UP");

                NgsiLdClient temporal = NgsiLdBrokerConfiguration.client(NgsiLdBrokerConfiguration.config(props,
                        mintakaContext),
                io.flexhub.support.OutboundCamel.producer(), io.flexhub.common.http.OutboundHttpProperties.DEFAULTS);
                assertThat(temporal.temporalQuery(TemporalQuery.ofType("EVChargingStation", "activePower")))
                        .as(temporalForms.get(i)).singleElement()
                        .satisfies(e -> assertThat(e.at("/activePower/0/value").asDouble()).isEqualTo(1.5));
                assertThat(mintaka.requests("GET", "/temporal/entities")).extracting(StrictBroker.Request::status)
                        .as(temporalForms.get(i)).containsExactly(200);
            }
        } finally {
            mintaka.close();
        }
    }

    @Test
    void should_refuse_a_broker_url_that_is_neither_the_root_nor_the_api_base_naming_the_key() {
        for (String url : List.of("http://broker:1026/ngsi-ld", "http://broker:1026/ngsi-ld/v1/entities", "broker:1026",
                "http://broker:1026/?x=1")) {
            assertThatThrownBy(() -> new NgsiLdProperties(url, null, null, null, null, null, null, null, null, null, null, null))
                    .as(url).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("flexhub.ngsild.broker-url").hasMessageContaining(url);
        }
        assertThat(new NgsiLdProperties("http://gateway/broker-a/", null, null, null, null, null, null, null, null, null,
                null, null).brokerUrl()).isEqualTo("http://gateway/broker-a/ngsi-ld/v1");
    }

    private static JsonNode read(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String path) {
        try (InputStream in = NgsiLdStrictBrokerTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
