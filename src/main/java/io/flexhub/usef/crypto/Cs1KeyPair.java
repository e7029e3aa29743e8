package io.flexhub.usef.crypto;

import java.security.SecureRandom;

/** A freshly generated CS1 signing key pair, for the hub's own key and for tests. */
public record Cs1KeyPair(Cs1PublicKey publicKey, Cs1PrivateKey privateKey) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static Cs1KeyPair generate() {
        byte[] seed = new byte[32];
        RANDOM.nextBytes(seed);
        Cs1PrivateKey privateKey = Cs1PrivateKey.of(seed);
        java.util.Arrays.fill(seed, (byte) 0);
        return new Cs1KeyPair(privateKey.publicKey(), privateKey);
    }
}
