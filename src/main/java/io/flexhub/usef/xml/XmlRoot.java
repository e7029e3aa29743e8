package io.flexhub.usef.xml;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the root element of a UFTP document, and makes the checks every UFTP entry point needs before any other
 * parser sees the bytes: UTF-8 only (UFTP mandates it), no DOCTYPE (XXE, entity bombs) and no processing
 * instruction before the root (those after it are refused by the validating reader).
 */
public final class XmlRoot {

    public static final String DOCTYPE_NOT_ALLOWED = "DOCTYPE is not allowed";

    private static final XMLInputFactory STAX = SafeXml.newXmlInputFactory();
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private XmlRoot() {
    }

    /**
     * @param what how to name the document in messages, e.g. {@code "payload"}
     * @throws UftpXmlException {@code "<what> is not UTF-8"}, {@value #DOCTYPE_NOT_ALLOWED}, a processing
     *     instruction refused, or
     *     {@code "<what> is not well-formed XML: line L, column C: ..."}
     */
    public static RootElement read(byte[] xml, String what) {
        String text = decodeUtf8(xml, what);
        XMLStreamReader reader = null;
        try {
            // A Reader, not the bytes: the parser must not pick a charset from a BOM or the declaration.
            reader = STAX.createXMLStreamReader(new StringReader(text));
            String declared = reader.getCharacterEncodingScheme();
            if (declared != null && !"UTF-8".equalsIgnoreCase(declared)) {
                throw new UftpXmlException(what + " is not UTF-8");
            }
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new UftpXmlException(DOCTYPE_NOT_ALLOWED);
                }
                if (event == XMLStreamConstants.PROCESSING_INSTRUCTION) {
                    throw new UftpXmlException(NoProcessingInstructions.refusal(reader.getPITarget()));
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    return rootOf(reader);
                }
            }
            throw new UftpXmlException(what + " has no root element");
        } catch (XMLStreamException e) {
            throw notWellFormed(what, e);
        } finally {
            close(reader);
        }
    }

    private static String decodeUtf8(byte[] xml, String what) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(xml))
                    .toString();
            return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new UftpXmlException(what + " is not UTF-8");
        }
    }

    private static RootElement rootOf(XMLStreamReader reader) {
        Map<String, String> attributes = new HashMap<>();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String namespace = reader.getAttributeNamespace(i);
            if (namespace == null || namespace.isEmpty()) {
                attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
            }
        }
        String namespace = reader.getNamespaceURI();
        return new RootElement(namespace == null ? "" : namespace, reader.getLocalName(), attributes);
    }

    private static UftpXmlException notWellFormed(String what, XMLStreamException e) {
        String message = String.valueOf(e.getMessage());
        // The JDK prefixes "ParseError at [row,col]:[l,c]\nMessage: "; keep only the message proper.
        int start = message.indexOf("Message: ");
        String detail = start >= 0 ? message.substring(start + "Message: ".length()) : message;
        String where = e.getLocation() == null ? ""
                : "line " + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber() + ": ";
        return new UftpXmlException(what + " is not well-formed XML: " + where + detail, e);
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing was held but the in-memory text
            }
        }
    }
}
