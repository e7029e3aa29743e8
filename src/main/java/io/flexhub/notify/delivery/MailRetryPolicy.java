package io.flexhub.notify.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.flexhub.common.Backoff;

/**
 * When to try a mail again after a failed attempt: exponential back-off from {@code initialDelay}, capped at
 * {@code maxDelay}; given up after {@code maxAttempts} attempts or once the next attempt would fall later than
 * {@code giveUpAfter} from queueing. SMTP failures are all treated as temporary: a refused recipient is a
 * configuration error an operator fixes and retries, not a reason to lose the mail sooner.
 */
public record MailRetryPolicy(Duration initialDelay, Duration maxDelay, int maxAttempts, Duration giveUpAfter) {

    public MailRetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /**
     * @param attemptsBefore attempts made before the one that just failed
     * @return the time of the next attempt, or empty to give up
     */
    public Optional<Instant> nextAttempt(int attemptsBefore, Instant queuedAt, Instant now) {
        if (attemptsBefore + 1 >= maxAttempts) {
            return Optional.empty();
        }
        Instant next = now.plus(backoff(attemptsBefore));
        return next.isAfter(queuedAt.plus(giveUpAfter)) ? Optional.empty() : Optional.of(next);
    }

    /** Why {@link #nextAttempt} gave up, for the log and the alert. */
    public String giveUpReason(int attemptsBefore, Instant queuedAt) {
        return attemptsBefore + 1 >= maxAttempts ? (attemptsBefore + 1) + " attempts failed"
                : "still failing " + giveUpAfter + " after it was queued at " + queuedAt
                        + " (" + (attemptsBefore + 1) + " attempts)";
    }

    /** Delay before the next attempt, after {@code attempts + 1} failures. */
    Duration backoff(int attempts) {
        return new Backoff(initialDelay, maxDelay).after(attempts + 1);
    }
}
