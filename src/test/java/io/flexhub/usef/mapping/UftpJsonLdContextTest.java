package io.flexhub.usef.mapping;

import static io.flexhub.usef.mapping.UftpFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The context document the hub serves must define every term the translator emits, and nothing else. */
class UftpJsonLdContextTest {

    private static final UftpJsonLdMapper MAPPER = new UftpJsonLdMapper(CONTEXT_URL);

    /** Keys that are JSON-LD keywords or NGSI-LD core terms, defined by the core context. */
    private static final Set<String> CORE = Set.of("id", "type", "value", "object", "unitCode", "datasetId",
            "@context", "@type", "@value");

    @Test
    void should_define_every_term_with_a_uftp_iri_when_the_samples_are_translated() throws IOException {
        Map<String, String> context = contextTerms();
        Set<String> emitted = new TreeSet<>();
        messages().forEach(f -> collectTerms(json(MAPPER.toJsonLd(read(f))), emitted));

        assertThat(emitted).isNotEmpty().allSatisfy(term ->
                assertThat(context).containsEntry(term, "uftp:" + term));
    }

    @Test
    void should_define_exactly_the_schema_terms_when_the_context_document_is_read() throws IOException {
        Map<String, String> context = contextTerms();

        assertThat(context.keySet()).isEqualTo(UftpSchema.terms());
        assertThat(context.keySet()).doesNotContainAnyElementsOf(UftpSchema.NGSI_LD_MEMBERS);
    }

    @Test
    void should_expand_terms_under_the_hub_vocabulary_when_the_prefix_is_read() throws IOException {
        JsonNode document = readContextDocument();

        assertThat(document.at("/@context/uftp").asText()).isEqualTo(UftpSchema.VOCABULARY);
    }

    private static void collectTerms(JsonNode node, Set<String> terms) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (!CORE.contains(e.getKey())) {
                    terms.add(e.getKey());
                }
                if (e.getKey().equals("type") && e.getValue().isTextual() && !node.has("value")
                        && !node.has("object")) {
                    terms.add(e.getValue().asText());
                }
                collectTerms(e.getValue(), terms);
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectTerms(element, terms));
        }
    }

    private static Map<String, String> contextTerms() throws IOException {
        Map<String, String> terms = new TreeMap<>();
        readContextDocument().get("@context").fields()
                .forEachRemaining(e -> terms.put(e.getKey(), e.getValue().asText()));
        terms.remove("uftp");
        return terms;
    }

    private static JsonNode readContextDocument() throws IOException {
        try (InputStream in = UftpJsonLdMapper.class.getResourceAsStream(UftpJsonLdMapper.CONTEXT_RESOURCE)) {
            assertThat(in).as(UftpJsonLdMapper.CONTEXT_RESOURCE + " on the classpath").isNotNull();
            return JSON.readTree(in);
        }
    }
}
