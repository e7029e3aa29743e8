package io.flexhub.selfconsumption;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

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

    public void optimize(@Body byte[] body, @Header("objective") String objective, @Header("schedule") String schedule,
                         Message out) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("Empty body: send a phoenix-selfconsumption/1 building or portfolio");
        }
        SelfConsumptionOptions options = switch (objective == null ? "cost" : objective.toLowerCase(Locale.ROOT)) {
            case "cost" -> SelfConsumptionOptions.cost();
            case "selfconsumption", "self-consumption" -> SelfConsumptionOptions.selfConsumption();
            default -> throw ApiException.badRequest("objective must be cost or selfconsumption, not " + objective);
        };
        Portfolio portfolio;
        try {
            portfolio = json.read(new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // reading is interpretation of the caller's document: whatever fails there is a bad request
            throw ApiException.badRequest("Invalid phoenix-selfconsumption/1 document: " + e.getMessage());
        }
        String result = json.write(solveTimes.time(SolveTimes.SELF_CONSUMPTION,
                () -> optimizer.optimize(portfolio, options)), Boolean.parseBoolean(schedule));
        out.removeHeaders("*");
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setBody(result.getBytes(StandardCharsets.UTF_8));
    }
}
