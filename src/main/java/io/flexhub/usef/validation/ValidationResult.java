package io.flexhub.usef.validation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Outcome of validating one received message.
 *
 * <p>{@link Outcome#ALREADY_SUBMITTED} is not a rejection: the spec lets an identical copy of an earlier message
 * count as successfully submitted, but the hub must not process it a second time.
 */
public record ValidationResult(Outcome outcome, List<String> reasons) {

    /** The spec separates several reasons with a semicolon. */
    public static final String REASON_SEPARATOR = "; ";

    public enum Outcome {
        ACCEPTED,
        REJECTED,
        ALREADY_SUBMITTED
    }

    public ValidationResult {
        Objects.requireNonNull(outcome, "outcome");
        reasons = List.copyOf(reasons);
        if ((outcome == Outcome.REJECTED) == reasons.isEmpty()) {
            throw new IllegalArgumentException("Exactly a rejection carries reasons: " + outcome + " " + reasons);
        }
    }

    public static ValidationResult accepted() {
        return new ValidationResult(Outcome.ACCEPTED, List.of());
    }

    public static ValidationResult alreadySubmitted() {
        return new ValidationResult(Outcome.ALREADY_SUBMITTED, List.of());
    }

    public static ValidationResult of(List<String> reasons) {
        return reasons.isEmpty() ? accepted() : new ValidationResult(Outcome.REJECTED, reasons);
    }

    public boolean isRejected() {
        return outcome == Outcome.REJECTED;
    }

    /** All reasons joined for the RejectionReason attribute; empty unless rejected. */
    public Optional<String> rejectionReason() {
        return isRejected() ? Optional.of(String.join(REASON_SEPARATOR, reasons)) : Optional.empty();
    }
}
