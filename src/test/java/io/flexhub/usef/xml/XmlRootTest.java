package io.flexhub.usef.xml;

import static io.flexhub.usef.Hostile.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.flexhub.usef.Fixtures;
import io.flexhub.usef.Hostile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XmlRootTest {

    @Test
    void should_return_name_and_attributes_when_reading_a_payload() {
        RootElement root = XmlRoot.read(Fixtures.payload("FlexRequest.xml"), "payload");

        assertThat(root.localName()).isEqualTo("FlexRequest");
        assertThat(root.namespaceUri()).isEmpty();
        assertThat(root.attribute("SenderDomain")).isEqualTo("dso.example.com");
        assertThat(root.attribute("MessageID")).isEqualTo("0f6f7e5e-8d8b-4b7e-9c3b-0a4d2f9e1a11");
        assertThat(root.attribute("Nonexistent")).isNull();
    }

    @Test
    void should_accept_when_the_document_starts_with_a_utf8_byte_order_mark() {
        byte[] withBom = utf8("\uFEFF<TestMessage Version=\"3.0.0\"/>");

        assertThat(XmlRoot.read(withBom, "payload").localName()).isEqualTo("TestMessage");
    }

    @Test
    void should_refuse_when_iso_8859_1_is_declared() {
        byte[] latin1Declared = utf8("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><TestMessage/>");

        assertThatThrownBy(() -> XmlRoot.read(latin1Declared, "payload"))
                .isInstanceOf(UftpXmlException.class)
                .hasMessage("payload is not UTF-8");
    }

    @Test
    void should_refuse_when_the_bytes_are_latin1_without_declaration() {
        byte[] latin1 = "<TestMessage RejectionReason=\"prévu\"/>".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> XmlRoot.read(latin1, "payload"))
                .isInstanceOf(UftpXmlException.class)
                .hasMessage("payload is not UTF-8");
    }

    @Test
    void should_refuse_when_the_document_is_utf16_with_byte_order_mark() {
        byte[] utf16 = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><TestMessage/>".getBytes(StandardCharsets.UTF_16);

        assertThatThrownBy(() -> XmlRoot.read(utf16, "SignedMessage"))
                .isInstanceOf(UftpXmlException.class)
                .hasMessage("SignedMessage is not UTF-8");
    }

    @Test
    void should_refuse_when_the_document_is_utf16_without_byte_order_mark() {
        // Valid UTF-8 bytes (ASCII and NULs), which a byte-sniffing parser would read as UTF-16.
        byte[] utf16le = "<TestMessage/>".getBytes(StandardCharsets.UTF_16LE);

        assertThatThrownBy(() -> XmlRoot.read(utf16le, "payload")).isInstanceOf(UftpXmlException.class);
    }

    @Test
    void should_refuse_when_a_utf8_sequence_is_overlong() {
        byte[] overlong = {'<', 'a', ' ', 'b', '=', '"', (byte) 0xC0, (byte) 0xAF, '"', '/', '>'};

        assertThatThrownBy(() -> XmlRoot.read(overlong, "payload")).hasMessage("payload is not UTF-8");
    }

    @Test
    void should_refuse_with_line_and_column_when_the_xml_is_truncated() {
        byte[] truncated = utf8("<?xml version=\"1.0\"?>\n<FlexRequest Version=\"3.0");

        assertThatThrownBy(() -> XmlRoot.read(truncated, "payload"))
                .isInstanceOf(UftpXmlException.class)
                .hasMessageStartingWith("payload is not well-formed XML: line 2, column");
    }

    @Test
    void should_refuse_when_the_document_is_empty() {
        assertThatThrownBy(() -> XmlRoot.read(new byte[0], "payload")).isInstanceOf(UftpXmlException.class);
    }

    @Test
    void should_refuse_without_expanding_when_given_billion_laughs() {
        byte[] bomb = utf8(Hostile.billionLaughs("TestMessage"));

        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThatThrownBy(() -> XmlRoot.read(bomb, "payload")).hasMessage(XmlRoot.DOCTYPE_NOT_ALLOWED));
    }

    @Test
    void should_refuse_without_reading_the_file_when_an_entity_points_to_it(@TempDir Path dir) {
        byte[] xxe = utf8(Hostile.externalFileEntity(Hostile.secretFile(dir), "TestMessage"));

        assertThatThrownBy(() -> XmlRoot.read(xxe, "payload"))
                .hasMessage("DOCTYPE is not allowed")
                .hasStackTraceContaining("DOCTYPE")
                .satisfies(e -> assertThat(Hostile.stackTrace(e)).doesNotContain(Hostile.SECRET));
    }

    @Test
    void should_not_connect_when_an_entity_or_dtd_points_to_a_server() throws Exception {
        try (Hostile.Trap trap = new Hostile.Trap()) {
            for (String hostile : Hostile.remoteReferences(trap.port(), "TestMessage")) {
                assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                        assertThatThrownBy(() -> XmlRoot.read(utf8(hostile), "payload"))
                                .hasMessage(XmlRoot.DOCTYPE_NOT_ALLOWED));
            }
            assertThat(trap.wasContacted()).isFalse();
        }
    }

    @Test
    void should_refuse_when_a_processing_instruction_precedes_the_root() {
        byte[] stylesheet = utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<?xml-stylesheet type=\"text/xsl\" href=\"http://127.0.0.1:9/x.xsl\"?><TestMessage/>");

        assertThatThrownBy(() -> XmlRoot.read(stylesheet, "payload"))
                .isInstanceOf(UftpXmlException.class)
                .hasMessage("processing instructions are not allowed (<?xml-stylesheet?>)");
    }
}
