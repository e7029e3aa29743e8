/**
 * UFTP cryptographic scheme CS1: libsodium {@code crypto_sign} (Ed25519, combined mode) implemented with the
 * JDK's own Ed25519 provider, so the hub needs no native library. Byte-compatible with libsodium/LazySodium as
 * used by shapeshifter-library-java (see the interop tests).
 *
 * <p>No Camel or Spring types here: these classes are meant to be called from beans and unit-tested alone.
 */
package io.flexhub.usef.crypto;
