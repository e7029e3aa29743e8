package io.flexhub.flex.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java optimizer against the Python reference (bench/ref_flexoffer.py) on every fixture: same outcome, and
 * stage-1 value and delivered energy within 1e-6 relative, as bench/README.md asks.
 */
class FlexOfferReferenceTest {

    private static final String FIXTURES = "/fixtures/flexoffer/";
    private static final double RELATIVE = 1e-6;
    private static final FlexOfferJson JSON = new FlexOfferJson();
    private static final FlexOfferOptimizer OPTIMIZER = new FlexOfferOptimizer();
    private static double worstRelativeError;

    static Stream<String> fixtures() throws IOException, URISyntaxException {
        URL expected = FlexOfferReferenceTest.class.getResource(FIXTURES + "expected");
        try (Stream<Path> files = Files.list(Path.of(expected.toURI()))) {
            return files.map(f -> f.getFileName().toString().replace(".json", "")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void should_match_reference_stage1_value_and_delivered_energy_when_solving_fixture(String name)
            throws IOException {
        FlexOfferProblem problem = problem(name);
        FlexOfferSolution reference = JSON.readSolution(resource("expected/" + name + ".json"));

        FlexOfferSolution solution = OPTIMIZER.solve(problem);

        assertThat(solution.outcome()).isEqualTo(referenceOutcome(problem, reference));
        if (solution.outcome() == FlexOfferSolution.Outcome.INFEASIBLE) {
            return;
        }
        assertClose(solution.stage1Value(), reference.stage1Value());
        assertClose(solution.deliveredKwh(), reference.deliveredKwh());
        assertClose(solution.requestedKwh(), reference.requestedKwh());
        assertClose(solution.stage2Discomfort(), reference.stage2Discomfort());
    }

    /** The 1,000- and 10,000-device instances are rebuilt, not stored: the generator must not drift. */
    @Test
    void should_rebuild_the_stored_instances_when_the_generator_runs_again() throws IOException {
        for (var fixture : FlexOfferInstances.storedFixtures().entrySet()) {
            assertThat(JSON.readProblem(resource("instances/" + fixture.getKey() + ".json")))
                    .as(fixture.getKey()).isEqualTo(fixture.getValue());
        }
    }

    @AfterAll
    static void reportWorstError() {
        System.out.printf("worst relative error against the reference: %.3e%n", worstRelativeError);
    }

    /**
     * The reference has no outcome: it says "optimal" with 0 kW in every Requested ISP, and may still move energy
     * in Available ISPs (optional devices drop energy there to save time-distance cost).
     */
    private static FlexOfferSolution.Outcome referenceOutcome(FlexOfferProblem problem, FlexOfferSolution reference) {
        if (reference.outcome() == FlexOfferSolution.Outcome.INFEASIBLE) {
            return reference.outcome();
        }
        RequestedIsps isps = new RequestedIsps(problem.request(), problem.ispCount());
        for (int t : isps.requested) {
            if (Math.abs(reference.offerPowerKw().get(t)) >= FlexOfferOptimizer.NO_OFFER_KW) {
                return FlexOfferSolution.Outcome.OFFER;
            }
        }
        return FlexOfferSolution.Outcome.NOTHING_TO_OFFER;
    }

    private static FlexOfferProblem problem(String name) throws IOException {
        FlexOfferProblem generated = FlexOfferInstances.generatedFixtures().get(name);
        return generated != null ? generated : JSON.readProblem(resource("instances/" + name + ".json"));
    }

    private static void assertClose(double actual, double expected) {
        double error = Math.abs(actual - expected);
        if (expected != 0.0) {
            worstRelativeError = Math.max(worstRelativeError, error / Math.abs(expected));
        }
        assertThat(error).as("%s vs reference %s", actual, expected).isLessThanOrEqualTo(
                RELATIVE * Math.abs(expected) + 1e-9);
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = FlexOfferReferenceTest.class.getResourceAsStream(FIXTURES + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
