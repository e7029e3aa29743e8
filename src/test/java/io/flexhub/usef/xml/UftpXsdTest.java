package io.flexhub.usef.xml;

import static io.flexhub.usef.Hostile.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.flexhub.usef.Fixtures;
import io.flexhub.usef.Hostile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UftpXsdTest {

    private static final UftpXsd XSD = new UftpXsd();

    @Test
    void should_pass_when_the_payload_is_a_valid_flex_request() {
        assertThatCode(() -> XSD.validate(Fixtures.payload("FlexRequest.xml"))).doesNotThrowAnyException();
        assertThatCode(() -> XSD.validate(Fixtures.payload("TestMessage.xml"))).doesNotThrowAnyException();
    }

    @Test
    void should_pass_when_the_document_is_a_signed_message_envelope() {
        byte[] envelope = utf8("<SignedMessage SenderDomain=\"agr.example.com\" SenderRole=\"AGR\" Body=\"AAAA\"/>");

        assertThatCode(() -> XSD.validate(envelope)).doesNotThrowAnyException();
    }

    @Test
    void should_report_line_column_and_reason_when_an_enumeration_value_is_unknown() {
        byte[] invalid = utf8(Fixtures.payloadText("FlexRequest.xml")
                .replaceFirst("Disposition=\"Available\"", "Disposition=\"Maybe\""));

        assertThatThrownBy(() -> XSD.validate(invalid))
                .isInstanceOfSatisfying(UftpSchemaException.class, e -> {
                    assertThat(e.line()).isEqualTo(8);
                    assertThat(e.column()).isPositive();
                    assertThat(e.detail()).startsWith("cvc-enumeration-valid").contains("Maybe");
                })
                .hasMessageStartingWith("not schema-valid at line 8, column ");
    }

    @Test
    void should_refuse_a_declared_encoding_the_jdk_does_not_know_as_invalid_not_as_an_internal_error() {
        byte[] unknown = utf8(Fixtures.payloadText("TestMessage.xml").replaceFirst("encoding=\"UTF-8\"",
                "encoding=\"UTF-8UTF-8\""));

        assertThatThrownBy(() -> XSD.validate(unknown))
                .isInstanceOf(UftpSchemaException.class)
                .hasMessageContaining("cannot be read")
                .hasMessageContaining("UTF-8UTF-8");
    }

    @Test
    void should_refuse_when_version_is_missing() {
        byte[] invalid = utf8(Fixtures.payloadText("TestMessage.xml").replace("Version=\"3.0.0\" ", ""));

        assertThatThrownBy(() -> XSD.validate(invalid))
                .isInstanceOf(UftpSchemaException.class)
                .hasMessageContaining("Version");
    }

    @Test
    void should_refuse_when_the_root_element_is_not_a_uftp_message() {
        assertThatThrownBy(() -> XSD.validate(utf8("<Foo/>")))
                .isInstanceOf(UftpSchemaException.class)
                .hasMessageContaining("cvc-elt.1");
    }

    @Test
    void should_refuse_when_the_root_element_has_a_namespace() {
        byte[] namespaced = utf8(Fixtures.payloadText("TestMessage.xml")
                .replace("<TestMessage ", "<TestMessage xmlns=\"https://usef.info/schema/2019\" "));

        assertThatThrownBy(() -> XSD.validate(namespaced)).isInstanceOf(UftpSchemaException.class);
    }

    @Test
    void should_refuse_without_expanding_when_given_billion_laughs() {
        byte[] bomb = utf8(Hostile.billionLaughs("TestMessage"));

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> XSD.validate(bomb))
                .isInstanceOf(UftpSchemaException.class)
                .hasMessageContaining("DOCTYPE is disallowed"));
    }

    @Test
    void should_refuse_without_reading_the_file_when_an_entity_points_to_it(@TempDir Path dir) {
        byte[] xxe = utf8(Hostile.externalFileEntity(Hostile.secretFile(dir), "TestMessage"));

        assertThatThrownBy(() -> XSD.validate(xxe))
                .isInstanceOf(UftpSchemaException.class)
                .satisfies(e -> assertThat(Hostile.stackTrace(e)).doesNotContain(Hostile.SECRET));
    }

    @Test
    void should_not_connect_when_the_instance_names_a_remote_schema_or_dtd() throws Exception {
        try (Hostile.Trap trap = new Hostile.Trap()) {
            byte[] schemaLocation = utf8(Fixtures.payloadText("TestMessage.xml").replace("<TestMessage ",
                    "<TestMessage xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                            + " xsi:noNamespaceSchemaLocation=\"http://127.0.0.1:" + trap.port() + "/evil.xsd\" "));
            byte[] dtd = utf8(Hostile.externalDtd(trap.port(), "TestMessage"));
            byte[] entity = utf8(Hostile.externalHttpEntity(trap.port(), "TestMessage"));

            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                // the schema is fixed: the hint is ignored and the document still valid
                XSD.validate(schemaLocation);
                assertThatThrownBy(() -> XSD.validate(dtd)).isInstanceOf(UftpSchemaException.class);
                assertThatThrownBy(() -> XSD.validate(entity)).isInstanceOf(UftpSchemaException.class);
            });
            assertThat(trap.wasContacted()).isFalse();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "dso.example.com, SenderDomain, 253",
        "agr.example.com, RecipientDomain, 253",
        "3.0.0, Version, 32"})
    void should_refuse_quickly_when_a_patterned_attribute_is_huge(String value, String attribute, int max) {
        // Unbounded: the JDK's pattern matching is quadratic in the length (minutes for a megabyte).
        byte[] huge = utf8(Fixtures.payloadText("TestMessage.xml").replace(value, "x".repeat(1_000_000)));

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThatThrownBy(() -> XSD.validate(huge))
                .isInstanceOf(UftpSchemaException.class)
                .hasMessageEndingWith("attribute " + attribute + " of TestMessage is longer than " + max + " characters"));
    }

    @Test
    void should_refuse_quickly_when_the_time_zone_is_huge() {
        byte[] huge = utf8(Fixtures.payloadText("FlexRequest.xml").replace("Europe/Amsterdam",
                "Europe/" + "a".repeat(1_000_000)));

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThatThrownBy(() -> XSD.validate(huge))
                .isInstanceOf(UftpSchemaException.class)
                .hasMessageContaining("TimeZone"));
    }

    @Test
    void should_accept_when_a_free_text_attribute_is_long() {
        String response = "<FlexRequestResponse Version=\"3.0.0\" SenderDomain=\"agr.example.com\""
                + " RecipientDomain=\"dso.example.com\" TimeStamp=\"2024-05-01T08:01:00Z\""
                + " MessageID=\"4a6f7e5e-8d8b-4b7e-9c3b-0a4d2f9e1a11\""
                + " ConversationID=\"1f6f7e5e-8d8b-4b7e-9c3b-0a4d2f9e1a11\" Result=\"Rejected\""
                + " RejectionReason=\"" + "Invalid Message; ".repeat(5000) + "\""
                + " FlexRequestMessageID=\"0f6f7e5e-8d8b-4b7e-9c3b-0a4d2f9e1a11\"/>";

        assertThatCode(() -> XSD.validate(utf8(response))).doesNotThrowAnyException();
    }

    @Test
    void should_clip_the_message_when_an_invalid_attribute_value_is_long() {
        String longId = "x".repeat(100_000);
        byte[] invalid = utf8(Fixtures.payloadText("TestMessage.xml")
                .replace("2a6f7e5e-8d8b-4b7e-9c3b-0a4d2f9e1a11", longId));

        assertThatThrownBy(() -> XSD.validate(invalid))
                .isInstanceOfSatisfying(UftpSchemaException.class, e -> {
                    assertThat(e.getMessage()).hasSizeLessThan(UftpXmlException.MAX_TEXT + 10);
                    assertThat(e.detail()).hasSizeLessThan(UftpXmlException.MAX_TEXT + 10);
                });
    }

    @Test
    void should_give_each_caller_its_own_verdict_when_validating_from_many_threads() throws Exception {
        byte[] valid = Fixtures.payload("FlexRequest.xml");
        byte[] invalid = utf8(Fixtures.payloadText("FlexRequest.xml").replace("Revision=\"1\"", "Revision=\"x\""));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> verdicts = IntStream.range(0, 400)
                    .mapToObj(i -> pool.submit(() -> isValid(i % 3 == 0 ? invalid : valid) == (i % 3 != 0)))
                    .toList();
            for (Future<Boolean> verdict : verdicts) {
                assertThat(verdict.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean isValid(byte[] xml) {
        try {
            XSD.validate(xml);
            return true;
        } catch (UftpSchemaException e) {
            return false;
        }
    }

    @Test
    void should_refuse_when_a_processing_instruction_is_anywhere_in_the_document() {
        String message = Fixtures.payloadText("TestMessage.xml");
        int afterRoot = message.indexOf('>', message.indexOf("<TestMessage")) + 1;
        byte[] inside = utf8(message.substring(0, afterRoot) + "<?evil payload?>" + message.substring(afterRoot));
        byte[] after = utf8(message + "<?evil payload?>");

        for (byte[] document : List.of(inside, after)) {
            assertThatThrownBy(() -> XSD.validate(document))
                    .isInstanceOf(UftpSchemaException.class)
                    .hasMessageContaining("processing instructions are not allowed (<?evil?>)");
        }
    }
}
