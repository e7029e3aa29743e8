package io.flexhub.usef.crypto;

import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.util.Arrays;
import java.util.Collection;

/**
 * CS1 sealing: libsodium {@code crypto_sign} / {@code crypto_sign_open} in combined mode, i.e. the 64-byte Ed25519
 * signature followed by the message. Thread-safe and stateless: a {@link Signature} is looked up per call, which
 * Cs1Benchmark puts at under 1 % of a verification (the curve arithmetic dominates), so a per-thread cache would
 * buy nothing.
 */
public final class Cs1 {

    public static final int SIGNATURE_LENGTH = 64;

    private Cs1() {
    }

    /** @return signature ‖ payload, what UFTP Base64-encodes into {@code SignedMessage/@Body} */
    public static byte[] seal(byte[] payload, Cs1PrivateKey key) {
        try {
            Signature signature = newEd25519();
            signature.initSign(key.jdkKey());
            signature.update(payload);
            byte[] sealed = Arrays.copyOf(signature.sign(), SIGNATURE_LENGTH + payload.length);
            System.arraycopy(payload, 0, sealed, SIGNATURE_LENGTH, payload.length);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /**
     * @return the payload, only if the signature is valid for {@code key}
     * @throws Cs1SignatureException if too short or the signature does not verify
     */
    public static byte[] open(byte[] sealed, Cs1PublicKey key) throws Cs1SignatureException {
        if (sealed == null || sealed.length < SIGNATURE_LENGTH) {
            throw new Cs1SignatureException("sealed message is shorter than a signature ("
                    + (sealed == null ? 0 : sealed.length) + " < " + SIGNATURE_LENGTH + " bytes)");
        }
        // libsodium rejects a small-order R before doing any maths; the JDK does not.
        if (Ed25519Encoding.hasSmallOrder(Arrays.copyOf(sealed, Ed25519Encoding.LENGTH))) {
            throw new Cs1SignatureException("signature does not verify");
        }
        if (!verifies(sealed, key)) {
            throw new Cs1SignatureException("signature does not verify");
        }
        return Arrays.copyOfRange(sealed, SIGNATURE_LENGTH, sealed.length);
    }

    /**
     * Opens with the first of the sender's keys that verifies: during a key rotation a participant publishes two.
     *
     * @throws Cs1SignatureException if {@code keys} is empty or none of them verifies
     */
    public static byte[] open(byte[] sealed, Collection<Cs1PublicKey> keys) throws Cs1SignatureException {
        if (keys.isEmpty()) {
            throw new Cs1SignatureException("no public key known for the sender");
        }
        Cs1SignatureException last = null;
        for (Cs1PublicKey key : keys) {
            try {
                return open(sealed, key);
            } catch (Cs1SignatureException e) {
                last = e;
            }
        }
        throw last;
    }

    private static boolean verifies(byte[] sealed, Cs1PublicKey key) {
        Signature signature = newEd25519();
        try {
            signature.initVerify(key.jdkKey());
            signature.update(sealed, SIGNATURE_LENGTH, sealed.length - SIGNATURE_LENGTH);
            return signature.verify(sealed, 0, SIGNATURE_LENGTH);
        } catch (GeneralSecurityException e) {
            // e.g. "s is too large": a malformed signature is just a signature that does not verify
            return false;
        }
    }

    private static Signature newEd25519() {
        try {
            return Signature.getInstance("Ed25519");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK has no Ed25519", e);
        }
    }
}
