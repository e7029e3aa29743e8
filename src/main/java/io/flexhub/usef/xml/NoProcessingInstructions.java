package io.flexhub.usef.xml;

import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Refuses processing instructions anywhere in a document. UFTP has no use for them, the schema does not see
 * them, and a {@code <?xml-stylesheet href?>} is an instruction to fetch something for whichever tool reads the
 * stored message later.
 */
final class NoProcessingInstructions extends XMLFilterImpl {

    private Locator locator;

    NoProcessingInstructions(XMLReader parent) {
        super(parent);
    }

    static String refusal(String target) {
        return "processing instructions are not allowed (<?" + target + "?>)";
    }

    @Override
    public void setDocumentLocator(Locator locator) {
        this.locator = locator;
        super.setDocumentLocator(locator);
    }

    @Override
    public void processingInstruction(String target, String data) throws SAXException {
        throw new SAXParseException(refusal(target), locator);
    }
}
