package io.flexhub.usef.transport;

import static io.flexhub.usef.Hostile.utf8;
import static io.flexhub.usef.transport.SignedMessageCodecTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexhub.usef.Fixtures;
import io.flexhub.usef.Hostile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UftpPayloadsTest {

    private static final UftpPayloads PAYLOADS = new UftpPayloads(SignedMessageCodecTest.XSD);
    private static final String TEST_MESSAGE = Fixtures.payloadText("TestMessage.xml");

    @Test
    void should_read_type_senders_and_ids_when_given_a_flex_request() {
        PayloadHeader header = PAYLOADS.validate(Fixtures.payload("FlexRequest.xml"));

        assertThat(header).isEqualTo(new PayloadHeader("FlexRequest", "3.0.0", "dso.example.com",
                "agr.example.com", "0f6f7e5e-8d8b-4b7e-9c3b-0a4d2f9e1a11", "1f6f7e5e-8d8b-4b7e-9c3b-0a4d2f9e1a11"));
    }

    @Test
    void should_answer_400_when_iso_8859_1_is_declared() {
        byte[] declared = TEST_MESSAGE.replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"")
                .getBytes(StandardCharsets.ISO_8859_1);

        assertRefused(() -> PAYLOADS.header(declared), 400).isEqualTo("payload is not UTF-8");
    }

    @Test
    void should_answer_400_when_the_bytes_are_latin1() {
        byte[] latin1 = TEST_MESSAGE.replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<!-- Ä -->")
                .getBytes(StandardCharsets.ISO_8859_1);

        assertRefused(() -> PAYLOADS.validate(latin1), 400).isEqualTo("payload is not UTF-8");
    }

    @Test
    void should_answer_400_when_the_payload_has_a_doctype(@TempDir Path dir) {
        byte[] xxe = utf8(Hostile.externalFileEntity(Hostile.secretFile(dir), "TestMessage"));

        assertRefused(() -> PAYLOADS.validate(xxe), 400).isEqualTo("DOCTYPE is not allowed");
    }

    @Test
    void should_answer_400_when_version_is_missing() {
        byte[] noVersion = utf8(TEST_MESSAGE.replace("Version=\"3.0.0\" ", ""));

        assertRefused(() -> PAYLOADS.header(noVersion), 400).isEqualTo("payload TestMessage lacks Version");
    }

    @Test
    void should_answer_400_when_the_payload_has_a_namespace() {
        byte[] namespaced = utf8(TEST_MESSAGE.replace("<TestMessage ", "<TestMessage xmlns=\"urn:x\" "));

        assertRefused(() -> PAYLOADS.header(namespaced), 400)
                .isEqualTo("UFTP 3.x payloads have no namespace, got urn:x");
    }

    @Test
    void should_answer_400_with_the_position_when_the_payload_is_not_schema_valid() {
        byte[] invalid = utf8(TEST_MESSAGE.replace("2024-05-01T08:00:00Z", "yesterday"));

        assertRefused(() -> PAYLOADS.validate(invalid), 400)
                .startsWith("payload is not schema-valid at line 2, column ")
                .contains("yesterday");
    }

    @Test
    void should_answer_400_when_the_payload_is_truncated() {
        byte[] truncated = utf8(TEST_MESSAGE.substring(0, 80));

        assertRefused(() -> PAYLOADS.header(truncated), 400).startsWith("payload is not well-formed XML: line 2");
    }

    @Test
    void should_answer_400_when_the_payload_is_empty() {
        assertRefused(() -> PAYLOADS.header(new byte[0]), 400).startsWith("payload");
    }
}
