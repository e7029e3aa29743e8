package io.flexhub.probes.runtime;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Scheduled service probes.
 *
 * @param enabled      false: no probe route is created (definitions are still listed)
 * @param directory    where operators put definition files ({@code *.yaml}); watched for changes
 * @param resources    classpath pattern of the definitions shipped with the hub
 * @param scanInterval how often the directory is checked for new, changed and removed definitions
 * @param tick         how often each probe route checks whether a scheduled time has come
 * @param catchUp      a scheduled time missed by at most this much (hub busy or restarting) is still run, once
 * @param hubUrl       what {@code ${hub}} stands for in definitions; empty: http://localhost:<the hub's port>
 */
@Validated
@ConfigurationProperties(prefix = "flexhub.probes")
public record ProbeProperties(boolean enabled, @NotNull Path directory, @NotNull String resources,
                             @NotNull Duration scanInterval, @NotNull Duration tick, @NotNull Duration catchUp,
                             String hubUrl) {
}
