package io.flexhub.usef.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.lfenergy.shapeshifter.api.PayloadMessageType;
import org.lfenergy.shapeshifter.core.common.xml.XmlSerializer;
import org.lfenergy.shapeshifter.core.common.xsd.XsdFactory;
import org.lfenergy.shapeshifter.core.common.xsd.XsdSchemaFactoryPool;
import org.lfenergy.shapeshifter.core.common.xsd.XsdSchemaProvider;
import org.lfenergy.shapeshifter.core.common.xsd.XsdValidator;
import org.lfenergy.shapeshifter.core.service.serialization.UftpSerializer;

import io.flexhub.usef.xml.SafeXml;
import io.flexhub.usef.xml.UftpXsd;

/**
 * Throughput of the translator on a 96-ISP FlexRequest, next to the floor of a schema-less Jackson XML read
 * plus JSON write of the same message (target: at least half the floor in both directions), and the path the HTTP
 * endpoint takes (the translation of a stream validated against the official schema as it is read) next to what a user of
 * shapeshifter-core does with the same document: its XSD validation and JAXB deserialisation (target: at least twice
 * as fast). Run with scripts/bench-translate.sh (surefire skips this class).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TranslationBenchmark {

    private final XmlMapper xmlMapper = new XmlMapper();
    private final ObjectMapper jsonMapper = new ObjectMapper();
    private final UftpJsonLdMapper mapper = new UftpJsonLdMapper("https://hub.flexhub.io/ngsi-ld/uftp-context.jsonld");
    private final UftpXsd xsd = new UftpXsd();
    private final XMLInputFactory woodstox = SafeXml.newWoodstoxInputFactory();
    private final UftpSerializer shapeshifter = new UftpSerializer(new XmlSerializer(),
            new XsdValidator(new XsdSchemaProvider(new XsdFactory(new XsdSchemaFactoryPool()))));
    private byte[] xml;
    private String xmlText;
    private byte[] jsonLd;

    @Setup
    public void load() throws IOException {
        try (InputStream in = TranslationBenchmark.class.getResourceAsStream("/fixtures/usef/FlexRequest.xml")) {
            xml = in.readAllBytes();
        }
        jsonLd = mapper.toJsonLd(xml);
        xmlText = new String(xml, StandardCharsets.UTF_8);
        // both paths must accept the document, or the comparison would time an early failure
        xsd.validate(xml);
        if (!java.util.Arrays.equals(mapper.toJsonLd(xsd.validatingReader(xml), xml.length), jsonLd)) {
            throw new IllegalStateException("the one-pass path translates differently");
        }
        shapeshifter.fromPayloadXml(xmlText);
    }

    @Benchmark
    public byte[] floor() throws IOException {
        return jsonMapper.writeValueAsBytes(xmlMapper.readTree(xml));
    }

    @Benchmark
    public byte[] xmlToJsonLd() {
        return mapper.toJsonLd(xml);
    }

    @Benchmark
    public byte[] jsonLdToXml() {
        return mapper.toUftpXml(jsonLd);
    }

    @Benchmark
    public byte[] roundTrip() {
        return mapper.toUftpXml(mapper.toJsonLd(xml));
    }

    /**
     * What POST /api/usef/translate does with UFTP XML: one parse, the translation reading a stream that is
     * validated against the UFTP 3.x schema as it is read.
     */
    @Benchmark
    public byte[] hubValidatedXmlToJsonLd() {
        return mapper.toJsonLd(xsd.validatingReader(xml), xml.length);
    }

    /** The endpoint's earlier path, for comparison: the Xerces validator over the document, then the translation. */
    @Benchmark
    public byte[] hubTwoPassXmlToJsonLd() {
        xsd.validate(xml);
        return mapper.toJsonLd(xml);
    }

    /** The Xerces validation alone (pooled and hardened; the receive path's validator). */
    @Benchmark
    public byte[] hubValidationOnly() {
        xsd.validate(xml);
        return xml;
    }

    /** The stream validation alone: the validating reader read to the end without translating. */
    @Benchmark
    public int hubStreamValidationOnly() throws XMLStreamException {
        return readToTheEnd(xsd.validatingReader(xml));
    }

    /** The same read without a validator, with the same hardened factory: what the schema checks add to a read. */
    @Benchmark
    public int streamReadOnly() throws XMLStreamException {
        return readToTheEnd(woodstox.createXMLStreamReader(new ByteArrayInputStream(xml)));
    }

    private static int readToTheEnd(XMLStreamReader reader) throws XMLStreamException {
        int events = 0;
        while (reader.hasNext()) {
            reader.next();
            events++;
        }
        reader.close();
        return events;
    }

    /** shapeshifter-core's way in: XSD validation and JAXB deserialisation into its message types. */
    @Benchmark
    public PayloadMessageType shapeshifterCoreValidatedRead() {
        return shapeshifter.fromPayloadXml(xmlText);
    }
}
