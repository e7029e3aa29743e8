package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpTestMessages.testMessage;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lfenergy.shapeshifter.api.TestMessage;

class DuplicateDetectionTest extends ValidatorTestSupport {

    private static final String CONTENT = ContentDigest.of("<TestMessage MessageID=\"1\" TimeStamp=\"2026-03-28T10:00:00Z\"/>");
    private static final String OTHER_CONTENT = ContentDigest.of("<TestMessage MessageID=\"1\" TimeStamp=\"2026-03-28T10:05:00Z\"/>");

    private final TestMessage message = testMessage();

    @Test
    void should_reject_as_duplicate_identifier_when_the_message_id_was_used_for_other_content() {
        context.store(message, MessageStatus.ACCEPTED, OTHER_CONTENT);

        ValidationResult result = validator.validate(message, CONTENT, context);

        assertThat(result.outcome()).isEqualTo(ValidationResult.Outcome.REJECTED);
        assertThat(result.reasons()).containsExactly("Duplicate Identifier");
    }

    @ParameterizedTest
    @EnumSource(value = MessageStatus.class, names = {"RECEIVED", "ACCEPTED"})
    void should_report_already_submitted_when_an_identical_copy_was_received_before(MessageStatus earlier) {
        context.store(message, earlier, CONTENT);

        ValidationResult result = validator.validate(message, CONTENT, context);

        assertThat(result.outcome()).isEqualTo(ValidationResult.Outcome.ALREADY_SUBMITTED);
        assertThat(result.isRejected()).isFalse();
        assertThat(result.reasons()).isEmpty();
        assertThat(result.rejectionReason()).isEmpty();
    }

    @Test
    void should_validate_afresh_when_an_identical_copy_was_rejected_before() {
        context.store(message, MessageStatus.REJECTED, CONTENT);

        assertThat(validator.validate(message, CONTENT, context).outcome())
                .isEqualTo(ValidationResult.Outcome.ACCEPTED);
    }

    @Test
    void should_report_already_submitted_when_a_re_sent_copy_of_a_rejected_message_was_accepted() {
        context.store(message, MessageStatus.REJECTED, CONTENT);
        context.store(message, MessageStatus.ACCEPTED, CONTENT);

        assertThat(validator.validate(message, CONTENT, context).outcome())
                .isEqualTo(ValidationResult.Outcome.ALREADY_SUBMITTED);
    }

    @Test
    void should_validate_afresh_when_every_identical_copy_was_rejected() {
        context.store(message, MessageStatus.REJECTED, CONTENT);
        context.store(message, MessageStatus.REJECTED, CONTENT);
        message.setVersion("2.0.0");

        assertThat(validator.validate(message, CONTENT, context).reasons())
                .containsExactly("Invalid Message: unsupported Version 2.0.0");
    }

    @Test
    void should_reject_as_duplicate_identifier_when_a_re_used_message_id_is_sent_again() {
        context.store(message, MessageStatus.ACCEPTED, OTHER_CONTENT);
        context.store(message, MessageStatus.REJECTED, CONTENT);

        assertThat(validator.validate(message, CONTENT, context).reasons()).containsExactly("Duplicate Identifier");
    }

    @Test
    void should_reject_as_duplicate_identifier_when_the_content_cannot_be_compared() {
        context.store(message, MessageStatus.ACCEPTED, CONTENT);

        assertThat(validator.validate(message, null, context).reasons()).containsExactly("Duplicate Identifier");
    }

    @Test
    void should_accept_when_another_sender_used_the_same_message_id() {
        TestMessage fromOtherDso = testMessage();
        fromOtherDso.setMessageID(message.getMessageID());
        fromOtherDso.setSenderDomain(UftpTestMessages.OTHER_DSO);
        context.store(fromOtherDso, MessageStatus.ACCEPTED, OTHER_CONTENT);

        assertThat(validator.validate(message, CONTENT, context).reasons()).isEmpty();
    }

    @Test
    void should_report_the_duplicate_first_when_other_rules_fail_too() {
        context.store(message, MessageStatus.ACCEPTED, OTHER_CONTENT);
        message.setVersion("2.0.0");

        assertThat(validator.validate(message, CONTENT, context).rejectionReason())
                .contains("Duplicate Identifier; Invalid Message: unsupported Version 2.0.0");
    }

    @Test
    void should_digest_identical_xml_identically_when_computing_content_digests() {
        assertThat(ContentDigest.of("<TestMessage/>"))
                .isEqualTo(ContentDigest.of("<TestMessage/>"))
                .isNotEqualTo(ContentDigest.of("<TestMessage />"))
                .hasSize(64);
    }
}
