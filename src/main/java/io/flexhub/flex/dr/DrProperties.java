package io.flexhub.flex.dr;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Demand-response settings.
 *
 * @param congestionPoint     the site the seed's DR interface ({@code /services/demand-response/request}) acts on
 * @param ispDuration         ISP length of that interface (its 8 values are 15-minute ISPs); whole minutes
 * @param timeZone            zone of the ISP grid when the site has none in the context
 * @param pollInterval        how often due events are looked for
 * @param lease               how long an instance may hold an event it is actuating before another may take it
 * @param orderRecoveryAfter  accepted FlexOrders not planned after this long (crash, restart) are planned by the
 *                            recovery poll
 * @param retry               back-off of failed device commands
 */
@Validated
@ConfigurationProperties(prefix = "flexhub.dr")
public record DrProperties(@NotBlank String congestionPoint, @NotNull Duration ispDuration, @NotNull ZoneId timeZone,
                           @NotNull Duration pollInterval, @NotNull Duration lease,
                           @NotNull Duration orderRecoveryAfter, @Valid @NotNull Retry retry) {

    public DrProperties {
        // the flexibility LP counts ISPs in whole minutes: a shorter or ragged ISP would fail every request with a 400
        if (ispDuration != null && (ispDuration.toSeconds() < 60 || ispDuration.toSeconds() % 60 != 0
                || ispDuration.toNanosPart() != 0)) {
            throw new IllegalArgumentException("flexhub.dr.isp-duration must be a whole number of minutes, got "
                    + ispDuration);
        }
    }

    /**
     * @param initialDelay    first retry after a retryable failure, doubled per attempt
     * @param maxDelay        cap of the delay
     * @param alertAfter      consecutive failed attempts before an operator alert
     * @param restoreAttempts attempts after which giving a device back is abandoned (and alerted)
     */
    public record Retry(@NotNull Duration initialDelay, @NotNull Duration maxDelay, @Min(1) int alertAfter,
                        @Min(1) int restoreAttempts) {
    }
}
