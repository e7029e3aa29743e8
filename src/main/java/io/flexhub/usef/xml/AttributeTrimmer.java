package io.flexhub.usef.xml;

import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.AttributesImpl;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Trims attribute values before binding. For the typed UFTP attributes (dates, numbers, durations) the schema
 * collapses whitespace, so {@code TimeStamp=" 2024-05-01T08:00:00Z "} is valid, but shapeshifter-api's adapters
 * fail on it (shapeshifter-library-java added the same filter in 3.5.0, issue #214).
 */
final class AttributeTrimmer extends XMLFilterImpl {

    AttributeTrimmer(XMLReader parent) {
        super(parent);
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes)
            throws SAXException {
        super.startElement(uri, localName, qName, needsTrim(attributes) ? trimmed(attributes) : attributes);
    }

    private static boolean needsTrim(Attributes attributes) {
        for (int i = 0; i < attributes.getLength(); i++) {
            String value = attributes.getValue(i);
            if (!value.isEmpty() && (value.charAt(0) <= ' ' || value.charAt(value.length() - 1) <= ' ')) {
                return true;
            }
        }
        return false;
    }

    private static Attributes trimmed(Attributes attributes) {
        AttributesImpl copy = new AttributesImpl(attributes);
        for (int i = 0; i < copy.getLength(); i++) {
            copy.setValue(i, copy.getValue(i).trim());
        }
        return copy;
    }
}
