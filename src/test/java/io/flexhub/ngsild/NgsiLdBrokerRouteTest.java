package io.flexhub.ngsild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flexhub.common.http.CamelHttpTransport;
import io.flexhub.common.http.OutboundHttpProperties;
import io.flexhub.ngsild.client.EntityOptions;
import io.flexhub.ngsild.client.NgsiLdClient;
import io.flexhub.ngsild.client.NgsiLdClientConfig;
import io.flexhub.ngsild.client.NgsiLdException;
import io.flexhub.support.H2RouteTest;

/**
 * The ngsi-ld-broker route at its camel-http step ({@code to-ngsi-ld-broker}): the broker is replaced by a stand-in
 * that answers the way Scorpio does or fails the way an unreachable broker does, and the hub's NGSI-LD client (built as
 * {@link NgsiLdBrokerConfiguration} builds it, on this context's routes) reads what comes back.
 */
class NgsiLdBrokerRouteTest extends H2RouteTest {

    private static final String BROKER = "http://broker.test:9090";
    private static final String ENTITY = "urn:ngsi-ld:Device:pleiades-hvac-a0-lobby";
    /** The id as a path segment: the client percent-encodes the colons. */
    private static final String SEGMENT = "urn%3Angsi-ld%3ADevice%3Apleiades-hvac-a0-lobby";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the stand-in broker does with a request that reached the camel-http step. */
    private static final AtomicReference<Processor> ANSWER = new AtomicReference<>();

    @Autowired
    ProducerTemplate producer;
    @EndpointInject("mock:ngsi-ld-broker")
    MockEndpoint broker;

    private NgsiLdClient client;

    @BeforeEach
    void replaceTheBroker() throws Exception {
        adviseOnce("ngsi-ld-broker", route -> route.weaveById("to-ngsi-ld-broker").replace()
                .to("mock:ngsi-ld-broker").process(e -> ANSWER.get().process(e)));
        broker.reset();
        NgsiLdClientConfig config = new NgsiLdClientConfig(URI.create(BROKER), null,
                "https://hub.test/ngsi-ld/flexhub-site.jsonld", "pleiades", Duration.ofMillis(300),
                Duration.ofMillis(700), new NgsiLdClientConfig.RetryPolicy(2, Duration.ofMillis(10), 1.0),
                NgsiLdClientConfig.MAX_PORTABLE_PAGE_SIZE);
        client = NgsiLdBrokerConfiguration.client(config, producer, OutboundHttpProperties.DEFAULTS);
    }

    @AfterEach
    void noAnswer() {
        ANSWER.set(null);
    }

