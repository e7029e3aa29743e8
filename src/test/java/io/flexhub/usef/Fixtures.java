package io.flexhub.usef;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Sample UFTP messages under {@code src/test/resources/fixtures/usef/payloads}. */
public final class Fixtures {

    private Fixtures() {
    }

    public static byte[] payload(String name) {
        String path = "/fixtures/usef/payloads/" + name;
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String payloadText(String name) {
        return new String(payload(name), java.nio.charset.StandardCharsets.UTF_8);
    }
}
