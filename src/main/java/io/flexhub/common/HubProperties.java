package io.flexhub.common;

import java.net.URI;
import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Hub-wide settings.
 *
 * @param dataDir       where the embedded database and generated keys live
 * @param publicBaseUrl how peers and brokers reach this hub; the JSON-LD {@code @context} URL is derived from it
 */
@Validated
@ConfigurationProperties(prefix = "flexhub")
public record HubProperties(@NotNull Path dataDir, @NotNull URI publicBaseUrl) {

    /** Stable URL of the JSON-LD context the hub serves for its UFTP entities. */
    public String uftpContextUrl() {
        String base = publicBaseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/ngsi-ld/contexts/uftp.jsonld";
    }
}
