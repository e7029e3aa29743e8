package io.flexhub.usef.xml;

import static io.flexhub.usef.Hostile.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.flexhub.usef.Fixtures;
import io.flexhub.usef.Hostile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.AcceptedRejectedType;
import org.lfenergy.shapeshifter.api.AvailableRequestedType;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestResponse;
import org.lfenergy.shapeshifter.api.PayloadMessageType;
import org.lfenergy.shapeshifter.api.TestMessage;

class UftpJaxbTest {

    private static final UftpJaxb JAXB = new UftpJaxb(new UftpXsd());
    private static final String FLEX_REQUEST = Fixtures.payloadText("FlexRequest.xml");

    @Test
    void should_bind_every_field_when_unmarshalling_a_flex_request() {
        PayloadMessageType message = JAXB.unmarshal(utf8(FLEX_REQUEST));

        assertThat(message).isInstanceOfSatisfying(FlexRequest.class, request -> {
            assertThat(request.getSenderDomain()).isEqualTo("dso.example.com");
            assertThat(request.getTimeStamp()).isEqualTo(OffsetDateTime.parse("2024-05-01T08:00:00+02:00"));
            assertThat(request.getISPDuration()).isEqualTo(Duration.ofMinutes(15));
            assertThat(request.getPeriod()).isEqualTo(LocalDate.of(2024, 5, 2));
            assertThat(request.getRevision()).isEqualTo(1L);
            assertThat(request.getISPS()).hasSize(96);
            assertThat(request.getISPS().get(32).getDisposition()).isEqualTo(AvailableRequestedType.REQUESTED);
            assertThat(request.getISPS().get(32).getMinPower()).isEqualTo(2000L);
        });
    }

    @Test
    void should_read_the_time_as_utc_when_a_timestamp_has_no_offset() {
        // Valid for the 3.x XSD and seen in the field; shapeshifter-api's DateTimeAdapter defaults to UTC.
        String noOffset = FLEX_REQUEST.replace("2024-05-01T08:00:00.000+02:00", "2024-05-01T08:00:00");

        FlexRequest request = (FlexRequest) JAXB.unmarshal(utf8(noOffset));

        assertThat(request.getTimeStamp()).isEqualTo(OffsetDateTime.of(2024, 5, 1, 8, 0, 0, 0, ZoneOffset.UTC));
    }

    @Test
    void should_keep_all_digits_when_a_timestamp_has_seven_fraction_digits() {
        String precise = FLEX_REQUEST.replace("2024-05-01T08:00:00.000+02:00", "2024-05-01T08:00:00.1234567+02:00");

        FlexRequest request = (FlexRequest) JAXB.unmarshal(utf8(precise));

        assertThat(request.getTimeStamp().getNano()).isEqualTo(123_456_700);
    }

    @Test
    void should_bind_when_a_timestamp_has_surrounding_blanks() {
        String padded = FLEX_REQUEST.replace("\"2024-05-01T08:00:00.000+02:00\"", "\" 2024-05-01T08:00:00.000+02:00 \"");

        FlexRequest request = (FlexRequest) JAXB.unmarshal(utf8(padded));

        assertThat(request.getTimeStamp()).isEqualTo(OffsetDateTime.parse("2024-05-01T08:00:00+02:00"));
    }

    @Test
    void should_fail_instead_of_binding_null_when_a_timestamp_is_junk() {
        String junk = FLEX_REQUEST.replace("2024-05-01T08:00:00.000+02:00", "yesterday");

        assertThatThrownBy(() -> JAXB.unmarshal(utf8(junk)))
                .isInstanceOfSatisfying(UftpSchemaException.class, e -> {
                    assertThat(e.line()).isEqualTo(7); // JAXB reports the end of the start tag
                    assertThat(e.detail()).contains("yesterday");
                });
    }

    @Test
    void should_fail_instead_of_binding_null_when_an_enumeration_value_is_unknown() {
        String unknown = FLEX_REQUEST.replaceFirst("Disposition=\"Requested\"", "Disposition=\"Maybe\"");

        assertThatThrownBy(() -> JAXB.unmarshal(utf8(unknown)))
                .isInstanceOf(UftpSchemaException.class)
                .hasMessageContaining("Maybe");
    }

    @Test
    void should_fail_when_a_number_is_junk() {
        String junk = FLEX_REQUEST.replace("Revision=\"1\"", "Revision=\"one\"");

        assertThatThrownBy(() -> JAXB.unmarshal(utf8(junk))).isInstanceOf(UftpSchemaException.class);
    }

