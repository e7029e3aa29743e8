package io.flexhub.selfconsumption;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import io.flexhub.selfconsumption.plan.Tariff;

/**
 * The nightly self-consumption run.
 *
 * @param cron               Quartz cron of the nightly run, in {@code cronTimeZone}
 * @param objective          {@code cost} or {@code selfconsumption}
 * @param tariff             default tariff (a site's assets file may override it)
 * @param assets             embedded mode: the site assets file (EV sessions, battery, tariff per site id)
 * @param surplusThresholdKw PV surplus above this in an ISP is offered to flexible loads (section 3.1.3)
 * @param threads            buildings optimised in parallel; 0 = available processors
 * @param actuation          how scheduled setpoints are applied
 * @param warmUpBuildings    buildings solved once in the background after start-up, so the first nightly run does not
 *                           pay the JIT (0 = off)
 * @param headroom           grid room kept where the DSO is likely to ask for flexibility
 */
@Validated
@ConfigurationProperties(prefix = "flexhub.selfconsumption")
public record SelfConsumptionProperties(@NotBlank String cron, @NotBlank String cronTimeZone, @NotBlank String objective,
        @NotNull Tariff tariff, @NotBlank String assets, double surplusThresholdKw, int threads,
        @NotNull Duration isp, @NotNull Actuation actuation, int warmUpBuildings, @NotNull @Valid Headroom headroom) {

    /** @param pollInterval how often due setpoints are looked for; {@code lease} how long a claim holds */
    public record Actuation(@NotNull Duration pollInterval, @NotNull Duration lease, @NotNull Duration retryDelay,
            int maxAttempts) {
    }

    /**
     * A soft price on import where a REDUCE request is likely and on export where an INCREASE request is: the plan moves
     * flexible consumption out of the ISPs where the grid is expected to be short, as far as that pays.
     *
     * @param weightEurPerKwh EUR per kWh at probability 1 (the price is {@code weight x probability}); 0 = off, the plan
     *                        is then exactly the plain one
     * @param minProbability  ISPs below this probability get no price (noise in a thin history moves nothing)
     */
    public record Headroom(@DecimalMin("0.0") double weightEurPerKwh, @DecimalMin("0.0") @DecimalMax("1.0")
            double minProbability) {

        public boolean enabled() {
            return weightEurPerKwh > 0.0;
        }
    }

    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
