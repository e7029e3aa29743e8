package io.flexhub.usef.transport;

import static io.flexhub.usef.transport.SignedMessageCodecTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexhub.usef.Fixtures;
import io.flexhub.usef.crypto.Cs1;
import io.flexhub.usef.crypto.Cs1KeyPair;
import io.flexhub.usef.crypto.Cs1PrivateKey;
import io.flexhub.usef.crypto.Cs1PublicKey;
import io.flexhub.usef.xml.UftpJaxb;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestResponse;
import org.lfenergy.shapeshifter.api.PayloadMessageType;
import org.lfenergy.shapeshifter.api.SignedMessage;
import org.lfenergy.shapeshifter.api.USEFRoleType;
import org.lfenergy.shapeshifter.core.common.xml.XmlSerializer;
import org.lfenergy.shapeshifter.core.common.xsd.XsdFactory;
import org.lfenergy.shapeshifter.core.common.xsd.XsdSchemaFactoryPool;
import org.lfenergy.shapeshifter.core.common.xsd.XsdSchemaProvider;
import org.lfenergy.shapeshifter.core.common.xsd.XsdValidator;
import org.lfenergy.shapeshifter.core.model.UftpParticipant;
import org.lfenergy.shapeshifter.core.service.crypto.LazySodiumBase64Pool;
import org.lfenergy.shapeshifter.core.service.crypto.LazySodiumFactory;
import org.lfenergy.shapeshifter.core.service.crypto.UftpCryptoService;
import org.lfenergy.shapeshifter.core.service.serialization.UftpSerializer;
import org.lfenergy.shapeshifter.core.tools.KeyPair;
import org.lfenergy.shapeshifter.core.tools.UftpKeyPairTool;

/** The whole transport stage against shapeshifter-library-java 3.2.2, in both directions. */
class UftpTransportInteropTest {

    private static final SignedMessageCodec CODEC = new SignedMessageCodec(SignedMessageCodecTest.XSD);
    private static final UftpPayloads PAYLOADS = new UftpPayloads(SignedMessageCodecTest.XSD);
    private static final UftpJaxb JAXB = new UftpJaxb(SignedMessageCodecTest.XSD);

    private static UftpCryptoService referenceCrypto;
    private static UftpSerializer referenceSerializer;

    @BeforeAll
    static void reference() {
        referenceCrypto = new UftpCryptoService(null, new LazySodiumFactory(), new LazySodiumBase64Pool());
        referenceSerializer = new UftpSerializer(new XmlSerializer(),
                new XsdValidator(new XsdSchemaProvider(new XsdFactory(new XsdSchemaFactoryPool()))));
    }

    @Test
    void should_receive_a_flex_request_when_the_reference_library_sent_it() {
        KeyPair dsoKeys = UftpKeyPairTool.generateKeyPair();
        String payload = Fixtures.payloadText("FlexRequest.xml");
        SignedMessage signed = referenceCrypto.signMessage(payload,
                new UftpParticipant("dso.example.com", USEFRoleType.DSO), dsoKeys.privateKey());
        byte[] httpBody = referenceSerializer.toXml(signed).getBytes(StandardCharsets.UTF_8);

        SignedEnvelope envelope = CODEC.parse(httpBody);
        byte[] opened = envelope.open(List.of(Cs1PublicKey.parse("cs1." + dsoKeys.publicKey())));
        PayloadHeader header = PAYLOADS.validate(opened);
        PayloadMessageType message = JAXB.unmarshal(opened);

        assertThat(envelope.senderDomain()).isEqualTo(header.senderDomain()).isEqualTo("dso.example.com");
        assertThat(envelope.senderRole()).isEqualTo("DSO");
        assertThat(header.messageType()).isEqualTo("FlexRequest");
        assertThat(message).isInstanceOf(FlexRequest.class);
        assertThat(new String(opened, StandardCharsets.UTF_8)).isEqualTo(payload);
    }

    @Test
    void should_answer_401_when_the_reference_library_signed_with_another_key() {
        SignedMessage signed = referenceCrypto.signMessage(Fixtures.payloadText("TestMessage.xml"),
                new UftpParticipant("dso.example.com", USEFRoleType.DSO), UftpKeyPairTool.generateKeyPair().privateKey());
        SignedEnvelope envelope = CODEC.parse(referenceSerializer.toXml(signed).getBytes(StandardCharsets.UTF_8));
        Cs1PublicKey published = Cs1PublicKey.parse("cs1." + UftpKeyPairTool.generateKeyPair().publicKey());

        assertRefused(() -> envelope.open(List.of(published)), 401).isEqualTo("signature does not verify");
    }

    @Test
    void should_be_received_by_the_reference_library_when_we_send_a_response() {
        Cs1KeyPair agrKeys = Cs1KeyPair.generate();
        FlexRequestResponse response = (FlexRequestResponse) JAXB.unmarshal(responseXml());
        byte[] payload = JAXB.marshal(response);

        byte[] httpBody = CODEC.write("agr.example.com", "AGR", Cs1.seal(payload, agrKeys.privateKey()));

        SignedMessage received = referenceSerializer.fromSignedXml(new String(httpBody, StandardCharsets.UTF_8));
        String verified = referenceCrypto.verifySignedMessage(received, agrKeys.publicKey().toBase64());
        PayloadMessageType theirs = referenceSerializer.fromPayloadXml(verified);
        assertThat(received.getSenderRole()).isEqualTo(USEFRoleType.AGR);
        assertThat(theirs).usingRecursiveComparison().isEqualTo(response);
    }

    @Test
    void should_sign_with_a_key_file_written_by_the_reference_key_tool() {
        KeyPair toolKeys = UftpKeyPairTool.generateKeyPair();
        byte[] payload = Fixtures.payload("TestMessage.xml");

        byte[] httpBody = CODEC.write("agr.example.com", "AGR",
                Cs1.seal(payload, Cs1PrivateKey.parse(toolKeys.privateKey())));

        SignedMessage received = referenceSerializer.fromSignedXml(new String(httpBody, StandardCharsets.UTF_8));
        assertThat(referenceCrypto.verifySignedMessage(received, toolKeys.publicKey()))
                .isEqualTo(new String(payload, StandardCharsets.UTF_8));
    }

    private static byte[] responseXml() {
        return ("<FlexRequestResponse Version=\"3.0.0\" SenderDomain=\"agr.example.com\""
                + " RecipientDomain=\"dso.example.com\" TimeStamp=\"2024-05-01T08:01:00Z\""
                + " MessageID=\"4a6f7e5e-8d8b-4b7e-9c3b-0a4d2f9e1a11\""
                + " ConversationID=\"1f6f7e5e-8d8b-4b7e-9c3b-0a4d2f9e1a11\" Result=\"Accepted\""
                + " FlexRequestMessageID=\"0f6f7e5e-8d8b-4b7e-9c3b-0a4d2f9e1a11\"/>").getBytes(StandardCharsets.UTF_8);
    }
}
