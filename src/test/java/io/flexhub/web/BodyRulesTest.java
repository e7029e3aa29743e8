package io.flexhub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BodyRulesTest {

    private static final List<String> UFTP = List.of("text/xml", "application/xml");

    @ParameterizedTest
    @ValueSource(strings = {"text/xml", "text/xml; charset=utf-8", "TEXT/XML;CHARSET=UTF-8", "application/xml",
        "application/xml; charset=\"UTF-8\"", "text/xml; boundary=x; charset=UTF8"})
    void should_accept_an_accepted_media_type_in_utf8(String contentType) throws Exception {
        assertThat(BodyRules.mediaType(contentType, UFTP)).isIn(UFTP);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void should_refuse_a_missing_content_type_naming_what_is_accepted(String contentType) {
        assertRefused(() -> BodyRules.mediaType(contentType, UFTP),
                "Content-Type is missing: it must be text/xml or application/xml");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "text/plain", "text/xml-external-parsed-entity", "xml",
        "application/x-www-form-urlencoded; charset=utf-8"})
    void should_refuse_another_media_type_naming_both(String contentType) {
        String type = contentType.split(";")[0];
        assertRefused(() -> BodyRules.mediaType(contentType, UFTP),
                "Content-Type must be text/xml or application/xml, got " + type);
        assertRefused(() -> BodyRules.mediaType(contentType, List.of("a/b", "c/d", "e/f")),
                "Content-Type must be a/b, c/d or e/f, got " + type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/xml; charset=ISO-8859-1", "application/xml;charset=utf-16", "text/xml; charset="})
    void should_refuse_a_charset_other_than_utf8(String contentType) {
        String given = contentType.substring(contentType.indexOf('=') + 1);
        assertRefused(() -> BodyRules.mediaType(contentType, UFTP),
                "charset must be UTF-8, got " + (given.isEmpty() ? "none" : given));
    }

    @Test
    void should_refuse_a_content_coding_it_would_have_to_undo() throws Exception {
        BodyRules.contentEncoding(null);
        BodyRules.contentEncoding("identity");
        assertRefused(() -> BodyRules.contentEncoding("gzip"),
                "Content-Encoding gzip is not supported: send the body uncompressed");
    }

    @Test
    void should_refuse_an_xml_declaration_naming_another_encoding() {
        assertThatCode(() -> BodyRules.xmlDeclaration("<?xml version=\"1.0\" encoding=\"utf-8\"?><a/>"))
                .doesNotThrowAnyException();
        assertThatCode(() -> BodyRules.xmlDeclaration("\uFEFF<?xml version='1.0'?><a/>")).doesNotThrowAnyException();
        assertThatThrownBy(() -> BodyRules.xmlDeclaration("<?xml version='1.0' encoding='ISO-8859-1' ?><a/>"))
                .isInstanceOfSatisfying(BodyRules.Refused.class, r -> assertThat(r.status(Dialect.API)).isEqualTo(400))
                .hasMessage("the XML declaration says encoding=\"ISO-8859-1\", but the body must be UTF-8");
    }

    @Test
    void should_answer_a_media_type_refusal_in_the_dialect_of_the_entry() {
        assertThatThrownBy(() -> BodyRules.mediaType("text/plain", UFTP))
                .isInstanceOfSatisfying(BodyRules.Refused.class, r -> {
                    assertThat(r.status(Dialect.API)).isEqualTo(415);
                    assertThat(r.status(Dialect.UFTP)).isEqualTo(400);
                    assertThat(r.status(Dialect.DR_INTERFACE)).isEqualTo(400);
                });
        assertThat(Dialect.of("/shapeshifter/api/v3/message")).isEqualTo(Dialect.UFTP);
        assertThat(Dialect.of("/demo-dso/shapeshifter/api/v3/message")).isEqualTo(Dialect.UFTP);
        assertThat(Dialect.of("/services/demand-response/request")).isEqualTo(Dialect.DR_INTERFACE);
        assertThat(Dialect.of("/api/usef/translate")).isEqualTo(Dialect.API);
        assertThat(Dialect.of("/ngsi-ld/notify/x")).isEqualTo(Dialect.API);
    }

    @Test
    void should_take_a_zip_as_binary_without_a_charset() throws Exception {
        java.util.List<String> archive = java.util.List.of("application/zip", "text/xml");

        assertThat(BodyRules.mediaType("application/zip", archive)).isEqualTo("application/zip");
        assertThat(BodyRules.isBinary("application/zip")).isTrue();
        assertThat(BodyRules.isBinary("text/xml")).isFalse();
        assertRefused(() -> BodyRules.mediaType("application/zip; charset=utf-8", archive),
                "application/zip is no text and takes no charset, got charset=utf-8");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String reason) {
        assertThatThrownBy(call).isInstanceOf(BodyRules.Refused.class).hasMessage(reason);
    }
}
