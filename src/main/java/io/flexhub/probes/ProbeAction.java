package io.flexhub.probes;

import java.util.List;
import java.util.Map;

/** Something a stage does after its call, with texts that are templates ({@code $status}, {@code $TIME}...). */
public sealed interface ProbeAction {

    /** An email to the recipients (empty: the default probe recipients). */
    record Email(List<String> to, String subject, String body) implements ProbeAction {
        public Email {
            to = List.copyOf(to);
        }
    }

    /** A POST of a text (a log line) to an endpoint; the url and header values may hold placeholders. */
    record Post(String url, String body, String contentType, Map<String, String> headers, String user,
                String password) implements ProbeAction {
        public Post {
            headers = Map.copyOf(headers);
        }
    }
}
