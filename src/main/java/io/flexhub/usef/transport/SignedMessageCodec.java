package io.flexhub.usef.transport;

import static io.flexhub.usef.transport.UftpTransportException.BAD_REQUEST;
import static io.flexhub.usef.transport.UftpTransportException.PAYLOAD_TOO_LARGE;

import io.flexhub.usef.xml.RootElement;
import io.flexhub.usef.xml.UftpSchemaException;
import io.flexhub.usef.xml.UftpXmlException;
import io.flexhub.usef.xml.UftpXsd;
import io.flexhub.usef.xml.XmlRoot;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and writes the UFTP transport envelope {@code <SignedMessage SenderDomain SenderRole Body/>}. Thread-safe.
 */
public final class SignedMessageCodec {

    public static final String ROOT = "SignedMessage";
    /** Monthly FlexSettlements are the largest messages; a few MB of Base64 at most. */
    public static final int DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

    static final String WHAT = "SignedMessage";
    private static final Set<String> ROLES = Set.of("AGR", "CRO", "DSO");
    // InternetDomainType of UFTP-common.xsd
    private static final Pattern DOMAIN = Pattern.compile("([a-z0-9]+(-[a-z0-9]+)*\\.)+[a-z]{2,}");
    // xs:base64Binary allows whitespace between groups; an attribute value may hold spaces for line breaks.
    private static final Pattern XML_WHITESPACE = Pattern.compile("[ \t\r\n]+");

    private final UftpXsd xsd;
    private final int maxBytes;

    public SignedMessageCodec(UftpXsd xsd) {
        this(xsd, DEFAULT_MAX_BYTES);
    }

    public SignedMessageCodec(UftpXsd xsd, int maxBytes) {
        this.xsd = xsd;
        this.maxBytes = maxBytes;
    }

    /**
     * @throws UftpTransportException 413 if larger than the limit; 400 if not UTF-8, with a DOCTYPE, not
     *     well-formed, another root, not valid Base64 or not schema-valid
     */
    public SignedEnvelope parse(byte[] body) {
        if (body.length > maxBytes) {
            throw new UftpTransportException(PAYLOAD_TOO_LARGE,
                    WHAT + " of " + body.length + " bytes exceeds the limit of " + maxBytes);
        }
        RootElement root = readRoot(body, WHAT);
        if (!root.namespaceUri().isEmpty() || !ROOT.equals(root.localName())) {
            throw new UftpTransportException(BAD_REQUEST, "root element must be " + ROOT + ", not "
                    + root.localName() + (root.namespaceUri().isEmpty() ? "" : " in " + root.namespaceUri()));
        }
        byte[] sealed = decodeBody(root.attribute("Body"));
        validate(xsd, body, WHAT);
        return new SignedEnvelope(root.attribute("SenderDomain"), root.attribute("SenderRole"), sealed);
    }

    /** @throws IllegalArgumentException if the domain or role could not pass the receiver's schema check */
    public byte[] write(String senderDomain, String senderRole, byte[] sealedBody) {
        if (senderDomain == null || !DOMAIN.matcher(senderDomain).matches()) {
            throw new IllegalArgumentException("sender domain must be a lower-case Internet domain: " + senderDomain);
        }
        if (!ROLES.contains(senderRole)) {
            throw new IllegalArgumentException("sender role must be one of " + ROLES + ": " + senderRole);
        }
        // Checked domain and role, and Base64, contain nothing that needs escaping.
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + ROOT
                + " SenderDomain=\"" + senderDomain + "\" SenderRole=\"" + senderRole
                + "\" Body=\"" + Base64.getEncoder().encodeToString(sealedBody) + "\"/>";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    /** Maps the xml package's refusals onto 400 with a reason naming the document. */
    static RootElement readRoot(byte[] xml, String what) {
        try {
            return XmlRoot.read(xml, what);
        } catch (UftpXmlException e) {
            throw new UftpTransportException(BAD_REQUEST, e.getMessage(), e);
        }
    }

    static void validate(UftpXsd xsd, byte[] xml, String what) {
        try {
            xsd.validate(xml);
        } catch (UftpSchemaException e) {
            throw new UftpTransportException(BAD_REQUEST, what + " is " + e.getMessage(), e);
        }
    }

    private static byte[] decodeBody(String body) {
        if (body == null) {
            throw new UftpTransportException(BAD_REQUEST, WHAT + " has no Body attribute");
        }
        String base64 = XML_WHITESPACE.matcher(body).replaceAll("");
        // Java's decoder accepts missing padding; xs:base64Binary does not.
        if (base64.length() % 4 != 0) {
            throw new UftpTransportException(BAD_REQUEST, "Body is not valid Base64");
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new UftpTransportException(BAD_REQUEST, "Body is not valid Base64", e);
        }
    }
}
