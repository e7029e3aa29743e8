package io.flexhub.flex.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class FlexOfferJsonTest {

    private final FlexOfferJson json = new FlexOfferJson();

    @Test
    void should_read_every_field_when_parsing_the_reference_example() throws IOException {
        FlexOfferProblem problem = json.readProblem(fixture("instances/bench-example.json"));

        assertThat(problem.ispCount()).isEqualTo(96);
        assertThat(problem.ispMinutes()).isEqualTo(15);
        assertThat(problem.request().direction()).isEqualTo(Direction.REDUCE);
        assertThat(problem.request().isps()).hasSize(96);
        assertThat(problem.request().isps().get(72))
                .isEqualTo(new RequestIsp(73, 1, Disposition.REQUESTED, 5.0, 15.0));
        assertThat(problem.controllable()).extracting(ControllableDevice::id).containsExactly("hvac", "lighting");
        assertThat(problem.controllable().get(1).maxKwh()).isEqualTo(2.0);
        assertThat(problem.controllable().get(0).maxKwh()).isNull();
        assertThat(problem.shiftable().get(1).windows()).containsExactly(new OperationWindow(0, 32));
        assertThat(problem.shiftable().get(1).mandatory()).isTrue();
    }

    @Test
    void should_apply_the_reference_defaults_when_optional_fields_are_missing() {
        FlexOfferProblem problem = json.readProblem("""
                {"request": {"isps": [{"start": 3, "disposition": "Requested", "max_kw": 2}]},
                 "controllable": [{"id": "c", "baseline_kw": %s, "factor": 0.5}],
                 "shiftable": [{"id": "s", "baseline_kw": %s, "max_kw": 1, "windows": [[0, 96]]}]}
                """.formatted(zeros(96), zeros(96)));

        assertThat(problem.ispCount()).isEqualTo(96);
        assertThat(problem.ispMinutes()).isEqualTo(15);
        assertThat(problem.ispWeight()).isNull();
        assertThat(problem.request().direction()).isEqualTo(Direction.REDUCE);
        assertThat(problem.request().isps().get(0)).isEqualTo(new RequestIsp(3, 1, Disposition.REQUESTED, 0, 2));
        assertThat(problem.controllable().get(0).weight()).isEqualTo(ControllableDevice.DEFAULT_WEIGHT);
        assertThat(problem.shiftable().get(0).weight()).isEqualTo(ShiftableDevice.DEFAULT_WEIGHT);
        assertThat(problem.shiftable().get(0).mandatory()).isTrue();
    }

    @Test
    void should_give_back_the_same_problem_when_written_and_read_again() {
        for (FlexOfferProblem problem : FlexOfferInstances.storedFixtures().values()) {
            assertThat(json.readProblem(json.writeProblem(problem))).isEqualTo(problem);
        }
    }

    @Test
    void should_reject_the_problem_when_the_schema_is_another_one() {
        assertThatThrownBy(() -> json.readProblem("{\"schema\": \"phoenix-selfconsumption/1\", \"request\": {}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("phoenix-flexoffer/1");
    }

    @Test
    void should_name_the_missing_field_when_a_required_one_is_absent() {
        assertThatThrownBy(() -> json.readProblem("{\"request\": {\"isps\": [{\"start\": 1, \"max_kw\": 1}]}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"disposition\"");
    }

    @Test
    void should_write_the_reference_result_keys_and_read_them_back_when_writing_a_solution() throws IOException {
        FlexOfferSolution solution = new FlexOfferOptimizer()
                .solve(json.readProblem(fixture("instances/bench-example.json")));

        String written = json.writeSolution(solution);

        JsonNode tree = new ObjectMapper().readTree(written);
        assertThat(tree.fieldNames()).toIterable().startsWith("status", "direction", "requested_kwh",
                "delivered_kwh", "shortfall_kwh", "curtailed_kwh", "shifted_kwh", "stage1_value",
                "stage2_discomfort", "offer_power_kw", "n_vars", "n_cons", "stage1_s", "stage2_s", "device_plan")
                .contains("outcome", "offer_power_w", "requested_isps");
        assertThat(tree.get("offer_power_w").get(72).asLong()).isEqualTo(solution.offerPowerW()[72]);
        assertThat(json.readSolution(written)).isEqualTo(solution);
    }

    @Test
    void should_read_the_reference_output_when_it_has_no_outcome() throws IOException {
        FlexOfferSolution reference = json.readSolution(fixture("expected/bench-example.json"));

        assertThat(reference.outcome()).isEqualTo(FlexOfferSolution.Outcome.OFFER);
        assertThat(reference.stage1Value()).isEqualTo(-56.18254999999995);
        assertThat(reference.offerPowerKw()).hasSize(96);
    }

    private static String zeros(int n) {
        return "[" + "0,".repeat(n - 1) + "0]";
    }

    private static String fixture(String path) throws IOException {
        try (InputStream in = FlexOfferJsonTest.class.getResourceAsStream("/fixtures/flexoffer/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
