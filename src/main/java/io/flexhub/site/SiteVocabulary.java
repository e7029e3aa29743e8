package io.flexhub.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The terms of the site entities' JSON-LD {@code @context} (the document shipped as
 * {@code /ngsi-ld/site-context.jsonld}), read from the document itself. Operators may host that document at any
 * URL, and a broker hands the hub a term as its short name, as its full IRI (when the request's context did not
 * define it) or under the core context's default prefix; {@link #term} recognises all three, so nothing in the hub
 * depends on which URL the context was given at.
 */
public final class SiteVocabulary {

    public static final String RESOURCE = "/ngsi-ld/site-context.jsonld";
    /** Where a broker puts a term that no context in play defines. */
    public static final String DEFAULT_CONTEXT_PREFIX = "https://uri.etsi.org/ngsi-ld/default-context/";

    private static final SiteVocabulary SHIPPED = load();

    private final byte[] document;
    private final Map<String, String> iriByTerm;
    private final Map<String, String> termByName = new LinkedHashMap<>();

    private SiteVocabulary(byte[] document, Map<String, String> iriByTerm) {
        this.document = document;
        this.iriByTerm = Map.copyOf(iriByTerm);
        iriByTerm.forEach((term, iri) -> {
            termByName.put(term, term);
            termByName.put(iri, term);
            termByName.put(DEFAULT_CONTEXT_PREFIX + term, term);
        });
    }

    public static SiteVocabulary shipped() {
        return SHIPPED;
    }

    /** The context document as shipped, byte for byte. */
    public byte[] document() {
        return document.clone();
    }

    /**
     * The full IRI of one of the hub's terms, e.g. {@code https://flexhub.io/ns/site#ratedPower}; empty for a name the
     * document leaves to the core context ({@code name}).
     */
    public Optional<String> iri(String term) {
        return Optional.ofNullable(iriByTerm.get(term));
    }

    /** The hub's term for a short name, a full IRI or a default-context IRI; empty for anything else. */
    public Optional<String> term(String name) {
        return Optional.ofNullable(name == null ? null : termByName.get(name));
    }

    private static SiteVocabulary load() {
        try (InputStream in = SiteVocabulary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the classpath");
            }
            byte[] bytes = in.readAllBytes();
            return new SiteVocabulary(bytes, terms(new ObjectMapper().readTree(bytes).path("@context")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Term definitions, plain strings or {@code {"@id": ...}}, with {@code prefix:} expanded. */
    private static Map<String, String> terms(JsonNode context) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = context.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String id = e.getValue().isTextual() ? e.getValue().asText() : e.getValue().path("@id").asText(null);
            if (id != null) {
                raw.put(e.getKey(), id);
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        raw.forEach((term, id) -> {
            int colon = id.indexOf(':');
            String prefix = colon < 0 ? null : raw.get(id.substring(0, colon));
            boolean isPrefix = id.endsWith("#") || id.endsWith("/");
            if (!isPrefix) {
                out.put(term, prefix != null && !id.startsWith("http") ? prefix + id.substring(colon + 1) : id);
            }
        });
        return out;
    }
}
