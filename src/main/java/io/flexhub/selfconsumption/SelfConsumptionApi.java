package io.flexhub.selfconsumption;

import java.util.Locale;

import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flexhub.common.ApiException;
import io.flexhub.common.SolveTimes;
import io.flexhub.selfconsumption.optimizer.Portfolio;
import io.flexhub.selfconsumption.optimizer.SelfConsumptionJson;
import io.flexhub.selfconsumption.optimizer.SelfConsumptionOptimizer;
import io.flexhub.selfconsumption.optimizer.SelfConsumptionOptions;

/**
 * {@code POST /api/selfconsumption/optimize}: schedules and KPIs for a {@code phoenix-selfconsumption/1} building
 * or portfolio, optimised per building in parallel. {@code objective=cost} (default) or {@code selfconsumption};
 * {@code schedule=true} adds the per-building schedules.
 */
@Component("selfConsumptionApi")
public class SelfConsumptionApi {

    private final SelfConsumptionJson json = new SelfConsumptionJson();
    private final SelfConsumptionOptimizer optimizer = new SelfConsumptionOptimizer();
    private final SolveTimes solveTimes;

    public SelfConsumptionApi(SolveTimes solveTimes) {
        this.solveTimes = solveTimes;
    }

    /** @param body the document as the route's unmarshal step read it (the shared body checks passed before) */
    public ObjectNode optimize(@Body JsonNode body, @Header("objective") String objective,
                               @Header("schedule") String schedule) {
        if (body == null || body.isMissingNode()) {
            throw ApiException.badRequest("Empty body: send a phoenix-selfconsumption/1 building or portfolio");
        }
        SelfConsumptionOptions options = switch (objective == null ? "cost" : objective.toLowerCase(Locale.ROOT)) {
            case "cost" -> SelfConsumptionOptions.cost();
            case "selfconsumption", "self-consumption" -> SelfConsumptionOptions.selfConsumption();
            default -> throw ApiException.badRequest("objective must be cost or selfconsumption, not " + objective);
        };
        Portfolio portfolio;
        try {
            portfolio = json.read(body);
        } catch (RuntimeException e) {
            // reading is interpretation of the caller's document: whatever fails there is a bad request
            throw ApiException.badRequest("Invalid phoenix-selfconsumption/1 document: " + e.getMessage());
        }
        return json.toJson(solveTimes.time(SolveTimes.SELF_CONSUMPTION,
                () -> optimizer.optimize(portfolio, options)), Boolean.parseBoolean(schedule));
    }
}
