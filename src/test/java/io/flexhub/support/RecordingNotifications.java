package io.flexhub.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.flexhub.notify.Notification;
import io.flexhub.notify.Notifications;

/** Notifications in end-to-end tests: kept in memory for tests to read, and passed on to the mail outbox. */
public final class RecordingNotifications implements Notifications {

    private final Supplier<Notifications> next;

    public RecordingNotifications(Supplier<Notifications> next) {
        this.next = next;
    }

    private final List<Notification> sent = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    @Override
    public long send(Notification notification) {
        sent.add(notification);
        Notifications mail = next.get();
        return mail != null ? mail.send(notification) : ids.incrementAndGet();
    }

    public List<Notification> sent() {
        return List.copyOf(sent);
    }
}
