package io.flexhub.usef.xml;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.ValidationEvent;
import jakarta.xml.bind.ValidationEventLocator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.transform.sax.SAXSource;
import org.lfenergy.shapeshifter.api.PayloadMessageType;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * JAXB binding of UFTP payloads onto the shapeshifter-api classes. Thread-safe; one instance for the hub (the
 * {@link JAXBContext} takes ~0.5 s to build). Unmarshallers are made per call: with a schema set, JAXB builds a
 * new validator for every document anyway, and a pool measured no faster (about 280 us CPU for 6 KB either way).
 *
 * <p>Both directions validate against the schema. Without that, JAXB turns junk into {@code null} without a word:
 * an unknown enum value ({@code Disposition="Maybe"}) and, with the default event handler, an unparseable date.
 *
 * <p>Time stamps: the 3.x XSD allows {@code xs:dateTime} without a UTC offset (seen in the field), and
 * shapeshifter-api's {@code DateTimeAdapter} reads such a value as UTC. That stays so (it cannot be told apart
 * after binding); code that cares should read ISP times from {@code Period} + {@code TimeZone} only. Values with
 * surrounding blanks, valid for the schema but not for the adapter, are trimmed before binding.
 */
public final class UftpJaxb {

    private static final String API_PACKAGE = "org.lfenergy.shapeshifter.api";

    private final JAXBContext context;
    private final UftpXsd xsd;

    public UftpJaxb(UftpXsd xsd) {
        this.xsd = xsd;
        try {
            this.context = JAXBContext.newInstance(API_PACKAGE);
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot build the JAXB context for " + API_PACKAGE, e);
        }
    }

    /**
     * @throws UftpXmlException if it has a DOCTYPE, is not well-formed, not a payload message or cannot be bound
     *     ({@link UftpSchemaException} if not schema-valid)
     */
    public PayloadMessageType unmarshal(byte[] xml) {
        FirstEvent firstEvent = new FirstEvent();
        Object result;
        try {
            Unmarshaller unmarshaller = context.createUnmarshaller();
            unmarshaller.setSchema(xsd.schema());
            unmarshaller.setEventHandler(firstEvent);
            InputSource input = new InputSource(new ByteArrayInputStream(xml));
            result = unmarshaller.unmarshal(new SAXSource(guardedReader(), input));
        } catch (JAXBException | RuntimeException e) {
            throw firstEvent.toException(e);
        }
        Object value = result instanceof JAXBElement<?> element ? element.getValue() : result;
        if (value instanceof PayloadMessageType message) {
            return message;
        }
        throw new UftpXmlException("root element is not a UFTP payload message: " + value.getClass().getSimpleName());
    }

    private static AttributeTrimmer guardedReader() {
        return new AttributeTrimmer(new AttributeLimits(new NoProcessingInstructions(SafeXml.newXmlReader())));
    }

    /**
     * @return namespace-less UTF-8 XML with an XML declaration
     * @throws UftpXmlException if the message is not schema-valid (e.g. a required attribute left unset)
     */
    public byte[] marshal(PayloadMessageType message) {
        FirstEvent firstEvent = new FirstEvent();
        try {
            Marshaller marshaller = context.createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_ENCODING, StandardCharsets.UTF_8.name());
            marshaller.setSchema(xsd.schema());
            marshaller.setEventHandler(firstEvent);
            ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
            marshaller.marshal(message, out);
            return out.toByteArray();
        } catch (JAXBException | RuntimeException e) {
            throw firstEvent.toException(e);
        }
    }

    /** Stops at the first problem, and remembers it: the exception JAXB throws afterwards says less. */
    private static final class FirstEvent implements jakarta.xml.bind.ValidationEventHandler {

        private ValidationEvent event;

        @Override
        public boolean handleEvent(ValidationEvent e) {
            if (event == null) {
                event = e;
            }
            return e.getSeverity() == ValidationEvent.WARNING;
        }

        UftpXmlException toException(Exception thrown) {
            if (event == null) {
                Throwable cause = thrown.getCause() != null ? thrown.getCause() : thrown;
                return cause instanceof SAXParseException sax
                        ? fromSax(sax)
                        : new UftpXmlException("cannot bind XML: " + cause.getMessage(), thrown);
            }
            ValidationEventLocator where = event.getLocator();
            int line = where == null ? -1 : where.getLineNumber();
            int column = where == null ? -1 : where.getColumnNumber();
            if (event.getLinkedException() instanceof SAXParseException) {
                return new UftpSchemaException(line, column, event.getMessage(), thrown);
            }
            return new UftpXmlException("cannot bind value at line " + line + ", column " + column + ": "
                    + event.getMessage(), thrown);
        }

        private static UftpXmlException fromSax(SAXParseException e) {
            return new UftpXmlException("cannot read XML at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + e.getMessage(), e);
        }
    }
}