    @Test
    void should_refuse_when_the_root_is_the_envelope_not_a_payload() {
        byte[] envelope = utf8("<SignedMessage SenderDomain=\"agr.example.com\" SenderRole=\"AGR\" Body=\"AAAA\"/>");

        assertThatThrownBy(() -> JAXB.unmarshal(envelope))
                .isInstanceOf(UftpXmlException.class)
                .hasMessage("root element is not a UFTP payload message: SignedMessage");
    }

    @Test
    void should_refuse_when_the_document_has_a_doctype() {
        assertThatThrownBy(() -> JAXB.unmarshal(utf8(Hostile.billionLaughs("TestMessage"))))
                .isInstanceOf(UftpXmlException.class)
                .hasMessageContaining("DOCTYPE is disallowed");
    }

    @Test
    void should_refuse_quickly_when_a_domain_is_huge() {
        String huge = FLEX_REQUEST.replace("dso.example.com", "x".repeat(1_000_000));

        assertTimeoutPreemptively(java.time.Duration.ofSeconds(2), () ->
                assertThatThrownBy(() -> JAXB.unmarshal(utf8(huge)))
                        .isInstanceOf(UftpXmlException.class)
                        .hasMessageContaining("SenderDomain of FlexRequest is longer than 253 characters"));
    }

    @Test
    void should_refuse_when_the_xml_is_truncated() {
        byte[] truncated = utf8(FLEX_REQUEST.substring(0, FLEX_REQUEST.length() / 2));

        assertThatThrownBy(() -> JAXB.unmarshal(truncated)).isInstanceOf(UftpXmlException.class);
    }

    @Test
    void should_bind_each_callers_message_when_unmarshalling_from_many_threads_with_failures_between()
            throws Exception {
        String invalid = FLEX_REQUEST.replace("Revision=\"1\"", "Revision=\"one\"");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var results = java.util.stream.IntStream.range(0, 300).mapToObj(i -> pool.submit(() -> {
                if (i % 3 == 0) {
                    assertThatThrownBy(() -> JAXB.unmarshal(utf8(invalid))).isInstanceOf(UftpSchemaException.class);
                    return true;
                }
                String id = String.format("%08d-8d8b-4b7e-9c3b-0a4d2f9e1a11", i);
                String xml = FLEX_REQUEST.replace("0f6f7e5e-8d8b-4b7e-9c3b-0a4d2f9e1a11", id);
                return JAXB.unmarshal(utf8(xml)).getMessageID().equals(id);
            })).toList();
            for (var result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void should_write_namespace_less_utf8_when_marshalling() {
        FlexRequestResponse response = new FlexRequestResponse();
        response.setVersion("3.0.0");
        response.setSenderDomain("agr.example.com");
        response.setRecipientDomain("dso.example.com");
        response.setTimeStamp(OffsetDateTime.parse("2024-05-01T08:01:00Z"));
        response.setMessageID("4a6f7e5e-8d8b-4b7e-9c3b-0a4d2f9e1a11");
        response.setConversationID("1f6f7e5e-8d8b-4b7e-9c3b-0a4d2f9e1a11");
        response.setFlexRequestMessageID("0f6f7e5e-8d8b-4b7e-9c3b-0a4d2f9e1a11");
        response.setResult(AcceptedRejectedType.REJECTED);
        response.setRejectionReason("Période déjà acceptée €");

        byte[] xml = JAXB.marshal(response);

        String text = new String(xml, StandardCharsets.UTF_8);
        assertThat(text).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"")
                .contains("<FlexRequestResponse ")
                .contains("RejectionReason=\"Période déjà acceptée €\"")
                .doesNotContain("xmlns");
        assertThat(JAXB.unmarshal(xml)).usingRecursiveComparison().isEqualTo(response);
    }

    @Test
    void should_refuse_to_marshal_when_a_required_attribute_is_unset() {
        TestMessage incomplete = new TestMessage();
        incomplete.setVersion("3.0.0");

        assertThatThrownBy(() -> JAXB.marshal(incomplete)).isInstanceOf(UftpXmlException.class);
    }

    @Test
    void should_refuse_when_the_document_has_a_processing_instruction() {
        String message = Fixtures.payloadText("TestMessage.xml");
        byte[] withInstruction = utf8(message + "<?evil payload?>");

        assertThatThrownBy(() -> JAXB.unmarshal(withInstruction))
                .isInstanceOf(UftpXmlException.class)
                .hasMessageContaining("processing instructions are not allowed");
    }
}
