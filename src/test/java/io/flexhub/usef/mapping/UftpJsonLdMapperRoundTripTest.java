package io.flexhub.usef.mapping;

import static io.flexhub.usef.mapping.UftpFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample message, both directions: nothing may be lost or changed. */
class UftpJsonLdMapperRoundTripTest {

    private static final UftpJsonLdMapper MAPPER = new UftpJsonLdMapper(CONTEXT_URL);

    static List<String> fixtures() {
        return messages();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void should_be_valid_against_the_official_xsd_when_a_sample_is_loaded(String fixture) {
        assertXsdValid(read(fixture));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void should_keep_the_xml_infoset_when_xml_goes_to_jsonld_and_back(String fixture) {
        byte[] xml = read(fixture);

        byte[] back = MAPPER.toUftpXml(MAPPER.toJsonLd(xml));

        assertXsdValid(back);
        assertThat(infoset(back)).isEqualTo(infoset(xml));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void should_keep_the_entity_when_jsonld_goes_to_xml_and_back(String fixture) {
        byte[] jsonLd = MAPPER.toJsonLd(read(fixture));

        byte[] back = MAPPER.toJsonLd(MAPPER.toUftpXml(jsonLd));

        assertThat(json(back)).isEqualTo(json(jsonLd));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void should_give_the_same_xml_when_the_entity_comes_back_as_key_values(String fixture) {
        byte[] xml = read(fixture);
        ObjectNode keyValues = keyValues(json(MAPPER.toJsonLd(xml)));

        byte[] back = MAPPER.toUftpXml(bytes(keyValues));

        assertThat(infoset(back)).isEqualTo(infoset(xml));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void should_give_the_same_xml_when_the_entity_has_no_context_and_type_comes_last(String fixture) {
        byte[] xml = read(fixture);
        JsonNode entity = json(MAPPER.toJsonLd(xml));
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>();
        entity.fields().forEachRemaining(members::add);
        Collections.reverse(members);
        ObjectNode plainJson = JSON.createObjectNode();
        members.stream().filter(m -> !m.getKey().equals("@context"))
                .forEach(m -> plainJson.set(m.getKey(), m.getValue()));

        byte[] back = MAPPER.toUftpXml(bytes(plainJson));

        assertThat(infoset(back)).isEqualTo(infoset(xml));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void should_name_the_message_type_when_given_either_form(String fixture) {
        byte[] xml = read(fixture);
        String root = infoset(xml).lines().findFirst().orElseThrow().replaceAll("^\\{null}(\\S+) .*$", "$1");

        UftpMessageType fromXml = MAPPER.messageTypeOfXml(xml);
        UftpMessageType fromJson = MAPPER.messageTypeOfJsonLd(MAPPER.toJsonLd(xml));

        assertThat(fromXml.xmlName()).isEqualTo(root);
        assertThat(fromJson).isEqualTo(fromXml);
    }

    @Test
    void should_cover_every_message_type_when_all_samples_are_read() {
        Set<UftpMessageType> covered = EnumSet.noneOf(UftpMessageType.class);

        messages().forEach(f -> covered.add(MAPPER.messageTypeOfXml(read(f))));

        assertThat(covered).containsExactlyInAnyOrder(UftpMessageType.values());
    }

    @Test
    void should_translate_consistently_when_one_mapper_is_shared_by_threads() throws Exception {
        List<String> fixtures = messages();
        List<byte[]> expected = fixtures.stream().map(f -> MAPPER.toJsonLd(read(f))).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < fixtures.size(); i++) {
                    int n = i;
                    results.add(pool.submit(() -> java.util.Arrays.equals(
                            MAPPER.toJsonLd(MAPPER.toUftpXml(expected.get(n))), expected.get(n))));
                }
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
