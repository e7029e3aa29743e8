package io.flexhub.usef.xml;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import org.codehaus.stax2.validation.XMLValidationException;

/**
 * A reader whose events are already checked against the UFTP schema, with the refusals of the SAX path: a DOCTYPE,
 * a processing instruction anywhere, an over-long attribute. Every refusal is an unchecked
 * {@link UftpSchemaException} thrown from {@link #next()}, so a translator reading on sees it as it is and does not
 * take it for a parse error of its own.
 */
final class ValidatingReader extends StreamReaderDelegate {

    ValidatingReader(XMLStreamReader reader) {
        super(reader);
    }

    @Override
    public int next() throws XMLStreamException {
        int event;
        try {
            event = super.next();
        } catch (XMLValidationException e) {
            Location at = e.getValidationProblem().getLocation();
            throw refused(at, e.getValidationProblem().getMessage());
        } catch (UftpSchemaException e) {
            throw e;
        } catch (RuntimeException e) {
            if (e.getCause() instanceof XMLStreamException) {
                throw e; // Woodstox's lazy parse error: not well-formed, for the reader's caller to report
            }
            // MSV fails on some malformed values instead of reporting them (an empty xs:duration throws
            // StringIndexOutOfBoundsException): fail closed, and say where
            throw refused(getLocation(), "the schema validator could not check this element's values ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (event == XMLStreamConstants.DTD) {
            throw refused(getLocation(), XmlRoot.DOCTYPE_NOT_ALLOWED);
        }
        if (event == XMLStreamConstants.PROCESSING_INSTRUCTION) {
            throw refused(getLocation(), NoProcessingInstructions.refusal(getPITarget()));
        }
        return event;
    }

    static UftpSchemaException refused(Location at, String detail) {
        // no cause: a translator takes an exception caused by an XMLStreamException for a parse error
        return at == null ? new UftpSchemaException(-1, -1, detail, null)
                : new UftpSchemaException(at.getLineNumber(), at.getColumnNumber(), detail, null);
    }
}
