package io.flexhub.usef.validation;

import java.util.List;
import java.util.Set;

/** One validation rule (or a coherent group of them) over received UFTP messages. */
public interface ValidationRule {

    /** The message types this rule checks; the validator skips it for all others. */
    Set<UftpMessageType> appliesTo();

    /** The rejection reasons; empty when the message passes. */
    List<String> check(ValidationInput input);
}
