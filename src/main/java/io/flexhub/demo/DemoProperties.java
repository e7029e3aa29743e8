package io.flexhub.demo;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The demo DSO that lets the embedded quick start show a whole FlexRequest - FlexOffer - FlexOrder chain without
 * a real grid operator. Its key is published on purpose, so it must stay off in production.
 *
 * @param enabled           whether the demo DSO runs (its endpoints answer 404 otherwise)
 * @param dsoDomain         the domain it signs as; trusted as a participant only while the demo runs
 * @param dsoPrivateKey     Base64 Ed25519 seed (or libsodium secret key); blank: the demo DSO stays off
 * @param dsoEndpoint       where the hub sends it messages; blank: its endpoint on this process
 * @param productionProfiles Spring profiles of a real deployment, in which the hub refuses to start with the demo on
 * @param autoOrder         whether it orders every FlexOffer it receives
 * @param activationFactor  the ActivationFactor of those orders (at least the offer's MinActivationFactor)
 * @param hubEndpoint       where it posts its messages; blank: this process's own transport endpoint on localhost
 * @param receivedLimit     how many received and sent messages it remembers (in memory)
 * @param congestionPoint   the congestion point its FlexRequests are for (the demo site's)
 */
@Validated
@ConfigurationProperties(prefix = "flexhub.demo")
public record DemoProperties(
        boolean enabled,
        @NotBlank @Pattern(regexp = "([a-z0-9]+(-[a-z0-9]+)*\\.)+[a-z]{2,}") String dsoDomain,
        String dsoPrivateKey,
        URI dsoEndpoint,
        List<String> productionProfiles,
        boolean autoOrder,
        @NotNull @DecimalMin(value = "0.0", inclusive = false) @DecimalMax("1.0") BigDecimal activationFactor,
        URI hubEndpoint,
        @Min(1) @Max(10_000) int receivedLimit,
        @NotBlank String congestionPoint) {

    public DemoProperties {
        productionProfiles = productionProfiles == null ? List.of() : List.copyOf(productionProfiles);
    }

    public boolean active() {
        return enabled && dsoPrivateKey != null && !dsoPrivateKey.isBlank();
    }
}
