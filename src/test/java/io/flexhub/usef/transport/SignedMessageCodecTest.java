package io.flexhub.usef.transport;

import static io.flexhub.usef.Hostile.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.flexhub.usef.Fixtures;
import io.flexhub.usef.Hostile;
import io.flexhub.usef.crypto.Cs1;
import io.flexhub.usef.crypto.Cs1KeyPair;
import io.flexhub.usef.xml.UftpXsd;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignedMessageCodecTest {

    static final UftpXsd XSD = new UftpXsd();
    private static final SignedMessageCodec CODEC = new SignedMessageCodec(XSD);
    private static final Cs1KeyPair DSO_KEYS = Cs1KeyPair.generate();
    private static final byte[] SEALED = Cs1.seal(Fixtures.payload("FlexRequest.xml"), DSO_KEYS.privateKey());

    @Test
    void should_give_back_sender_and_sealed_body_when_parsing_what_was_written() {
        byte[] xml = CODEC.write("dso.example.com", "DSO", SEALED);

        SignedEnvelope envelope = CODEC.parse(xml);

        assertThat(envelope).isEqualTo(new SignedEnvelope("dso.example.com", "DSO", SEALED));
        assertThat(envelope.sealedBody()).isEqualTo(SEALED);
    }

    @Test
    void should_decode_the_body_when_the_base64_is_wrapped_over_lines() {
        String wrapped = Base64.getMimeEncoder().encodeToString(SEALED).replace("\r\n", "&#10;");

        SignedEnvelope envelope = CODEC.parse(envelope("dso.example.com", "DSO", wrapped));

        assertThat(envelope.sealedBody()).isEqualTo(SEALED);
    }

    @Test
    void should_answer_413_when_the_body_exceeds_the_limit() {
        SignedMessageCodec small = new SignedMessageCodec(XSD, 1024);

        assertRefused(() -> small.parse(CODEC.write("dso.example.com", "DSO", SEALED)),
                UftpTransportException.PAYLOAD_TOO_LARGE)
                .startsWith("SignedMessage of ")
                .endsWith("bytes exceeds the limit of 1024");
    }

    @Test
    void should_answer_400_when_iso_8859_1_is_declared() {
        String latin1 = new String(CODEC.write("dso.example.com", "DSO", SEALED), StandardCharsets.UTF_8)
                .replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"");

        assertRefused(() -> CODEC.parse(latin1.getBytes(StandardCharsets.ISO_8859_1)), 400)
                .isEqualTo("SignedMessage is not UTF-8");
    }

    @Test
    void should_answer_400_when_the_bytes_are_latin1() {
        byte[] latin1 = "<SignedMessage SenderDomain=\"dso.example.com\" SenderRole=\"DSO\" Body=\"AAAA\"/><!-- é -->"
                .getBytes(StandardCharsets.ISO_8859_1);

        assertRefused(() -> CODEC.parse(latin1), 400).isEqualTo("SignedMessage is not UTF-8");
    }

    @Test
    void should_answer_400_without_reading_the_file_when_an_entity_points_to_it(@TempDir Path dir) {
        byte[] xxe = utf8(Hostile.externalFileEntity(Hostile.secretFile(dir), "SignedMessage"));

        assertRefused(() -> CODEC.parse(xxe), 400).isEqualTo("DOCTYPE is not allowed");
    }

    @Test
    void should_answer_400_without_connecting_when_an_entity_or_dtd_points_to_a_server() throws Exception {
        try (Hostile.Trap trap = new Hostile.Trap()) {
            for (String hostile : Hostile.remoteReferences(trap.port(), "SignedMessage")) {
                assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                        assertRefused(() -> CODEC.parse(utf8(hostile)), 400).isEqualTo("DOCTYPE is not allowed"));
            }
            assertThat(trap.wasContacted()).isFalse();
        }
    }

    @Test
    void should_answer_400_without_expanding_when_given_billion_laughs() {
        byte[] bomb = utf8(Hostile.billionLaughs("SignedMessage"));

        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertRefused(() -> CODEC.parse(bomb), 400).isEqualTo("DOCTYPE is not allowed"));
    }

    @Test
    void should_answer_400_with_the_position_when_the_xml_is_truncated() {
        byte[] whole = CODEC.write("dso.example.com", "DSO", SEALED);
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 10);

        assertRefused(() -> CODEC.parse(truncated), 400).startsWith("SignedMessage is not well-formed XML: line 2");
    }

    @Test
    void should_answer_400_when_the_root_is_a_payload() {
        assertRefused(() -> CODEC.parse(Fixtures.payload("FlexRequest.xml")), 400)
                .isEqualTo("root element must be SignedMessage, not FlexRequest");
    }

    @Test
    void should_answer_400_when_the_envelope_has_a_namespace() {
        byte[] namespaced = utf8("<SignedMessage xmlns=\"https://usef.info/schema/2019\" SenderDomain=\"a.example.com\""
                + " SenderRole=\"AGR\" Body=\"AAAA\"/>");

        assertRefused(() -> CODEC.parse(namespaced), 400)
                .isEqualTo("root element must be SignedMessage, not SignedMessage in https://usef.info/schema/2019");
    }

    @ParameterizedTest
    @ValueSource(strings = {"@@@@", "AAA", "AAAA=", "QUJD\u00e9"})
    void should_answer_400_when_the_body_is_not_base64(String body) {
        assertRefused(() -> CODEC.parse(envelope("dso.example.com", "DSO", body)), 400)
                .isEqualTo("Body is not valid Base64");
    }

    @Test
    void should_answer_400_when_the_body_is_missing() {
        byte[] noBody = utf8("<SignedMessage SenderDomain=\"dso.example.com\" SenderRole=\"DSO\"/>");

        assertRefused(() -> CODEC.parse(noBody), 400).isEqualTo("SignedMessage has no Body attribute");
    }

    @ParameterizedTest
    @ValueSource(strings = {"XYZ", "agr", "BRP", ""})
    void should_answer_400_when_the_sender_role_is_not_a_uftp_role(String role) {
        assertRefused(() -> CODEC.parse(envelope("dso.example.com", role, "AAAA")), 400)
                .startsWith("SignedMessage is not schema-valid at line 2, column ")
                .contains("[AGR, CRO, DSO]");
    }

    @Test
    void should_answer_400_when_the_sender_domain_is_missing() {
        byte[] noDomain = utf8("<SignedMessage SenderRole=\"DSO\" Body=\"AAAA\"/>");

        assertRefused(() -> CODEC.parse(noDomain), 400).contains("SenderDomain");
    }

    @Test
    void should_answer_400_when_the_sender_domain_is_not_a_lower_case_domain() {
        assertRefused(() -> CODEC.parse(envelope("DSO.Example.COM", "DSO", "AAAA")), 400)
                .contains("cvc-pattern-valid");
    }

    @Test
    void should_answer_400_when_the_envelope_has_extra_content() {
        byte[] extra = utf8("<SignedMessage SenderDomain=\"dso.example.com\" SenderRole=\"DSO\" Body=\"AAAA\">"
                + "<FlexRequest/></SignedMessage>");

        assertRefused(() -> CODEC.parse(extra), 400).startsWith("SignedMessage is not schema-valid");
    }

    @Test
    void should_answer_400_quickly_when_the_sender_domain_is_huge() {
        byte[] huge = envelope("a".repeat(2_000_000) + ".example.com", "DSO", "AAAA");

        assertTimeoutPreemptively(Duration.ofSeconds(3), () -> assertRefused(() -> CODEC.parse(huge), 400)
                .endsWith("attribute SenderDomain of SignedMessage is longer than 253 characters"));
    }

    @Test
    void should_parse_quickly_when_the_body_is_large_but_within_the_limit() {
        byte[] payload = new byte[5 * 1024 * 1024];
        byte[] xml = CODEC.write("dso.example.com", "DSO", payload);

        SignedEnvelope envelope = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> CODEC.parse(xml));

        assertThat(envelope.sealedBody()).hasSize(payload.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dso.example.com", "localhost", "dso.example.com\" Body=\"x", ""})
    void should_refuse_to_write_when_the_sender_domain_is_not_a_domain(String domain) {
        assertThatThrownBy(() -> CODEC.write(domain, "DSO", SEALED)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_refuse_to_write_when_the_sender_role_is_unknown() {
        assertThatThrownBy(() -> CODEC.write("dso.example.com", "BRP", SEALED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static byte[] envelope(String domain, String role, String body) {
        return utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<SignedMessage SenderDomain=\"" + domain
                + "\" SenderRole=\"" + role + "\" Body=\"" + body + "\"/>");
    }

    static org.assertj.core.api.AbstractStringAssert<?> assertRefused(ThrowingCallable call, int status) {
        UftpTransportException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                UftpTransportException.class, call);
        assertThat(refused).as("refused with UftpTransportException").isNotNull();
        assertThat(refused.httpStatus()).isEqualTo(status);
        assertThat(Hostile.stackTrace(refused)).doesNotContain(Hostile.SECRET);
        return assertThat(refused.reason());
    }
}
