package io.flexhub.probes.runtime;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flexhub.notify.Notification;
import io.flexhub.notify.Notifications;

/** Used only when no mail sender is configured: probe emails are logged so that nothing passes silently. */
final class NotificationsMissing implements Notifications {

    static final NotificationsMissing INSTANCE = new NotificationsMissing();
    private static final Logger LOG = LoggerFactory.getLogger(NotificationsMissing.class);
    private final AtomicLong count = new AtomicLong();

    @Override
    public long send(Notification n) {
        LOG.warn("No notification sender configured; probe email to {} not sent: {} / {}", n.to(), n.subject(),
                n.body());
        return -count.incrementAndGet();
    }
}
