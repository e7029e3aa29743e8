package io.flexhub.usef.transport;

import static io.flexhub.usef.transport.UftpTransportException.BAD_REQUEST;

import io.flexhub.usef.xml.RootElement;
import io.flexhub.usef.xml.UftpXsd;

/**
 * Reads what routing and the envelope/payload sender check need from a payload, without binding it. Thread-safe.
 */
public final class UftpPayloads {

    static final String WHAT = "payload";

    private final UftpXsd xsd;

    public UftpPayloads(UftpXsd xsd) {
        this.xsd = xsd;
    }

    /**
     * Quick look at the root element only (UTF-8 and DOCTYPE are still checked); for messages already validated
     * or built by the hub itself.
     *
     * @throws UftpTransportException 400 if not UTF-8, with a DOCTYPE, not well-formed, or lacking an attribute
     */
    public PayloadHeader header(byte[] payload) {
        RootElement root = SignedMessageCodec.readRoot(payload, WHAT);
        if (!root.namespaceUri().isEmpty()) {
            throw new UftpTransportException(BAD_REQUEST,
                    "UFTP 3.x payloads have no namespace, got " + root.namespaceUri());
        }
        return new PayloadHeader(root.localName(),
                required(root, "Version"),
                required(root, "SenderDomain"),
                required(root, "RecipientDomain"),
                required(root, "MessageID"),
                required(root, "ConversationID"));
    }

    /**
     * Header plus full schema validation: the transport stage's "unsealed body XML cannot be parsed or is not
     * compliant with the USEF XML schema".
     *
     * @throws UftpTransportException 400 with the reason
     */
    public PayloadHeader validate(byte[] payload) {
        PayloadHeader header = header(payload);
        SignedMessageCodec.validate(xsd, payload, WHAT);
        return header;
    }

    private static String required(RootElement root, String attribute) {
        String value = root.attribute(attribute);
        if (value == null) {
            throw new UftpTransportException(BAD_REQUEST, WHAT + " " + root.localName() + " lacks " + attribute);
        }
        return value;
    }
}
