package io.flexhub.usef.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Cs1Test {

    // RFC 8032 section 7.1, TEST 1
    private static final String RFC_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private static final String RFC_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private static final String RFC_SIGNATURE = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555"
            + "fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    private static final byte[] PAYLOAD = "<TestMessage Version=\"3.0.0\"/>".getBytes(StandardCharsets.UTF_8);
    private static final Cs1KeyPair KEYS = Cs1KeyPair.generate();

    @Test
    void should_produce_the_rfc8032_signature_when_sealing_the_empty_message_with_test_key_1() {
        Cs1PrivateKey key = Cs1PrivateKey.of(hex(RFC_SEED));

        byte[] sealed = Cs1.seal(new byte[0], key);

        assertThat(key.publicKey().signingKey()).isEqualTo(hex(RFC_PUBLIC));
        assertThat(sealed).isEqualTo(hex(RFC_SIGNATURE));
    }

    @Test
    void should_return_the_empty_message_when_opening_the_rfc8032_signature_with_test_key_1() throws Exception {
        Cs1PublicKey key = Cs1PublicKey.ofSigningKey(hex(RFC_PUBLIC));

        assertThat(Cs1.open(hex(RFC_SIGNATURE), key)).isEmpty();
    }

    @Test
    void should_return_the_payload_when_opening_what_was_sealed() throws Exception {
        byte[] sealed = Cs1.seal(PAYLOAD, KEYS.privateKey());

        assertThat(sealed).hasSize(Cs1.SIGNATURE_LENGTH + PAYLOAD.length);
        assertThat(Arrays.copyOfRange(sealed, Cs1.SIGNATURE_LENGTH, sealed.length)).isEqualTo(PAYLOAD);
        assertThat(Cs1.open(sealed, KEYS.publicKey())).isEqualTo(PAYLOAD);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 31, 32, 63, 64, 70})
    void should_refuse_when_one_bit_is_flipped(int index) {
        byte[] sealed = Cs1.seal(PAYLOAD, KEYS.privateKey());
        sealed[index] ^= 0x01;

        assertThatThrownBy(() -> Cs1.open(sealed, KEYS.publicKey()))
                .isInstanceOf(Cs1SignatureException.class)
                .hasMessage("signature does not verify");
    }

    @Test
    void should_refuse_when_sealed_by_another_key() {
        byte[] sealed = Cs1.seal(PAYLOAD, Cs1KeyPair.generate().privateKey());

        assertThatThrownBy(() -> Cs1.open(sealed, KEYS.publicKey()))
                .isInstanceOf(Cs1SignatureException.class)
                .hasMessage("signature does not verify");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 63})
    void should_refuse_when_shorter_than_a_signature(int length) {
        byte[] sealed = Arrays.copyOf(Cs1.seal(PAYLOAD, KEYS.privateKey()), length);

        assertThatThrownBy(() -> Cs1.open(sealed, KEYS.publicKey()))
                .isInstanceOf(Cs1SignatureException.class)
                .hasMessageStartingWith("sealed message is shorter than a signature");
    }

    @Test
    void should_refuse_when_null() {
        assertThatThrownBy(() -> Cs1.open(null, KEYS.publicKey())).isInstanceOf(Cs1SignatureException.class);
    }

    @Test
    void should_refuse_when_the_payload_is_cut_short() {
        byte[] sealed = Cs1.seal(PAYLOAD, KEYS.privateKey());

        assertThatThrownBy(() -> Cs1.open(Arrays.copyOf(sealed, sealed.length - 1), KEYS.publicKey()))
                .isInstanceOf(Cs1SignatureException.class);
    }

    @Test
    void should_refuse_when_s_is_not_reduced_modulo_the_group_order() {
        // S + L verifies on a naive implementation; libsodium refuses it (signature malleability).
        byte[] sealed = Cs1.seal(PAYLOAD, KEYS.privateKey());
        BigInteger order = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
        byte[] s = littleEndian(new BigInteger(1, bigEndian(Arrays.copyOfRange(sealed, 32, 64))).add(order));
        System.arraycopy(s, 0, sealed, 32, 32);

        assertThatThrownBy(() -> Cs1.open(sealed, KEYS.publicKey())).isInstanceOf(Cs1SignatureException.class);
    }

    @Test
    void should_refuse_when_r_has_small_order() {
        byte[] sealed = Cs1.seal(PAYLOAD, KEYS.privateKey());
        Arrays.fill(sealed, 0, 32, (byte) 0);
        sealed[0] = 1; // the neutral element

        assertThatThrownBy(() -> Cs1.open(sealed, KEYS.publicKey())).isInstanceOf(Cs1SignatureException.class);
    }

    @Test
    void should_open_with_the_second_key_when_the_sender_rotates_keys() throws Exception {
        Cs1KeyPair next = Cs1KeyPair.generate();
        byte[] sealed = Cs1.seal(PAYLOAD, next.privateKey());

        assertThat(Cs1.open(sealed, List.of(KEYS.publicKey(), next.publicKey()))).isEqualTo(PAYLOAD);
    }

    @Test
    void should_refuse_when_no_key_is_known_for_the_sender() {
        byte[] sealed = Cs1.seal(PAYLOAD, KEYS.privateKey());

        assertThatThrownBy(() -> Cs1.open(sealed, List.of()))
                .isInstanceOf(Cs1SignatureException.class)
                .hasMessage("no public key known for the sender");
    }

    @Test
    void should_give_consistent_results_when_used_from_many_threads() throws Exception {
        List<Cs1KeyPair> pairs = IntStream.range(0, 4).mapToObj(i -> Cs1KeyPair.generate()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = IntStream.range(0, 160).mapToObj(i -> pool.submit(() -> {
                Cs1KeyPair pair = pairs.get(i % pairs.size());
                byte[] payload = ("message " + i).getBytes(StandardCharsets.UTF_8);
                byte[] sealed = Cs1.seal(payload, pair.privateKey());
                boolean opensWithOwnKey = Arrays.equals(Cs1.open(sealed, pair.publicKey()), payload);
                boolean refusedByOther = refuses(sealed, pairs.get((i + 1) % pairs.size()).publicKey());
                return opensWithOwnKey && refusedByOther;
            })).toList();
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean refuses(byte[] sealed, Cs1PublicKey key) {
        try {
            Cs1.open(sealed, key);
            return false;
        } catch (Cs1SignatureException expected) {
            return true;
        }
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static byte[] bigEndian(byte[] littleEndian) {
        byte[] result = new byte[littleEndian.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = littleEndian[littleEndian.length - 1 - i];
        }
        return result;
    }

    private static byte[] littleEndian(BigInteger value) {
        byte[] big = value.toByteArray();
        byte[] result = new byte[32];
        for (int i = 0; i < Math.min(32, big.length); i++) {
            result[i] = big[big.length - 1 - i];
        }
        return result;
    }
}
