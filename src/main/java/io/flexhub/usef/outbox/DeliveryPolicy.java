package io.flexhub.usef.outbox;

import java.time.Duration;
import java.time.Instant;

import io.flexhub.common.Backoff;

/**
 * What to do after a delivery attempt, following the UFTP transport rules: 200 ends it; 5xx, 404, 408, 429,
 * 3xx we could not follow, unknown codes and I/O errors are temporary and retried with exponential back-off
 * until {@code giveUpAfter} has passed since the message was queued; any other 4xx is permanent.
 */
public record DeliveryPolicy(Duration initialDelay, Duration maxDelay, Duration giveUpAfter) {

    public sealed interface Decision permits Delivered, RetryAt, GiveUp {
    }

    public record Delivered() implements Decision {
    }

    public record RetryAt(Instant when) implements Decision {
    }

    public record GiveUp(String why) implements Decision {
    }

    /**
     * @param httpStatus the peer's status, or null when the request failed before a response (I/O, timeout)
     * @param attempts   attempts made before this one
     */
    public Decision decide(Integer httpStatus, int attempts, Instant queuedAt, Instant now) {
        if (httpStatus != null && httpStatus >= 200 && httpStatus < 300) {
            return new Delivered();
        }
        if (httpStatus != null && isPermanent(httpStatus)) {
            return new GiveUp("permanent HTTP " + httpStatus);
        }
        Instant next = now.plus(backoff(attempts));
        if (next.isAfter(queuedAt.plus(giveUpAfter))) {
            return new GiveUp("still failing after " + giveUpAfter + " (" + (attempts + 1) + " attempts)");
        }
        return new RetryAt(next);
    }

    static boolean isPermanent(int status) {
        return status >= 400 && status < 500 && status != 404 && status != 408 && status != 429 && status != 419;
    }

    /** Delay before the next attempt, after {@code attempts + 1} failures. */
    Duration backoff(int attempts) {
        return new Backoff(initialDelay, maxDelay).after(attempts + 1);
    }
}
