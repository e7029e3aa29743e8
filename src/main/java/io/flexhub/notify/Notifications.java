package io.flexhub.notify;

/**
 * Sends notifications by email and log. {@link #send} only persists the mail in the notification outbox (in the
 * caller's transaction when there is one) and logs it; delivery happens later with retries, so SMTP being down
 * never loses or blocks anything.
 */
public interface Notifications {

    /** @return the outbox id of the queued mail */
    long send(Notification notification);
}
