package io.flexhub.usef.xml;

import java.util.Map;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Refuses over-long values of the UFTP attributes whose {@code xs:pattern} has no upper bound, before the validator
 * sees them. The JDK's schema regex engine takes time quadratic in the value's length: a 16 k character
 * {@code SenderDomain} costs 0.3 s, a 1 MB one many minutes, and the envelope is validated before the signature
 * is checked. Real values are far below these limits (a DNS name has at most 253 characters).
 */
final class AttributeLimits extends XMLFilterImpl {

    private static final Map<String, Integer> MAX_LENGTH = Map.of(
            "SenderDomain", 253,
            "RecipientDomain", 253,
            "AGR-Domain", 253,
            "DSO-Domain", 253,
            "TimeZone", 64,
            "Version", 32);

    private Locator locator;

    AttributeLimits(XMLReader parent) {
        super(parent);
    }

    @Override
    public void setDocumentLocator(Locator locator) {
        this.locator = locator;
        super.setDocumentLocator(locator);
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes)
            throws SAXException {
        for (int i = 0; i < attributes.getLength(); i++) {
            String refusal = refusal(localName, attributes.getLocalName(i), attributes.getValue(i).length());
            if (refusal != null) {
                throw new SAXParseException(refusal, locator);
            }
        }
        super.startElement(uri, localName, qName, attributes);
    }

    /** Why an attribute value of this length is refused, or null when it is within its limit. */
    static String refusal(String element, String attribute, int length) {
        Integer max = MAX_LENGTH.get(attribute);
        return max != null && length > max
                ? "attribute " + attribute + " of " + element + " is longer than " + max + " characters"
                : null;
    }
}
