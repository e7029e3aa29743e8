package io.flexhub.selfconsumption;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

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
 */
@Validated
@ConfigurationProperties(prefix = "flexhub.selfconsumption")
public record SelfConsumptionProperties(@NotBlank String cron, @NotBlank String cronTimeZone, @NotBlank String objective,
        @NotNull Tariff tariff, @NotBlank String assets, double surplusThresholdKw, int threads,
        @NotNull Duration isp, @NotNull Actuation actuation, int warmUpBuildings) {

    /** @param pollInterval how often due setpoints are looked for; {@code lease} how long a claim holds */
    public record Actuation(@NotNull Duration pollInterval, @NotNull Duration lease, @NotNull Duration retryDelay,
            int maxAttempts) {
    }

    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
