package io.flexhub.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.flexhub.notify.Notification;
import io.flexhub.notify.Notifications;

/** Notifications in end-to-end tests: kept in memory so that tests can read the subjects and bodies. */
public final class RecordingNotifications implements Notifications {

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
}
