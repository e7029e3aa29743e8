package io.flexhub.ops;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Operations settings: health thresholds and the database counts exported as gauges.
 *
 * @param outboxBacklogThreshold the outbox health is OUT_OF_SERVICE when more due PENDING messages than this are
 *                               older than {@code outboxBacklogAge}
 * @param outboxBacklogAge       how long a message may wait in the outbox before it counts as backlog
 * @param probeTimeout           connect and answer timeout of the broker and SMTP health checks
 * @param gaugeRefreshInterval   how often the count gauges are read from the database
 * @param countGauges            tables whose rows are counted per state; a table that does not exist (yet) is skipped
 */
@Validated
@ConfigurationProperties(prefix = "flexhub.ops")
public record OpsProperties(
        @Min(0) int outboxBacklogThreshold,
        @NotNull Duration outboxBacklogAge,
        @NotNull Duration probeTimeout,
        @NotNull Duration gaugeRefreshInterval,
        @Valid List<CountGauge> countGauges) {

    public OpsProperties {
        countGauges = countGauges == null ? List.of() : List.copyOf(countGauges);
    }

    /**
     * A gauge {@code metric{column=...}} with the number of rows of {@code table} per value of {@code column}.
     * Table and column are SQL identifiers (checked), as they are put into the query.
     */
    public record CountGauge(
            @NotNull @Pattern(regexp = "[a-z][a-z0-9_.]*") String metric,
            @NotNull @Pattern(regexp = "[a-z][a-z0-9_]*") String table,
            @NotNull @Pattern(regexp = "[a-z][a-z0-9_]*") String column) {
    }
}
