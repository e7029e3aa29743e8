package io.flexhub.analytics.history;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.PayloadMessageType;

import io.flexhub.usef.crypto.Cs1PublicKey;
import io.flexhub.usef.transport.SignedEnvelope;
import io.flexhub.usef.transport.SignedMessageCodec;
import io.flexhub.usef.transport.UftpTransportException;
import io.flexhub.usef.validation.UftpMessageValidator;
import io.flexhub.usef.validation.UftpValidationContext;
import io.flexhub.usef.validation.ValidationResult;
import io.flexhub.usef.xml.RootElement;
import io.flexhub.usef.xml.UftpJaxb;
import io.flexhub.usef.xml.UftpSchemaException;
import io.flexhub.usef.xml.UftpXmlException;
import io.flexhub.usef.xml.UftpXsd;
import io.flexhub.usef.xml.XmlRoot;

/**
 * Judges one archived document: the same checks as the UFTP endpoint where they apply to a document out of its
 * time (UTF-8, no DOCTYPE or processing instructions, the official UFTP 3.x XSD, the hub's binding, the
 * self-contained validation rules), then turns it into what the history keeps. Plain Java; thread-safe.
 *
 * <p>A document is a plain {@code FlexRequest} (what an aggregator archives after unsealing) or the
 * {@code SignedMessage} it arrived in. A signed one is accepted only if its signature verifies with the key of a
 * DSO the hub knows and its payload's SenderDomain is the envelope's: a signature nobody can check proves nothing,
 * so such a document is refused rather than read as if it were plain.
 */
final class FlexRequestDocuments {

    /** What became of a document. */
    sealed interface Judged permits Accepted, Rejected {
    }

    record Accepted(FlexRequestRecord record) implements Judged {
    }

    record Rejected(String reason) implements Judged {
    }

    static final String FLEX_REQUEST = "FlexRequest";

    private final UftpXsd xsd;
    private final UftpJaxb jaxb;
    private final SignedMessageCodec codec;
    private final UftpMessageValidator validator = UftpMessageValidator.selfContained();
    private final UftpValidationContext market;
    private final Function<String, Optional<Cs1PublicKey>> dsoKeys;

    /** @param dsoKeys the public key of a DSO participant by domain */
    FlexRequestDocuments(UftpXsd xsd, UftpJaxb jaxb, SignedMessageCodec codec, UftpValidationContext market,
                         Function<String, Optional<Cs1PublicKey>> dsoKeys) {
        this.xsd = xsd;
        this.jaxb = jaxb;
        this.codec = codec;
        this.market = market;
        this.dsoKeys = dsoKeys;
    }

    Judged judge(byte[] document) {
        RootElement root;
        try {
            root = XmlRoot.read(document, "document");
        } catch (UftpXmlException e) {
            return new Rejected(e.getMessage());
        }
        if (!root.namespaceUri().isEmpty()) {
            return new Rejected("UFTP 3.x documents have no namespace, this one has " + root.namespaceUri());
        }
        if (SignedMessageCodec.ROOT.equals(root.localName())) {
            return signed(document);
        }
        return plain(document, root, null);
    }

    private Judged signed(byte[] document) {
        SignedEnvelope envelope;
        try {
            envelope = codec.parse(document);
        } catch (UftpTransportException e) {
            return new Rejected(e.reason());
        }
        if (!"DSO".equals(envelope.senderRole())) {
            return new Rejected("SignedMessage from a " + envelope.senderRole() + ": FlexRequests are sent by a DSO");
        }
        Optional<Cs1PublicKey> key = dsoKeys.apply(envelope.senderDomain());
        if (key.isEmpty()) {
            return new Rejected("SignedMessage from " + envelope.senderDomain() + ", which is no DSO the hub knows: "
                    + "its signature cannot be verified (import the unsealed FlexRequest instead)");
        }
        byte[] payload;
        try {
            payload = envelope.open(List.of(key.get()));
        } catch (UftpTransportException e) {
            return new Rejected("SignedMessage from " + envelope.senderDomain() + " does not verify: " + e.reason());
        }
        RootElement root;
        try {
            root = XmlRoot.read(payload, "payload");
        } catch (UftpXmlException e) {
            return new Rejected(e.getMessage());
        }
        return plain(payload, root, envelope.senderDomain());
    }

    private Judged plain(byte[] xml, RootElement root, String signedBy) {
        if (!root.namespaceUri().isEmpty() || !FLEX_REQUEST.equals(root.localName())) {
            return new Rejected("not a FlexRequest: the root element is " + root.localName());
        }
        try {
            xsd.validate(xml);
        } catch (UftpSchemaException e) {
            // the root element was fine, so the validating parse is the first to read the whole document: what is
            // no cvc- constraint of the schema is a well-formedness error further down
            String where = "at line " + e.line() + ", column " + e.column() + ": " + e.detail();
            return new Rejected(e.detail().startsWith("cvc-") ? "not valid against the UFTP 3.x schema " + where
                    : "not well-formed XML " + where);
        }
        PayloadMessageType message;
        try {
            message = jaxb.unmarshal(xml);
        } catch (UftpXmlException e) {
            return new Rejected(e.getMessage());
        }
        FlexRequest request = (FlexRequest) message;
        if (signedBy != null && !signedBy.equals(request.getSenderDomain())) {
            return new Rejected("Invalid Sender (not matching envelope): SenderDomain " + request.getSenderDomain()
                    + " differs from SignedMessage SenderDomain " + signedBy);
        }
        ValidationResult result = validator.validate(request, null, market);
        if (result.isRejected()) {
            return new Rejected(result.rejectionReason().orElse("rejected"));
        }
        try {
            return new Accepted(FlexRequestRecord.of(request));
        } catch (IllegalArgumentException e) {
            return new Rejected(e.getMessage());
        }
    }
}
