package io.flexhub.probes;

import java.time.Instant;
import java.util.List;

/**
 * What one stage of one run did.
 *
 * @param statusCode      HTTP status of the response, null when none came
 * @param responseExcerpt start of the response body (or the failure), for the operator
 * @param detail          why the response was not valid, or why no response came; null when valid
 * @param actions         what was done after the call, in order, each with its own outcome
 */
public record StageResult(int stage, Instant startedAt, Instant finishedAt, Outcome outcome, Integer statusCode,
                          String responseExcerpt, String detail, List<String> actions) {

    public StageResult {
        actions = List.copyOf(actions);
    }
}
