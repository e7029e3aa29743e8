package io.flexhub.usef.xml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.regex.Pattern;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.codehaus.stax2.XMLInputFactory2;
import org.codehaus.stax2.XMLStreamReader2;
import org.codehaus.stax2.validation.XMLValidationSchema;
import org.codehaus.stax2.validation.XMLValidationSchemaFactory;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSInput;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * The UFTP 3.x schema ({@code UFTP.xsd} and its includes from the root of the shapeshifter-api jar), compiled once.
 * One instance serves the whole hub: it is thread-safe, and compiling costs ~150 ms. It validates payloads and
 * the {@code SignedMessage} envelope alike, since {@code UFTP.xsd} includes {@code UFTP-common.xsd}.
 */
public final class UftpXsd {

    public static final String ROOT_XSD = "UFTP.xsd";

    // Only the schema files of the jar; anything else an include might name is refused.
    private static final Pattern UFTP_XSD = Pattern.compile("UFTP(-[a-z-]+)?\\.xsd");

    private final Schema schema;
    // The same files compiled for MSV, which validates a Woodstox stream while it is read: the translate
    // endpoint validates and translates in one parse instead of two (BENCHMARKS.md).
    private final XMLValidationSchema streamSchema;
    private final XMLInputFactory2 stax = SafeXml.newWoodstoxInputFactory();
    // Idle validator + reader pairs: creating them costs about as much as validating a 6 KB message
    // (UftpXsdBenchmark: 260 us per call against 140 us pooled). Never blocks; extras are dropped.
    private final BlockingQueue<Worker> idle =
            new ArrayBlockingQueue<>(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));

    public UftpXsd() {
        this.schema = compile();
        this.streamSchema = compileForStreams();
    }

    /** The compiled schema, e.g. for {@code Unmarshaller.setSchema}. {@link Schema} itself is thread-safe. */
    public Schema schema() {
        return schema;
    }

    /**
     * Validates a UTF-8 document through a hardened SAX parser, so a DOCTYPE or a processing instruction fails
     * here too.
     *
     * @throws UftpSchemaException with the validator's line, column and message
     */
    public void validate(byte[] xml) {
        Worker worker = idle.poll();
        if (worker == null) {
            worker = new Worker(schema);
        }
        try {
            worker.validate(xml);
        } catch (SAXParseException e) {
            // Not pooled again: after a failure nothing guarantees the parser's state is clean.
            throw new UftpSchemaException(e.getLineNumber(), e.getColumnNumber(), e.getMessage(), e);
        } catch (SAXException e) {
            throw new UftpSchemaException(-1, -1, e.getMessage(), e);
        }
        idle.offer(worker);
    }

    /**
     * A reader over a UTF-8 document whose events are checked against the UFTP schema as they are read, with the
     * same refusals as {@link #validate(byte[])} (DOCTYPE, processing instructions, over-long attributes). A
     * caller reading it to the end has validated the document; any violation is thrown from {@code next()} as an
     * unchecked {@link UftpSchemaException}, at the event where it is found. One reader per document, not
     * thread-safe.
     */
    public XMLStreamReader validatingReader(byte[] xml) {
        try {
            XMLStreamReader2 reader = (XMLStreamReader2) stax.createXMLStreamReader(new ByteArrayInputStream(xml));
            reader.validateAgainst(AttributeLimitSchema.INSTANCE);
            reader.validateAgainst(streamSchema);
            return new ValidatingReader(reader);
        } catch (XMLStreamException e) {
            throw ValidatingReader.refused(e.getLocation(), e.getMessage());
        }
    }

    private static XMLValidationSchema compileForStreams() {
        // The includes are read next to the root inside the same jar, so nothing outside it is ever fetched.
        URL root = UftpXsd.class.getClassLoader().getResource(ROOT_XSD);
        if (root == null) {
            throw new IllegalStateException(ROOT_XSD + " not on the classpath: is shapeshifter-api missing?");
        }
        try {
            return XMLValidationSchemaFactory.newInstance(XMLValidationSchema.SCHEMA_ID_W3C_SCHEMA).createSchema(root);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot compile " + ROOT_XSD + " for stream validation", e);
        }
    }

    private static Schema compile() {
        SchemaFactory factory = SafeXml.newSchemaFactory();
        DOMImplementationLS ls = domLoadAndSave();
        factory.setResourceResolver((type, namespace, publicId, systemId, baseUri) -> {
            if (systemId == null || !UFTP_XSD.matcher(systemId).matches()) {
                throw new IllegalStateException("UFTP schema refers to " + systemId + ", which is not in the jar");
            }
            LSInput include = ls.createLSInput();
            include.setPublicId(publicId);
            include.setSystemId(systemId);
            include.setBaseURI(baseUri);
            include.setByteStream(open(systemId));
            return include;
        });
        try (InputStream root = open(ROOT_XSD)) {
            return factory.newSchema(new StreamSource(root, "classpath:/" + ROOT_XSD));
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("cannot compile " + ROOT_XSD + " from the shapeshifter-api jar", e);
        }
    }

    private static DOMImplementationLS domLoadAndSave() {
        try {
            return (DOMImplementationLS) SafeXml.newDocumentBuilderFactory().newDocumentBuilder().getDOMImplementation();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("JDK DOM has no load-and-save support", e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = UftpXsd.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " not on the classpath: is shapeshifter-api missing?");
        }
        return in;
    }

    private static final class Worker {

        private final Validator validator;
        private final XMLReader reader;

        Worker(Schema schema) {
            this.validator = SafeXml.harden(schema.newValidator());
            this.validator.setErrorHandler(FAIL_ON_ERROR);
            this.reader = new AttributeLimits(new NoProcessingInstructions(SafeXml.newXmlReader()));
        }

        void validate(byte[] xml) throws SAXException {
            // No validator.reset(): the configuration never changes, and on JDK 17 reset() after the
            // ACCESS_EXTERNAL_* properties were set leaves the validator broken (NPE in the scanner).
            try {
                validator.validate(new SAXSource(reader, new InputSource(new ByteArrayInputStream(xml))));
            } catch (IOException e) {
                // from memory, only a declared encoding the JDK does not know gets here (e.g. "UTF-8UTF-8")
                throw new SAXParseException("cannot be read: " + e.getMessage(), null, null, 1, 1, e);
            }
        }
    }

    private static final ErrorHandler FAIL_ON_ERROR = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // warnings (e.g. about the schema itself) do not make a message invalid
        }

        @Override
        public void error(SAXParseException e) throws SAXParseException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            throw e;
        }
    };
}
