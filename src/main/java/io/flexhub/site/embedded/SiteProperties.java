package io.flexhub.site.embedded;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The building the hub serves when it has no NGSI-LD broker.
 *
 * @param file Spring resource location of the {@code flexhub-site/1} document seeded at start-up
 */
@ConfigurationProperties(prefix = "flexhub.site")
public record SiteProperties(String file) {

    public SiteProperties {
        file = file == null || file.isBlank() ? "classpath:site/demo-site.json" : file;
    }
}
