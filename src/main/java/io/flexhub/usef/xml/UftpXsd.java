package io.flexhub.usef.xml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
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
    // Creating a validator and a reader costs more than validating a typical message (UftpXsdBenchmark).
    private final Pool<Worker> workers;

    public UftpXsd() {
        this.schema = compile();
        this.workers = new Pool<>(() -> new Worker(schema));
    }

    /** The compiled schema, e.g. for {@code Unmarshaller.setSchema}. {@link Schema} itself is thread-safe. */
    public Schema schema() {
        return schema;
    }

    /**
     * Validates a UTF-8 document through a hardened SAX parser, so a DOCTYPE fails here too.
     *
     * @throws UftpSchemaException with the validator's line, column and message
     */
    public void validate(byte[] xml) {
        Worker worker = workers.borrow();
        try {
            worker.validate(xml);
        } catch (SAXParseException e) {
            throw new UftpSchemaException(e.getLineNumber(), e.getColumnNumber(), e.getMessage(), e);
        } catch (SAXException e) {
            throw new UftpSchemaException(-1, -1, e.getMessage(), e);
        }
        workers.giveBack(worker);
    }

    private static Schema compile() {
        SchemaFactory factory = SafeXml.newSchemaFactory();
        factory.setResourceResolver((type, namespace, publicId, systemId, baseUri) -> {
            if (systemId == null || !UFTP_XSD.matcher(systemId).matches()) {
                throw new IllegalStateException("UFTP schema refers to " + systemId + ", which is not in the jar");
            }
            return new ClasspathInput(publicId, systemId, baseUri, open(systemId));
        });
        try (InputStream root = open(ROOT_XSD)) {
            return factory.newSchema(new StreamSource(root, "classpath:/" + ROOT_XSD));
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("cannot compile " + ROOT_XSD + " from the shapeshifter-api jar", e);
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
            this.reader = new AttributeLimits(SafeXml.newXmlReader());
        }

        void validate(byte[] xml) throws SAXException {
            // No validator.reset(): the configuration never changes, and on JDK 17 reset() after the
            // ACCESS_EXTERNAL_* properties were set leaves the validator broken (NPE in the scanner).
            try {
                validator.validate(new SAXSource(reader, new InputSource(new ByteArrayInputStream(xml))));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot happen reading from memory", e);
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
