package io.flexhub.selfconsumption.optimizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Test fixtures under {@code fixtures/selfconsumption/} (see the README there). */
final class Fixtures {

    static final String ROOT = "/fixtures/selfconsumption/";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Fixtures() {
    }

    static Portfolio instance(String name) {
        try (InputStream in = open("instances/" + name + ".json")) {
            return new SelfConsumptionJson().read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode expected(String file) {
        try (InputStream in = open("expected/" + file)) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String path) {
        InputStream in = Fixtures.class.getResourceAsStream(ROOT + path);
        if (in == null) {
            throw new IllegalArgumentException("missing fixture " + ROOT + path);
        }
        return in;
    }
}
