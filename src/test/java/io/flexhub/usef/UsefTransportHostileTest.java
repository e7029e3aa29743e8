package io.flexhub.usef;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.TestMessage;

import io.flexhub.support.H2HubTest;
import io.flexhub.support.UftpTestPeer;
import io.flexhub.usef.crypto.Cs1;

/**
 * Hostile and broken input on the UFTP transport endpoint: each gets its specific status and reason, and none
 * of it reaches the message log.
 */
class UsefTransportHostileTest extends H2HubTest {

    private final UftpTestPeer impostor = new UftpTestPeer();

    @Test
    void should_answer_401_when_the_sender_is_unknown() {
        byte[] envelope = UftpTestPeer.codec().write("unknown.example", "DSO",
                Cs1.seal(UftpTestPeer.xml(DSO.flexRequest()), DSO.keys().privateKey()));
        assertRefused(postUftp(envelope), 401, "Unknown sender");
    }

    @Test
    void should_answer_401_when_the_signature_is_not_the_senders() {
        FlexRequest request = DSO.flexRequest();
        assertRefused(postUftp(impostor.signed(request)), 401, "signature");
        assertNotStored(request.getMessageID());
    }

    @Test
    void should_answer_400_when_payload_sender_differs_from_envelope() {
        FlexRequest request = DSO.flexRequest();
        request.setSenderDomain("other.example");
        assertRefused(postUftp(DSO.signed(request)), 400, "Invalid Sender (not matching envelope)");
        assertNotStored(request.getMessageID());
    }

    @Test
    void should_answer_400_when_the_sender_role_may_not_send_the_message_type() {
        FlexOffer offer = DSO.header(new FlexOffer(), java.util.UUID.randomUUID().toString());
        FlexRequest template = DSO.flexRequest();
        offer.setISPDuration(template.getISPDuration());
        offer.setTimeZone(template.getTimeZone());
        offer.setPeriod(template.getPeriod());
        offer.setCongestionPoint(template.getCongestionPoint());
        offer.setExpirationDateTime(template.getExpirationDateTime());
        offer.setCurrency("EUR");
        var option = new org.lfenergy.shapeshifter.api.FlexOfferOptionType();
        option.setOptionReference("A");
        option.setPrice(java.math.BigDecimal.TEN);
        var isp = new org.lfenergy.shapeshifter.api.FlexOfferOptionISPType();
        isp.setStart(1L);
        isp.setPower(-1000L);
        option.getISPS().add(isp);
        offer.getOfferOptions().add(option);
        assertRefused(postUftp(DSO.signed(offer)), 400, "Invalid Sender (not matching role)");
    }

    @Test
    void should_answer_400_when_the_payload_breaks_the_schema() {
        String xml = UftpTestPeer.text(UftpTestPeer.xml(DSO.header(new TestMessage(), "0f0e0d0c-0b0a-4908-8706-050403020100")))
                .replaceFirst(" Version=\"3.0.0\"", "");
        assertRefused(postUftp(DSO.signedXml(xml.getBytes(StandardCharsets.UTF_8))), 400, "Version");
    }

    @Test
    void should_answer_400_for_wrong_content_type_and_charset() {
        FlexRequest request = DSO.flexRequest();
        byte[] body = DSO.signed(request);
        assertRefused(post(body, "application/json"), 400, "Content-Type");
        assertRefused(post(body, "text/xml; charset=ISO-8859-1"), 400, "UTF-8");
        assertThat(post(body, "application/xml").statusCode()).isEqualTo(200);
        awaitEngine(request.getMessageID());
    }

    @Test
    void should_answer_411_without_content_length_and_413_when_too_large() {
        byte[] body = DSO.signed(DSO.flexRequest());
        HttpResponse<String> chunked = send(HttpRequest.newBuilder(URI.create(url("/shapeshifter/api/v3/message")))
                .header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());
        assertRefused(chunked, 411, "Content-Length");

        byte[] huge = ("<SignedMessage SenderDomain=\"dso.test.example\" SenderRole=\"DSO\" Body=\""
                + "A".repeat(300_000) + "\"/>").getBytes(StandardCharsets.UTF_8);
        assertRefused(postUftp(huge), 413, "exceeds the limit");
    }

    @Test
    void should_refuse_doctype_external_entities_and_entity_bombs_without_resolving_them() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<SignedMessage SenderDomain=\"dso.test.example\" SenderRole=\"DSO\" Body=\"&x;\"/>";
        HttpResponse<String> r = postUftp(xxe.getBytes(StandardCharsets.UTF_8));
        assertRefused(r, 400, "DOCTYPE");
        assertThat(r.body()).doesNotContain("root:");

        StringBuilder bomb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE b [<!ENTITY a0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            bomb.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i - 1) + ";").repeat(10)).append("\">");
        }
        bomb.append("]><SignedMessage SenderDomain=\"dso.test.example\" SenderRole=\"DSO\" Body=\"&a9;\"/>");
        assertRefused(postUftp(bomb.toString().getBytes(StandardCharsets.UTF_8)), 400, "DOCTYPE");
    }

    @Test
    void should_answer_400_for_truncated_xml_and_bad_base64() {
        byte[] body = DSO.signed(DSO.flexRequest());
        byte[] truncated = java.util.Arrays.copyOf(body, body.length / 2);
        assertThat(postUftp(truncated).statusCode()).isEqualTo(400);

        String badBase64 = "<SignedMessage SenderDomain=\"dso.test.example\" SenderRole=\"DSO\" Body=\"@@not-base64@@\"/>";
        assertRefused(postUftp(badBase64.getBytes(StandardCharsets.UTF_8)), 400, "Base64");
    }

    @Test
    void should_answer_400_when_the_signed_payload_holds_a_processing_instruction_or_a_doctype() {
        TestMessage message = DSO.header(new TestMessage(), java.util.UUID.randomUUID().toString());
        String xml = UftpTestPeer.text(UftpTestPeer.xml(message));
        int afterRoot = xml.indexOf('>', xml.indexOf("<TestMessage")) + 1;
        String before = xml.replaceFirst("\\?>", "?><?xml-stylesheet href=\"http://127.0.0.1:9/x.xsl\"?>");
        String inside = xml.substring(0, afterRoot - 2) + "><?evil payload?></TestMessage>";
        String doctype = xml.replaceFirst("\\?>", "?><!DOCTYPE TestMessage [<!ENTITY x \"y\">]>");

        assertRefused(postUftp(DSO.signedXml(inside.getBytes(StandardCharsets.UTF_8))), 400,
                "processing instructions are not allowed (<?evil?>)");
        assertRefused(postUftp(DSO.signedXml(before.getBytes(StandardCharsets.UTF_8))), 400,
                "processing instructions are not allowed (<?xml-stylesheet?>)");
        assertRefused(postUftp(DSO.signedXml(doctype.getBytes(StandardCharsets.UTF_8))), 400, "DOCTYPE");
        assertNotStored(message.getMessageID());
    }

    @Test
    void should_answer_401_when_the_sealed_body_is_not_a_signature_at_all() {
        String forged = "<SignedMessage SenderDomain=\"dso.test.example\" SenderRole=\"DSO\" Body=\""
                + Base64.getEncoder().encodeToString(UftpTestPeer.xml(DSO.flexRequest())) + "\"/>";
        assertThat(postUftp(forged.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> post(byte[] body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(url("/shapeshifter/api/v3/message")))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static void assertRefused(HttpResponse<String> response, int status, String reasonPart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).containsIgnoringCase(reasonPart);
    }

    private void assertNotStored(String messageId) {
        HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url("/api/usef/messages/" + messageId))).GET());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
}
