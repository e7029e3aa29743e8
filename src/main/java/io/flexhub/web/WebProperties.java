package io.flexhub.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Limits of the HTTP entries other than the UFTP transport, which keeps {@code flexhub.usef.max-body-bytes}.
 *
 * @param maxBodyBytes    largest request body of the admin APIs, the DR interface and NGSI-LD notifications
 * @param discardMaxBytes how much of a refused body still being sent is read and thrown away after the answer,
 *                        so that the client can read the answer instead of a reset connection
 * @param discardTimeout  how long that may take at most
 */
@Validated
@ConfigurationProperties(prefix = "flexhub.web")
public record WebProperties(@NotNull DataSize maxBodyBytes, @NotNull DataSize discardMaxBytes,
                            @NotNull Duration discardTimeout) {
}
