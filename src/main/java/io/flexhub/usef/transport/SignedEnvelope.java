package io.flexhub.usef.transport;

import io.flexhub.usef.crypto.Cs1;
import io.flexhub.usef.crypto.Cs1PublicKey;
import io.flexhub.usef.crypto.Cs1SignatureException;
import java.util.Arrays;
import java.util.Collection;

/**
 * A parsed {@code SignedMessage}: who claims to send it, and the still sealed payload.
 *
 * @param senderRole {@code AGR}, {@code CRO} or {@code DSO} (checked by the schema)
 * @param sealedBody the Base64-decoded {@code Body}: Ed25519 signature ‖ payload XML
 */
public record SignedEnvelope(String senderDomain, String senderRole, byte[] sealedBody) {

    public SignedEnvelope {
        sealedBody = sealedBody.clone();
    }

    @Override
    public byte[] sealedBody() {
        return sealedBody.clone();
    }

    /**
     * Verifies the signature with the sender's published key(s) and returns the payload.
     *
     * @param senderKeys the keys known for ({@link #senderDomain}, {@link #senderRole}); empty if none, two
     *     during a key rotation
     * @throws UftpTransportException 401 if no key is known or none verifies
     */
    public byte[] open(Collection<Cs1PublicKey> senderKeys) {
        try {
            return Cs1.open(sealedBody, senderKeys);
        } catch (Cs1SignatureException e) {
            throw new UftpTransportException(UftpTransportException.UNAUTHORIZED, e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedEnvelope other
                && senderDomain.equals(other.senderDomain)
                && senderRole.equals(other.senderRole)
                && Arrays.equals(sealedBody, other.sealedBody);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * senderDomain.hashCode() + senderRole.hashCode()) + Arrays.hashCode(sealedBody);
    }

    @Override
    public String toString() {
        return "SignedEnvelope[" + senderRole + " " + senderDomain + ", " + sealedBody.length + " bytes sealed]";
    }
}
