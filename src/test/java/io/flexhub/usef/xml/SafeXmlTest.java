package io.flexhub.usef.xml;

import static io.flexhub.usef.Hostile.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.flexhub.usef.Hostile;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

class SafeXmlTest {

    @Test
    void should_refuse_doctype_when_parsing_with_sax(@TempDir Path dir) {
        var reader = SafeXml.newXmlReader();
        reader.setContentHandler(new DefaultHandler());
        byte[] xxe = utf8(Hostile.externalFileEntity(Hostile.secretFile(dir), "TestMessage"));

        assertThatThrownBy(() -> reader.parse(new InputSource(new ByteArrayInputStream(xxe))))
                .isInstanceOf(SAXParseException.class)
                .hasMessageContaining("DOCTYPE is disallowed")
                .hasMessageNotContaining(Hostile.SECRET);
    }

    @Test
    void should_refuse_doctype_when_parsing_with_dom() {
        byte[] bomb = utf8(Hostile.billionLaughs("TestMessage"));

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() ->
                SafeXml.newDocumentBuilderFactory().newDocumentBuilder().parse(new ByteArrayInputStream(bomb)))
                .isInstanceOf(SAXParseException.class)
                .hasMessageContaining("DOCTYPE is disallowed"));
    }

    @Test
    void should_neither_expand_nor_fetch_when_stax_meets_a_doctype(@TempDir Path dir) throws Exception {
        byte[] xxe = utf8(Hostile.externalFileEntity(Hostile.secretFile(dir), "TestMessage"));
        XMLStreamReader reader = SafeXml.newXmlInputFactory().createXMLStreamReader(new ByteArrayInputStream(xxe));

        assertThat(reader.next()).isEqualTo(XMLStreamConstants.DTD);
        // With DTD support off, the JDK refuses the reference instead of resolving it.
        assertThatThrownBy(reader::next)
                .hasMessageContaining("xxe")
                .hasMessageNotContaining(Hostile.SECRET);
    }

    @Test
    void should_not_connect_when_sax_dom_or_stax_meet_remote_references() throws Exception {
        try (Hostile.Trap trap = new Hostile.Trap()) {
            for (String xml : Hostile.remoteReferences(trap.port(), "TestMessage")) {
                assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                    parseQuietly(() -> SafeXml.newXmlReader().parse(new InputSource(stream(xml))));
                    parseQuietly(() -> SafeXml.newDocumentBuilderFactory().newDocumentBuilder().parse(stream(xml)));
                    parseQuietly(() -> drain(SafeXml.newXmlInputFactory()
                            .createXMLStreamReader(stream(xml))));
                });
            }
            assertThat(trap.wasContacted()).isFalse();
        }
    }

    @Test
    void should_notice_a_connection_when_the_parser_is_not_hardened() throws Exception {
        // Proves the trap: a default StAX factory does fetch an external DTD.
        try (Hostile.Trap trap = new Hostile.Trap()) {
            String xml = Hostile.externalDtd(trap.port(), "TestMessage");
            // Daemon: the JDK's HTTP client retries and then waits for an answer that never comes.
            Thread parse = new Thread(() ->
                    parseQuietly(() -> drain(XMLInputFactory.newDefaultFactory().createXMLStreamReader(stream(xml)))));
            parse.setDaemon(true);
            parse.start();

            assertThat(trap.wasContacted(5000)).isTrue();
        }
    }

    private interface Parse {
        void run() throws Exception;
    }

    private static void parseQuietly(Parse parse) {
        try {
            parse.run();
        } catch (Exception expected) {
            // refusing is fine; what matters is who got contacted
        }
    }

    private static void drain(XMLStreamReader reader) throws Exception {
        while (reader.hasNext()) {
            reader.next();
        }
    }

    private static ByteArrayInputStream stream(String xml) {
        return new ByteArrayInputStream(utf8(xml));
    }
}
