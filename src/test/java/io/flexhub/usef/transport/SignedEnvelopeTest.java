package io.flexhub.usef.transport;

import static io.flexhub.usef.transport.SignedMessageCodecTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexhub.usef.Fixtures;
import io.flexhub.usef.crypto.Cs1;
import io.flexhub.usef.crypto.Cs1KeyPair;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignedEnvelopeTest {

    private static final Cs1KeyPair DSO_KEYS = Cs1KeyPair.generate();
    private static final byte[] PAYLOAD = Fixtures.payload("FlexRequest.xml");
    private static final SignedEnvelope ENVELOPE =
            new SignedEnvelope("dso.example.com", "DSO", Cs1.seal(PAYLOAD, DSO_KEYS.privateKey()));

    @Test
    void should_return_the_payload_when_the_sender_key_verifies() {
        assertThat(ENVELOPE.open(List.of(DSO_KEYS.publicKey()))).isEqualTo(PAYLOAD);
    }

    @Test
    void should_answer_401_when_signed_by_another_key() {
        assertRefused(() -> ENVELOPE.open(List.of(Cs1KeyPair.generate().publicKey())), 401)
                .isEqualTo("signature does not verify");
    }

    @Test
    void should_answer_401_when_no_key_is_known_for_the_sender() {
        assertRefused(() -> ENVELOPE.open(List.of()), 401).isEqualTo("no public key known for the sender");
    }

    @Test
    void should_answer_401_when_the_body_is_shorter_than_a_signature() {
        SignedEnvelope truncated = new SignedEnvelope("dso.example.com", "DSO", new byte[10]);

        assertRefused(() -> truncated.open(List.of(DSO_KEYS.publicKey())), 401)
                .startsWith("sealed message is shorter than a signature");
    }

    @Test
    void should_not_let_callers_change_the_body_when_they_hold_the_array() {
        byte[] sealed = Cs1.seal(PAYLOAD, DSO_KEYS.privateKey());
        SignedEnvelope envelope = new SignedEnvelope("dso.example.com", "DSO", sealed);
        Arrays.fill(sealed, (byte) 0);
        envelope.sealedBody()[0] ^= 1;

        assertThat(envelope.open(List.of(DSO_KEYS.publicKey()))).isEqualTo(PAYLOAD);
    }

    @Test
    void should_show_only_sender_and_size_when_turned_into_text() {
        assertThat(ENVELOPE.toString())
                .isEqualTo("SignedEnvelope[DSO dso.example.com, " + (64 + PAYLOAD.length) + " bytes sealed]");
    }
}
