package io.flexhub.usef.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * A participant's CS1 public key as published in DNS or an address book: {@code cs1.} + Base64(signing key
 * [‖ box key]), 32 or 64 decoded bytes. The bare Base64 signing key (as printed by shapeshifter's
 * {@code UftpKeyPairTool}) is accepted too. Immutable and thread-safe; parse once and keep it, because parsing
 * checks the point and builds the JDK key.
 */
public final class Cs1PublicKey {

    public static final String PREFIX = "cs1.";

    private static final int KEY_LENGTH = Ed25519Encoding.LENGTH;

    private final byte[] signingKey;
    private final byte[] boxKey;
    private final PublicKey jdkKey;

    private Cs1PublicKey(byte[] signingKey, byte[] boxKey) {
        this.signingKey = signingKey;
        this.boxKey = boxKey;
        this.jdkKey = toJdkKey(signingKey);
    }

    /**
     * @throws IllegalArgumentException with a message saying what is wrong (never echoing more than the length)
     */
    public static Cs1PublicKey parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("CS1 public key is empty");
        }
        String trimmed = text.strip();
        boolean prefixed = trimmed.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(prefixed ? trimmed.substring(PREFIX.length()) : trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("CS1 public key is not valid Base64", e);
        }
        if (decoded.length == KEY_LENGTH) {
            return new Cs1PublicKey(decoded, null);
        }
        if (prefixed && decoded.length == 2 * KEY_LENGTH) {
            return new Cs1PublicKey(Arrays.copyOf(decoded, KEY_LENGTH),
                    Arrays.copyOfRange(decoded, KEY_LENGTH, 2 * KEY_LENGTH));
        }
        throw new IllegalArgumentException("CS1 public key must decode to " + KEY_LENGTH + " bytes"
                + (prefixed ? " or " + 2 * KEY_LENGTH + " bytes (signing key + box key)" : "")
                + ", got " + decoded.length);
    }

    /** The raw 32-byte Ed25519 key, e.g. from libsodium's {@code crypto_sign_keypair}. */
    public static Cs1PublicKey ofSigningKey(byte[] signingKey) {
        if (signingKey == null || signingKey.length != KEY_LENGTH) {
            throw new IllegalArgumentException("CS1 signing key must be " + KEY_LENGTH + " bytes");
        }
        return new Cs1PublicKey(signingKey.clone(), null);
    }

    public byte[] signingKey() {
        return signingKey.clone();
    }

    /** The crypto_box key, if the published string carried one; no 3.x message uses encryption. */
    public Optional<byte[]> boxKey() {
        return Optional.ofNullable(boxKey).map(byte[]::clone);
    }

    /** The published form: {@code cs1.} + Base64 of the signing key, followed by the box key if known. */
    public String toCs1String() {
        byte[] all = boxKey == null ? signingKey : concat(signingKey, boxKey);
        return PREFIX + Base64.getEncoder().encodeToString(all);
    }

    /** The bare Base64 signing key, the form shapeshifter-library-java's participant service returns. */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(signingKey);
    }

    PublicKey jdkKey() {
        return jdkKey;
    }

    boolean sameSigningKey(byte[] other) {
        return Arrays.equals(signingKey, other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cs1PublicKey other
                && Arrays.equals(signingKey, other.signingKey)
                && Arrays.equals(boxKey, other.boxKey);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(signingKey) + Arrays.hashCode(boxKey);
    }

    @Override
    public String toString() {
        return toCs1String();
    }

    private static PublicKey toJdkKey(byte[] signingKey) {
        // libsodium refuses these in crypto_sign_verify_detached; refusing them at parse time says why.
        if (!Ed25519Encoding.isCanonical(signingKey)) {
            throw new IllegalArgumentException("CS1 signing key is not a canonical Ed25519 point encoding");
        }
        if (Ed25519Encoding.hasSmallOrder(signingKey)) {
            throw new IllegalArgumentException("CS1 signing key is a point of small order (a weak key)");
        }
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(
                    new EdECPublicKeySpec(NamedParameterSpec.ED25519, Ed25519Encoding.decode(signingKey)));
            // The JDK only decodes the point (and finds out it is off the curve) when a Signature is initialised.
            Signature.getInstance("Ed25519").initVerify(key);
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("CS1 signing key is not a point on Ed25519", e);
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