    /** What camel-http leaves on the message: the status, the server's headers and the body, nothing of the request. */
    private static Processor answers(int status, String contentType, String body) {
        return e -> {
            e.getMessage().getHeaders().clear();
            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
            if (contentType != null) {
                e.getMessage().setHeader("Content-Type", contentType);
            }
            e.getMessage().setBody(body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        };
    }

    @Test
    void should_send_only_the_clients_headers_to_one_endpoint_per_broker_with_the_path_in_the_request() throws Exception {
        ANSWER.set(answers(204, null, null));
        ObjectNode attrs = JSON.createObjectNode();
        attrs.putObject("targetTemperature").put("type", "Property").put("value", 19.5);

        List<String> notUpdated = client.patchAttributes(ENTITY, attrs);

        assertThat(notUpdated).isEmpty();
        assertThat(broker.getReceivedExchanges()).hasSize(1);
        Exchange sent = broker.getReceivedExchanges().get(0);
        Map<String, Object> headers = sent.getMessage().getHeaders();
        assertThat(headers).containsEntry(Exchange.HTTP_METHOD, "PATCH")
                .containsEntry(Exchange.HTTP_URI, BROKER + "/ngsi-ld/v1/entities/" + SEGMENT + "/attrs")
                .containsEntry("NGSILD-Tenant", "pleiades")
                .containsEntry("Content-Type", "application/json")
                .containsEntry("Accept", "application/json");
        assertThat((String) headers.get("Link")).contains("<https://hub.test/ngsi-ld/flexhub-site.jsonld>")
                .contains("rel=\"http://www.w3.org/ns/json-ld#context\"");
        // of Camel's headers only the two that steer camel-http go to the endpoint
        assertThat(headers.keySet().stream().filter(h -> h.startsWith("Camel")))
                .containsExactlyInAnyOrder(Exchange.HTTP_METHOD, Exchange.HTTP_URI);
        assertThat(JSON.readTree(sent.getMessage().getBody(byte[].class))).isEqualTo(attrs);
        // the endpoint is the broker's origin with the client's timeouts: entity ids never make endpoints of their own
        String endpoint = sent.getProperty(CamelHttpTransport.ENDPOINT, String.class);
        assertThat(endpoint).startsWith(BROKER + "?throwExceptionOnFailure=false")
                .contains("&followRedirects=false", "&connectTimeout=300", "&responseTimeout=700",
                        "&httpClientConfigurer=#" + CamelHttpTransport.CLIENT);
    }

    @Test
    void should_report_a_brokers_problem_details_with_its_type_title_and_detail_and_not_retry_it() {
        ANSWER.set(answers(400, "application/json", "{\"type\":\"https://uri.etsi.org/ngsi-ld/errors/BadRequestData\","
                + "\"title\":\"Bad Request Data\",\"detail\":\"targetTemperature: value must be a number\"}"));
        ObjectNode attrs = JSON.createObjectNode();
        attrs.putObject("targetTemperature").put("type", "Property").put("value", "warm");

        assertThatThrownBy(() -> client.patchAttributes(ENTITY, attrs)).isInstanceOfSatisfying(NgsiLdException.class,
                e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.problemType()).isEqualTo("BadRequestData");
                    assertThat(e.title()).isEqualTo("Bad Request Data");
                    assertThat(e.detail()).isEqualTo("targetTemperature: value must be a number");
                });
        // a 4xx is the request's fault: sending it again would get the same answer
        assertThat(broker.getReceivedExchanges()).hasSize(1);
    }

    @Test
    void should_retry_a_broker_5xx_and_use_the_answer_of_the_next_attempt() {
        AtomicReference<Integer> calls = new AtomicReference<>(0);
        Processor unavailable = answers(503, "application/json",
                "{\"type\":\"https://uri.etsi.org/ngsi-ld/errors/InternalError\",\"title\":\"Service Unavailable\"}");
        Processor entity = answers(200, "application/json", "{\"id\":\"" + ENTITY + "\",\"type\":\"Thermostat\"}");
        ANSWER.set(e -> (calls.getAndUpdate(n -> n + 1) == 0 ? unavailable : entity).process(e));

        Optional<JsonNode> found = client.getEntity(ENTITY, EntityOptions.NORMALIZED);

        assertThat(found).hasValueSatisfying(n -> assertThat(n.get("type").asText()).isEqualTo("Thermostat"));
        assertThat(broker.getReceivedExchanges()).hasSize(2);
        assertThat(broker.getReceivedExchanges()).allSatisfy(e -> assertThat(e.getMessage()
                .getHeader(Exchange.HTTP_URI, String.class)).isEqualTo(BROKER + "/ngsi-ld/v1/entities/" + SEGMENT));
    }

    @Test
    void should_retry_a_broker_that_does_not_answer_in_time_and_then_name_the_timeout() {
        ANSWER.set(e -> {
            throw new SocketTimeoutException("Read timed out");
        });

        assertThatThrownBy(() -> client.getEntity(ENTITY, EntityOptions.NORMALIZED))
                .isInstanceOfSatisfying(NgsiLdException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.getMessage()).startsWith("GET " + BROKER + "/ngsi-ld/v1/entities/" + SEGMENT)
                            .contains("failed after 2 attempt(s)", "SocketTimeoutException: Read timed out");
                    assertThat(e.getCause()).isInstanceOf(SocketTimeoutException.class);
                });
        assertThat(broker.getReceivedExchanges()).hasSize(2);
    }
}
