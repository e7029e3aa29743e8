package io.flexhub.analytics.history;

import java.util.List;

/**
 * Published after an import stored new requests: whoever caches what it learned from the history (the fitted
 * grid-pattern models) learns again instead of answering from the history as it was for up to its cache time.
 */
public record FlexRequestsImported(int imported, List<String> congestionPoints) {
}
