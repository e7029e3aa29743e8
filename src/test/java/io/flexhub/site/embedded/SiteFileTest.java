package io.flexhub.site.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The site file is imported as strictly as a request body is read: a bad one stops the start naming why. */
class SiteFileTest {

    @Test
    void should_read_the_shipped_demo_site() throws IOException {
        try (InputStream in = SiteFileTest.class.getResourceAsStream("/site/demo-site.json")) {
            SiteFile file = SiteFile.read(in, "demo-site.json");
            assertThat(file.sites()).hasSize(1);
            assertThat(file.devices()).hasSize(16);
        }
    }

    @Test
    void should_refuse_a_site_file_that_is_not_utf8_or_repeats_a_key() {
        String site = "{\"format\": \"flexhub-site/1\", \"sites\": []}";
        assertThatThrownBy(() -> read(site.getBytes(StandardCharsets.UTF_16)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Site file x.json starts with a UTF-16BE byte order mark: it must be UTF-8");
        assertThatThrownBy(() -> read("{\"format\": \"flexhub-site/1\", \"sites\": [], \"sites\": [{}]}"
                .getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("Site file x.json is not valid JSON: duplicate key 'sites'");
        assertThatThrownBy(() -> read("{\"format\": ".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("Site file x.json is not valid JSON: Unexpected end-of-input");
    }

    private static SiteFile read(byte[] content) {
        return SiteFile.read(new ByteArrayInputStream(content), "x.json");
    }
}
