package io.flexhub.common;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a JSON document must not do before any of the hub's readers sees it: things a lenient parser accepts
 * silently (a key given twice, of which one value would win; more after the value, which would be ignored)
 * and things no real document needs (nesting deeper than {@value #MAX_DEPTH} levels, a number longer than
 * {@value #MAX_NUMBER_LENGTH} characters, which only serves to make a parser or a BigDecimal work hard). Plain
 * syntax errors are left to the entry's own reader, which names them in the terms of its document.
 */
public final class StrictJson {

    public static final int MAX_DEPTH = 64;
    public static final int MAX_NUMBER_LENGTH = 100;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private StrictJson() {
    }

    /**
     * @param what how to name the document in the message, e.g. {@code "Body"}
     * @throws IllegalArgumentException {@code "<what> is not valid JSON: ..."} with the line and column
     */
    public static void check(String json, String what) {
        boolean valueRead = false;
        JsonParser parser = null;
        try {
            parser = FACTORY.createParser(json);
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (valueRead) {
                    throw refused(what, "more follows the JSON value", parser.currentTokenLocation());
                }
                if (parser.getParsingContext().inRoot() && (token.isScalarValue() || token.isStructEnd())) {
                    valueRead = true;
                }
            }
        } catch (StreamConstraintsException e) {
            throw refused(what, e.getOriginalMessage().replaceFirst(", from `StreamReadConstraints[^`]*`", ""),
                    parser.currentLocation());
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            if (message.startsWith("Duplicate field")) {
                throw refused(what, "duplicate key" + message.substring("Duplicate field".length()), e.getLocation());
            }
            if (valueRead) {
                throw refused(what, "more follows the JSON value", e.getLocation());
            }
            // a syntax error: the entry's reader says it in its own terms
        } catch (IOException e) {
            throw new IllegalStateException("cannot happen reading from memory", e);
        } finally {
            close(parser);
        }
    }

    /**
     * A whole document from bytes, for files the hub imports: {@link StrictText#utf8}, {@link #check}, then read.
     *
     * @throws IllegalArgumentException naming what is wrong, syntax errors included
     */
    public static JsonNode read(byte[] content, String what) {
        String text = StrictText.utf8(content, what);
        check(text, what);
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw refused(what, e.getOriginalMessage(), e.getLocation());
        }
    }

    private static void close(JsonParser parser) {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException ignored) {
                // nothing was held but the in-memory text
            }
        }
    }

    private static IllegalArgumentException refused(String what, String problem, JsonLocation at) {
        String where = at == null || at.getLineNr() < 0 ? ""
                : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new IllegalArgumentException(what + " is not valid JSON: " + problem + where);
    }
}
