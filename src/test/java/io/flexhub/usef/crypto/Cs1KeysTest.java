package io.flexhub.usef.crypto;

import static io.flexhub.usef.crypto.Cs1Test.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class Cs1KeysTest {

    private static final String RFC_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private static final String RFC_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    @Test
    void should_keep_signing_and_box_key_when_parsing_cs1_with_64_bytes() {
        byte[] box = new byte[32];
        Arrays.fill(box, (byte) 7);
        String text = "cs1." + BASE64.encodeToString(Cs1PublicKey.concat(hex(RFC_PUBLIC), box));

        Cs1PublicKey key = Cs1PublicKey.parse(text);

        assertThat(key.signingKey()).isEqualTo(hex(RFC_PUBLIC));
        assertThat(key.boxKey()).hasValueSatisfying(b -> assertThat(b).isEqualTo(box));
        assertThat(key.toCs1String()).isEqualTo(text);
    }

    @Test
    void should_accept_the_same_key_when_written_as_cs1_32_bytes_or_bare_base64() {
        String base64 = BASE64.encodeToString(hex(RFC_PUBLIC));

        Cs1PublicKey bare = Cs1PublicKey.parse(base64);
        Cs1PublicKey prefixed = Cs1PublicKey.parse("  cs1." + base64 + "\n");

        assertThat(bare).isEqualTo(prefixed);
        assertThat(bare.boxKey()).isEmpty();
        assertThat(bare.toBase64()).isEqualTo(base64);
        assertThat(bare.toString()).isEqualTo("cs1." + base64);
    }

    @Test
    void should_refuse_the_example_key_of_the_specification_when_parsing_it() {
        // Illustrative bytes: its signing half is no Ed25519 point, so libsodium could not verify with it either.
        String example = "cs1.V4lZrkYHq8FzneXxUML+QEMXMul3tBm+gPGoVDIZBA92VoWTu8/kRu2Zx72XOm1i/qwwoSgXjqSAqSa43myCaQ==";

        assertThatThrownBy(() -> Cs1PublicKey.parse(example))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CS1 signing key is not a point on Ed25519");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void should_refuse_when_the_public_key_is_empty(String text) {
        assertThatThrownBy(() -> Cs1PublicKey.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CS1 public key is empty");
    }

    @Test
    void should_refuse_when_the_public_key_is_not_base64() {
        assertThatThrownBy(() -> Cs1PublicKey.parse("cs1.not*base64"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CS1 public key is not valid Base64");
    }

    @Test
    void should_refuse_when_the_public_key_has_33_bytes() {
        assertThatThrownBy(() -> Cs1PublicKey.parse("cs1." + BASE64.encodeToString(new byte[33])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CS1 public key must decode to 32 bytes or 64 bytes (signing key + box key), got 33");
    }

    @Test
    void should_refuse_when_a_bare_public_key_has_64_bytes() {
        // Without the prefix 64 bytes are more likely a libsodium secret key pasted in the wrong place.
        String secretKeyLookalike = BASE64.encodeToString(Cs1PublicKey.concat(hex(RFC_SEED), hex(RFC_PUBLIC)));

        assertThatThrownBy(() -> Cs1PublicKey.parse(secretKeyLookalike))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CS1 public key must decode to 32 bytes, got 64");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85"})
    void should_refuse_when_the_public_key_has_small_order(String hex) {
        assertThatThrownBy(() -> Cs1PublicKey.ofSigningKey(hex(hex)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("small order");
    }

    @Test
    void should_refuse_when_the_public_key_is_not_canonical() {
        String pPlus2 = "efffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f";

        assertThatThrownBy(() -> Cs1PublicKey.ofSigningKey(hex(pPlus2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a canonical");
    }

    @Test
    void should_refuse_when_the_public_key_is_not_on_the_curve() {
        byte[] y2 = new byte[32];
        y2[0] = 2; // y = 2 has no x on Ed25519

        assertThatThrownBy(() -> Cs1PublicKey.ofSigningKey(y2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CS1 signing key is not a point on Ed25519");
    }

    @Test
    void should_derive_the_public_key_when_parsing_a_32_byte_seed() {
        Cs1PrivateKey key = Cs1PrivateKey.parse(BASE64.encodeToString(hex(RFC_SEED)));

        assertThat(key.publicKey().signingKey()).isEqualTo(hex(RFC_PUBLIC));
    }

    @Test
    void should_accept_a_libsodium_secret_key_when_its_public_half_matches() {
        String secretKey = BASE64.encodeToString(Cs1PublicKey.concat(hex(RFC_SEED), hex(RFC_PUBLIC)));

        Cs1PrivateKey key = Cs1PrivateKey.parse(secretKey);

        assertThat(key.publicKey().signingKey()).isEqualTo(hex(RFC_PUBLIC));
        assertThat(key.exportLibsodiumBase64()).isEqualTo(secretKey);
    }

    @Test
    void should_refuse_a_libsodium_secret_key_when_its_public_half_belongs_to_another_seed() {
        byte[] otherPublic = Cs1KeyPair.generate().publicKey().signingKey();
        String secretKey = BASE64.encodeToString(Cs1PublicKey.concat(hex(RFC_SEED), otherPublic));

        assertThatThrownBy(() -> Cs1PrivateKey.parse(secretKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not belong to its seed");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 16, 31, 33, 63, 65, 96})
    void should_refuse_a_private_key_when_it_has_neither_32_nor_64_bytes(int length) {
        assertThatThrownBy(() -> Cs1PrivateKey.parse(BASE64.encodeToString(new byte[length])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_not_echo_the_secret_when_a_private_key_is_not_base64() {
        assertThatThrownBy(() -> Cs1PrivateKey.parse("c2VjcmV0*c2VjcmV0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CS1 private key is not valid Base64")
                .hasNoCause();
    }

    @Test
    void should_print_only_the_public_key_when_a_private_key_is_turned_into_text() {
        Cs1KeyPair pair = Cs1KeyPair.generate();
        String secret = pair.privateKey().exportLibsodiumBase64();
        String seed = BASE64.encodeToString(Arrays.copyOf(Base64.getDecoder().decode(secret), 32));

        assertThat(pair.privateKey().toString())
                .isEqualTo("Cs1PrivateKey[public=" + pair.publicKey().toCs1String() + "]")
                .doesNotContain(secret)
                .doesNotContain(seed.substring(0, 20));
        assertThat(pair.toString()).doesNotContain(secret).doesNotContain(seed.substring(0, 20));
    }

    @Test
    void should_round_trip_when_a_generated_key_is_exported_and_parsed() {
        Cs1KeyPair pair = Cs1KeyPair.generate();

        Cs1PrivateKey reparsed = Cs1PrivateKey.parse(pair.privateKey().exportLibsodiumBase64());

        assertThat(reparsed).isEqualTo(pair.privateKey());
        assertThat(reparsed.publicKey()).isEqualTo(pair.publicKey());
        assertThat(Cs1KeyPair.generate().publicKey()).isNotEqualTo(pair.publicKey());
    }
}
