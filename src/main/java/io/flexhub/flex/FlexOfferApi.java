package io.flexhub.flex;

import org.apache.camel.Body;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flexhub.common.ApiException;
import io.flexhub.common.SolveTimes;
import io.flexhub.flex.optimizer.FlexOfferJson;
import io.flexhub.flex.optimizer.FlexOfferOptimizer;
import io.flexhub.flex.optimizer.FlexOfferProblem;
import io.flexhub.flex.optimizer.FlexOfferSolution;

/**
 * {@code POST /api/flex/offer}: the offer the engine computes for a {@code phoenix-flexoffer/1} problem (the
 * reference solver's JSON), so that the optimizer can be checked against the reference from outside.
 */
@Component("flexOfferApi")
public class FlexOfferApi {

    private final FlexOfferJson json = new FlexOfferJson();
    private final FlexOfferOptimizer optimizer = new FlexOfferOptimizer();
    private final SolveTimes solveTimes;

    public FlexOfferApi(SolveTimes solveTimes) {
        this.solveTimes = solveTimes;
    }

    /** @param body the problem as the route's unmarshal step read it (the shared body checks passed before) */
    public ObjectNode offer(@Body JsonNode body) {
        if (body == null || body.isMissingNode()) {
            throw ApiException.badRequest("Empty body: send a phoenix-flexoffer/1 problem");
        }
        FlexOfferSolution solution;
        try {
            FlexOfferProblem problem = json.problemFromTree(body);
            solution = solveTimes.time(SolveTimes.FLEX_OFFER, () -> optimizer.solve(problem));
        } catch (RuntimeException e) {
            // reading is interpretation of the caller's document: whatever fails there is a bad request
            throw ApiException.badRequest("Invalid phoenix-flexoffer/1 problem: " + e.getMessage());
        }
        return json.solutionToTree(solution);
    }
}
