package io.flexhub.common;

import java.time.Duration;

/**
 * The hub's one exponential back-off, for every table that retries its work (UFTP outbox, mail outbox, entity
 * publishing, device commands): the first wait, doubled after each further failure, never more than the cap. Plain
 * Java, so that the pure policies of those tables can use it.
 *
 * @param initial the wait after the first failure (zero: retry at once, every time)
 * @param max     the longest wait
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial == null || max == null || initial.isNegative() || max.isNegative()) {
            throw new IllegalArgumentException("a back-off needs a first wait and a cap, neither negative");
        }
    }

    /**
     * The wait after {@code failures} failures in a row: {@code initial x 2^(failures - 1)}, at most {@code max}
     * (0 or 1 failure: {@code initial}, capped).
     */
    public Duration after(int failures) {
        int doublings = Math.max(0, failures - 1);
        long first = initial.toNanos();
        long cap = max.toNanos();
        // compared before shifting: a shift past the cap could overflow the long
        if (first >= cap || doublings >= 62 || first > cap >> doublings) {
            return first == 0 ? Duration.ZERO : max;
        }
        return Duration.ofNanos(first << doublings);
    }
}
