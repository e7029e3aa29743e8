package io.flexhub.energy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Energy history of the building page.
 *
 * @param simulator the demo building's simulated meter (embedded mode only)
 * @param broker    measurements from the NGSI-LD broker (broker mode only)
 */
@Validated
@ConfigurationProperties(prefix = "flexhub.energy")
public record EnergyProperties(@NotNull @Valid Simulator simulator, @NotNull @Valid Broker broker) {

    /**
     * @param enabled      simulate the meter of the embedded site(s); off: embedded mode keeps no energy history
     * @param seed         same seed, same history (tests assert on it)
     * @param backfillDays history written at the first start (and the most caught up after a stop)
     * @param tick         how often completed ISPs are written
     */
    public record Simulator(boolean enabled, long seed, @Min(0) int backfillDays, @NotNull Duration tick) {
    }

    /**
     * @param gapLookback  how far back ISPs without a reading are looked for in the temporal API (also the history
     *                     read at the first start)
     * @param gapFillEvery how often the temporal API is asked for what notifications missed
     */
    public record Broker(@NotNull Duration gapLookback, @NotNull Duration gapFillEvery) {
    }
}
