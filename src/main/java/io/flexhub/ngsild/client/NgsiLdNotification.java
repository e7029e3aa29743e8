package io.flexhub.ngsild.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * A parsed notification. The id is kept as free text: Scorpio sends {@code notification:<long>}, not a URN.
 * Treat the data as a change hint: brokers echo the request payload merged onto the entity, including
 * attributes that were never stored, so re-read the entity when the exact state matters.
 */
public record NgsiLdNotification(
        String id, String subscriptionId, Instant notifiedAt, List<ObjectNode> entities, List<String> contexts) {
}
