package io.flexhub.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The site @context as shipped to operators, and the hub's terms recognised in every form a broker returns. */
class SiteVocabularyTest {

    @Test
    void should_ship_the_same_context_document_for_operators_to_host_as_the_hub_serves() throws IOException {
        assertThat(Files.readAllBytes(Path.of("docs/ngsi-ld/site-context.jsonld")))
                .as("docs/ngsi-ld/site-context.jsonld is a copy of src/main/resources" + SiteVocabulary.RESOURCE)
                .isEqualTo(SiteVocabulary.shipped().document());
    }

    @Test
    void should_recognise_a_term_short_expanded_or_under_the_default_prefix() {
        SiteVocabulary v = SiteVocabulary.shipped();
        assertThat(v.iri("ratedPower")).hasValue("https://flexhub.io/ns/site#ratedPower");
        assertThat(v.iri("refBuilding")).hasValue("https://flexhub.io/ns/site#refBuilding");
        assertThat(v.iri("Building")).hasValue("https://smartdatamodels.org/dataModel.Building/Building");
        assertThat(v.iri("name")).isEmpty();
        assertThat(v.term("Building")).hasValue("Building");
        assertThat(v.term("https://smartdatamodels.org/dataModel.Building/Building")).hasValue("Building");
        assertThat(v.term("https://flexhub.io/ns/site#Thermostat")).hasValue("Thermostat");
        assertThat(v.term(SiteVocabulary.DEFAULT_CONTEXT_PREFIX + "FlexConfiguration")).hasValue("FlexConfiguration");
        assertThat(v.term("https://example.org/other#Building")).isEmpty();
        assertThat(v.term("flexhub")).as("a prefix is no term").isEmpty();
    }
}
