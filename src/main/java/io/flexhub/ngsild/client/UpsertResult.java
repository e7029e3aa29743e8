package io.flexhub.ngsild.client;

import java.util.List;

/**
 * Outcome of a batch upsert. {@code created} lists only newly created ids (201); entities that existed and
 * were updated are not listed by the brokers (204). {@code errors} comes from a 207 partial result.
 */
public record UpsertResult(List<String> created, List<BatchError> errors) {

    public UpsertResult {
        created = List.copyOf(created);
        errors = List.copyOf(errors);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** One entity the broker rejected; {@code problemType} is the trimmed last segment of the error type. */
    public record BatchError(String entityId, int status, String problemType, String title, String detail) {
    }
}
