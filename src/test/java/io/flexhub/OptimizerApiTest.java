package io.flexhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.flexhub.support.H2HubTest;

/**
 * The optimizers behind the admin API answer what the reference solvers computed for the same documents
 * (expected values produced once by ../shared/bench, committed under fixtures/).
 */
class OptimizerApiTest extends H2HubTest {

    @Test
    void should_offer_the_reference_optimum_for_a_phoenix_flexoffer_problem() {
        JsonNode expected = read(new String(fixture("flexoffer/expected/bench-example.json"), StandardCharsets.UTF_8));

        HttpResponse<String> response = post("/api/flex/offer", fixture("flexoffer/instances/bench-example.json"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode offer = read(response.body());
        assertRelative(offer.get("stage1_value").asDouble(), expected.get("stage1_value").asDouble());
        assertRelative(offer.get("delivered_kwh").asDouble(), expected.get("delivered_kwh").asDouble());
        assertThat(offer.get("outcome").asText()).isEqualTo("offer");
        assertThat(offer.get("offer_power_kw")).hasSize(96);
    }

    @Test
    void should_schedule_a_building_at_the_reference_optimum_with_its_kpis() {
        JsonNode expected = read(new String(fixture("selfconsumption/expected/campus1_ev4_batt.cost.json"), StandardCharsets.UTF_8));

        HttpResponse<String> response = post("/api/selfconsumption/optimize?objective=cost",
                fixture("selfconsumption/instances/campus1_ev4_batt.json"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode result = read(response.body());
        assertRelative(result.get("objective_total").asDouble(), expected.get("objective_total").asDouble());
        for (String kpi : new String[] {"net_cost_eur", "self_consumption_ratio", "self_sufficiency_ratio"}) {
            assertRelative(result.get(kpi).asDouble(), expected.at("/reference/" + kpi).asDouble());
        }
        assertThat(result.get("ev_unmet_kwh").asDouble()).isCloseTo(0.0, within(1e-6));
    }

    @Test
    void should_answer_400_with_the_reason_for_a_malformed_problem() {
        HttpResponse<String> flex = post("/api/flex/offer", "{\"schema\":\"phoenix-flexoffer/1\"".getBytes(StandardCharsets.UTF_8));
        assertThat(flex.statusCode()).isEqualTo(400);
        assertThat(read(flex.body()).get("detail").asText()).contains("phoenix-flexoffer/1");

        HttpResponse<String> sc = post("/api/selfconsumption/optimize?objective=greedy", fixture(
                "selfconsumption/instances/campus1_ev1.json"));
        assertThat(sc.statusCode()).isEqualTo(400);
        assertThat(read(sc.body()).get("detail").asText()).contains("objective must be cost or selfconsumption");
    }

    private HttpResponse<String> post(String path, byte[] body) {
        return admin(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static void assertRelative(double actual, double expected) {
        assertThat(actual).isCloseTo(expected, within(1e-6 * Math.max(1.0, Math.abs(expected))));
    }

    private static byte[] fixture(String path) {
        try (InputStream in = OptimizerApiTest.class.getResourceAsStream("/fixtures/" + path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
