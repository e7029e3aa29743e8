package io.flexhub.usef.validation;

import java.util.List;
import org.lfenergy.shapeshifter.api.PayloadMessageType;

/** A fresh message store and the default rules per test. */
abstract class ValidatorTestSupport {

    protected final InMemoryValidationContext context = new InMemoryValidationContext(UftpTestMessages.CLOCK);
    protected final UftpMessageValidator validator = new UftpMessageValidator();

    protected ValidationResult validate(PayloadMessageType message) {
        return validator.validate(message, ContentDigest.of(message.getMessageID() + "-content"), context);
    }

    protected List<String> reasons(PayloadMessageType message) {
        return validate(message).reasons();
    }
}
