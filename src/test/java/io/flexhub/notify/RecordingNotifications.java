package io.flexhub.notify;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Keeps what would be mailed, for tests of code that sends notifications. */
public class RecordingNotifications implements Notifications {

    private final List<Notification> sent = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    @Override
    public long send(Notification notification) {
        sent.add(notification);
        return ids.incrementAndGet();
    }

    public List<Notification> sent() {
        return List.copyOf(sent);
    }

    /** What was sent with this reference (a probe run, a DR event). */
    public List<Notification> about(String referencePrefix) {
        return sent.stream().filter(n -> n.reference() != null && n.reference().startsWith(referencePrefix)).toList();
    }
}
