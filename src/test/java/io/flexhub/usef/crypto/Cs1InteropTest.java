package io.flexhub.usef.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.goterl.lazysodium.LazySodiumJava;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.SignedMessage;
import org.lfenergy.shapeshifter.api.USEFRoleType;
import org.lfenergy.shapeshifter.core.common.xml.XmlSerializer;
import org.lfenergy.shapeshifter.core.model.UftpParticipant;
import org.lfenergy.shapeshifter.core.service.crypto.LazySodiumBase64Pool;
import org.lfenergy.shapeshifter.core.service.crypto.LazySodiumFactory;
import org.lfenergy.shapeshifter.core.service.crypto.UftpCryptoService;
import org.lfenergy.shapeshifter.core.tools.KeyPair;
import org.lfenergy.shapeshifter.core.tools.UftpKeyPairTool;

/**
 * Against shapeshifter-core 3.2.2, the reference library, which calls the real libsodium through LazySodium/JNA.
 */
class Cs1InteropTest {

    private static final String PAYLOAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<TestMessage Version=\"3.0.0\" SenderDomain=\"dso.example.com\" RecipientDomain=\"agr.example.com\""
            + " TimeStamp=\"2024-05-01T08:00:00+02:00\" MessageID=\"0f6f7e5e-8d8b-4b7e-9c3b-0a4d2f9e1a11\""
            + " ConversationID=\"1f6f7e5e-8d8b-4b7e-9c3b-0a4d2f9e1a11\"/><!-- é € 𝄞 -->";
    private static final byte[] MESSAGE = PAYLOAD.getBytes(StandardCharsets.UTF_8);

    private static LazySodiumBase64Pool pool;
    private static LazySodiumJava sodium;
    private static UftpCryptoService reference;

    @BeforeAll
    static void loadLibsodium() {
        pool = new LazySodiumBase64Pool();
        sodium = pool.claim();
        // The participant service is only used to look keys up, which these tests do themselves.
        reference = new UftpCryptoService(null, new LazySodiumFactory(), pool);
    }

    @AfterAll
    static void release() {
        pool.release(sodium);
    }

    @Test
    void should_seal_byte_for_byte_like_libsodium_when_given_the_same_key() {
        byte[] publicKey = new byte[32];
        byte[] secretKey = new byte[64];
        sodium.cryptoSignKeypair(publicKey, secretKey);

        byte[] ours = Cs1.seal(MESSAGE, Cs1PrivateKey.of(secretKey));

        assertThat(ours).isEqualTo(libsodiumSeal(MESSAGE, secretKey)); // Ed25519 is deterministic
    }

    @Test
    void should_open_when_libsodium_sealed_it() throws Exception {
        byte[] publicKey = new byte[32];
        byte[] secretKey = new byte[64];
        sodium.cryptoSignKeypair(publicKey, secretKey);

        byte[] opened = Cs1.open(libsodiumSeal(MESSAGE, secretKey), Cs1PublicKey.ofSigningKey(publicKey));

        assertThat(opened).isEqualTo(MESSAGE);
    }

    private static byte[] libsodiumSeal(byte[] message, byte[] secretKey) {
        byte[] sealed = new byte[Cs1.SIGNATURE_LENGTH + message.length];
        assertThat(sodium.cryptoSign(sealed, message, message.length, secretKey)).isTrue();
        return sealed;
    }

    @Test
    void should_be_opened_by_libsodium_when_we_sealed_it() {
        Cs1KeyPair keys = Cs1KeyPair.generate();
        byte[] sealed = Cs1.seal(MESSAGE, keys.privateKey());
        byte[] opened = new byte[MESSAGE.length];

        boolean verified = sodium.cryptoSignOpen(opened, sealed, sealed.length, keys.publicKey().signingKey());

        assertThat(verified).isTrue();
        assertThat(opened).isEqualTo(MESSAGE);
    }

    @Test
    void should_derive_libsodiums_public_key_when_parsing_its_secret_key() {
        byte[] publicKey = new byte[32];
        byte[] secretKey = new byte[64];
        byte[] seed = new byte[32];
        seed[0] = 42;
        sodium.cryptoSignSeedKeypair(publicKey, secretKey, seed);

        assertThat(Cs1PrivateKey.of(seed).publicKey().signingKey()).isEqualTo(publicKey);
        assertThat(Cs1PrivateKey.of(secretKey).exportLibsodiumBase64())
                .isEqualTo(Base64.getEncoder().encodeToString(secretKey));
    }

    @Test
    void should_accept_the_keys_when_generated_by_the_reference_key_pair_tool() {
        KeyPair tool = UftpKeyPairTool.generateKeyPair();

        Cs1PrivateKey privateKey = Cs1PrivateKey.parse(tool.privateKey());

        assertThat(privateKey.publicKey()).isEqualTo(Cs1PublicKey.parse(tool.publicKey()));
        assertThat(privateKey.publicKey().toBase64()).isEqualTo(tool.publicKey());
    }

    @Test
    void should_open_the_reference_signed_message_when_its_xml_is_read_by_us() throws Exception {
        KeyPair tool = UftpKeyPairTool.generateKeyPair();
        SignedMessage signed = reference.signMessage(PAYLOAD,
                new UftpParticipant("dso.example.com", USEFRoleType.DSO), tool.privateKey());
        String envelopeXml = new XmlSerializer().toXml(signed);
        String body = envelopeXml.replaceAll("(?s).*Body=\"([^\"]*)\".*", "$1");

        byte[] opened = Cs1.open(Base64.getDecoder().decode(body), Cs1PublicKey.parse("cs1." + tool.publicKey()));

        assertThat(new String(opened, StandardCharsets.UTF_8)).isEqualTo(PAYLOAD);
    }

    @Test
    void should_pass_the_reference_verification_when_we_sealed_the_signed_message() {
        Cs1KeyPair keys = Cs1KeyPair.generate();
        SignedMessage signed = new SignedMessage();
        signed.setSenderDomain("agr.example.com");
        signed.setSenderRole(USEFRoleType.AGR);
        signed.setBody(Cs1.seal(MESSAGE, keys.privateKey()));

        assertThat(reference.verifySignedMessage(signed, keys.publicKey().toBase64())).isEqualTo(PAYLOAD);
    }

    @Test
    void should_fail_the_reference_verification_when_we_sealed_with_another_key() {
        SignedMessage signed = new SignedMessage();
        signed.setSenderDomain("agr.example.com");
        signed.setSenderRole(USEFRoleType.AGR);
        signed.setBody(Cs1.seal(MESSAGE, Cs1KeyPair.generate().privateKey()));

        assertThatThrownBy(() -> reference.verifySignedMessage(signed, Cs1KeyPair.generate().publicKey().toBase64()))
                .hasMessageContaining("Failed to verify message");
    }
}
