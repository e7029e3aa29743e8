package io.flexhub.usef.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * The hub's own CS1 signing key. Accepts libsodium's 64-byte secret key (seed ‖ public key, what
 * {@code crypto_sign_keypair} and shapeshifter's {@code UftpKeyPairTool} print in Base64) or the bare 32-byte
 * seed. {@link #toString()} shows only the public half.
 */
public final class Cs1PrivateKey {

    private static final int SEED_LENGTH = 32;

    private final byte[] seed;
    private final KeyPair jdkKeyPair;
    private final Cs1PublicKey publicKey;

    private Cs1PrivateKey(byte[] seed) {
        this.seed = seed;
        this.jdkKeyPair = deriveKeyPair(seed);
        this.publicKey = Cs1PublicKey.ofSigningKey(
                Ed25519Encoding.encode(((EdECPublicKey) jdkKeyPair.getPublic()).getPoint()));
    }

    /**
     * @throws IllegalArgumentException if not Base64, not 32/64 bytes, or if the public half of a 64-byte key
     *     does not belong to its seed (a corrupted or mismatched key file)
     */
    public static Cs1PrivateKey parse(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException("CS1 private key is empty");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            // The cause would quote the offending character of a secret; leave it out.
            throw new IllegalArgumentException("CS1 private key is not valid Base64");
        }
        try {
            return of(decoded);
        } finally {
            Arrays.fill(decoded, (byte) 0);
        }
    }

    /** Raw libsodium secret key (64 bytes) or seed (32 bytes); the argument is copied. */
    public static Cs1PrivateKey of(byte[] secretKeyOrSeed) {
        int length = secretKeyOrSeed.length;
        if (length != SEED_LENGTH && length != 2 * SEED_LENGTH) {
            throw new IllegalArgumentException("CS1 private key must decode to " + SEED_LENGTH
                    + " bytes (seed) or " + 2 * SEED_LENGTH + " bytes (libsodium seed + public key), got " + length);
        }
        Cs1PrivateKey key = new Cs1PrivateKey(Arrays.copyOf(secretKeyOrSeed, SEED_LENGTH));
        if (length == 2 * SEED_LENGTH
                && !key.publicKey.sameSigningKey(Arrays.copyOfRange(secretKeyOrSeed, SEED_LENGTH, length))) {
            throw new IllegalArgumentException(
                    "CS1 private key is inconsistent: its embedded public key does not belong to its seed");
        }
        return key;
    }

    public Cs1PublicKey publicKey() {
        return publicKey;
    }

    /** libsodium's 64-byte secret key in Base64, for storing a generated key. Handle the result as a secret. */
    public String exportLibsodiumBase64() {
        return Base64.getEncoder().encodeToString(Cs1PublicKey.concat(seed, publicKey.signingKey()));
    }

    PrivateKey jdkKey() {
        return jdkKeyPair.getPrivate();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cs1PrivateKey other && Arrays.equals(seed, other.seed);
    }

    @Override
    public int hashCode() {
        return publicKey.hashCode();
    }

    @Override
    public String toString() {
        return "Cs1PrivateKey[public=" + publicKey.toCs1String() + "]";
    }

    private static KeyPair deriveKeyPair(byte[] seed) {
        // JDK 17 has no "public key from seed" call, but its Ed25519 generator takes exactly 32 random bytes as
        // the seed; feeding it ours derives the same key pair libsodium's crypto_sign_seed_keypair does.
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK has no Ed25519", e);
        }
    }

    private static final class FixedBytes extends SecureRandom {

        private static final long serialVersionUID = 1L;
        private final transient byte[] bytes;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public void nextBytes(byte[] out) {
            if (out.length != bytes.length) {
                throw new IllegalStateException("Ed25519 generator asked for " + out.length + " bytes");
            }
            System.arraycopy(bytes, 0, out, 0, out.length);
        }
    }
}
