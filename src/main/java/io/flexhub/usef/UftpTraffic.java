package io.flexhub.usef;

/**
 * Counts UFTP messages as they pass the hub, so operators can see volumes and rejection rates per message type.
 * The usef beans report here; how it is exported (Micrometer, Prometheus) is the ops package's business.
 */
public interface UftpTraffic {

    /** Incoming messages. */
    String IN = "in";
    /** Messages the hub sends. */
    String OUT = "out";

    /**
     * @param direction {@link #IN} or {@link #OUT}
     * @param type      root element name (FlexRequest, ...), or {@code unknown} when it could not be read
     * @param result    what happened: received, duplicate, transport-rejected, accepted, rejected, unreadable,
     *                  queued, undeliverable, sent, retry, failed
     */
    void count(String direction, String type, String result);
}
