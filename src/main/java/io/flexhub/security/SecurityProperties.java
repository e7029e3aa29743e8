package io.flexhub.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;

/**
 * Admin credentials for {@code /api/**} and {@code /actuator/**}.
 *
 * @param adminUser     user name
 * @param adminPassword password; blank means "generate one at start-up and log it once"
 */
@Validated
@ConfigurationProperties(prefix = "flexhub.security")
public record SecurityProperties(@NotBlank String adminUser, String adminPassword) {
}
