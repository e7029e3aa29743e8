package io.flexhub.notify;

import java.util.List;

/**
 * An email to send (and log). Recipients may be empty: the configured default recipients of the category apply.
 *
 * @param category  what it is about ({@code dr-status}, {@code dr-failure}, {@code alert}, {@code selfconsumption},
 *                  {@code probe}); picks the default recipients and is stored with it
 * @param reference what it is about (DR event id, message id), for tracing
 */
public record Notification(String category, List<String> to, String subject, String body, String reference) {

    public Notification {
        if (category == null || subject == null || body == null) {
            throw new IllegalArgumentException("category, subject and body are required");
        }
        to = to == null ? List.of() : List.copyOf(to);
    }
}
