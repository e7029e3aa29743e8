package io.flexhub.flex;

import java.nio.charset.StandardCharsets;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

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

    public void offer(@Body byte[] body, Message out) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("Empty body: send a phoenix-flexoffer/1 problem");
        }
        FlexOfferSolution solution;
        try {
            FlexOfferProblem problem = json.readProblem(new String(body, StandardCharsets.UTF_8));
            solution = solveTimes.time(SolveTimes.FLEX_OFFER, () -> optimizer.solve(problem));
        } catch (RuntimeException e) {
            // reading is interpretation of the caller's document: whatever fails there is a bad request
            throw ApiException.badRequest("Invalid phoenix-flexoffer/1 problem: " + e.getMessage());
        }
        out.removeHeaders("*");
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setBody(json.writeSolution(solution).getBytes(StandardCharsets.UTF_8));
    }
}
