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
import javax.xml.validation.Schema;
import org.lfenergy.shapeshifter.api.PayloadMessageType;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * JAXB binding of UFTP payloads onto the shapeshifter-api classes. Thread-safe; one instance for the hub (the
 * {@link JAXBContext} takes ~0.5 s to build; unmarshallers and marshallers are pooled).
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
    private final Schema schema;
    // With a schema set, a new (un)marshaller costs about as much as binding the message itself (UftpXsdBenchmark).
    private final Pool<Reading> readings = new Pool<>(this::newReading);
    private final Pool<Marshaller> marshallers = new Pool<>(this::newMarshaller);

    public UftpJaxb(UftpXsd xsd) {
        this.schema = xsd.schema();
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
        Reading reading = readings.borrow();
        Object result;
        try {
            reading.unmarshaller.setEventHandler(firstEvent);
            InputSource input = new InputSource(new ByteArrayInputStream(xml));
            result = reading.unmarshaller.unmarshal(new SAXSource(reading.reader, input));
        } catch (JAXBException | RuntimeException e) {
            throw firstEvent.toException(e);
        }
        readings.giveBack(reading);
        Object value = result instanceof JAXBElement<?> element ? element.getValue() : result;
        if (value instanceof PayloadMessageType message) {
            return message;
        }
        throw new UftpXmlException("root element is not a UFTP payload message: " + value.getClass().getSimpleName());
    }

    private record Reading(Unmarshaller unmarshaller, XMLReader reader) {
    }

    private Reading newReading() {
        try {
            Unmarshaller unmarshaller = context.createUnmarshaller();
            unmarshaller.setSchema(schema);
            return new Reading(unmarshaller, new AttributeTrimmer(new AttributeLimits(SafeXml.newXmlReader())));
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot create a JAXB unmarshaller", e);
        }
    }

    private Marshaller newMarshaller() {
        try {
            Marshaller marshaller = context.createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_ENCODING, StandardCharsets.UTF_8.name());
            marshaller.setSchema(schema);
            return marshaller;
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot create a JAXB marshaller", e);
        }
    }

    /**
     * @return namespace-less UTF-8 XML with an XML declaration
     * @throws UftpXmlException if the message is not schema-valid (e.g. a required attribute left unset)
     */
    public byte[] marshal(PayloadMessageType message) {
        FirstEvent firstEvent = new FirstEvent();
        Marshaller marshaller = marshallers.borrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            marshaller.setEventHandler(firstEvent);
            marshaller.marshal(message, out);
        } catch (JAXBException | RuntimeException e) {
            throw firstEvent.toException(e);
        }
        marshallers.giveBack(marshaller);
        return out.toByteArray();
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
