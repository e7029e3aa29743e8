package io.flexhub.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Alerts go to the {@code io.flexhub.alert} log (as before) and by mail to the {@code alert} recipients. The mail is
 * queued in a transaction of its own: an alert often comes with a failure that rolls the caller's work back, and
 * the operator must hear of it all the same.
 */
@Component
class MailAlerts implements Alerts {

    private static final Logger LOG = LoggerFactory.getLogger(MailAlerts.class);
    static final String CATEGORY = "alert";

    private final Alerts log = new LogAlerts();
    private final Notifications notifications;
    private final TransactionTemplate ownTransaction;

    MailAlerts(Notifications notifications, PlatformTransactionManager transactions) {
        this.notifications = notifications;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public void raise(String subject, String detail) {
        log.raise(subject, detail);
        try {
            ownTransaction.executeWithoutResult(status -> notifications.send(
                    new Notification(CATEGORY, null, "[flexhub] ALERT " + subject, detail, null)));
        } catch (RuntimeException e) {
            // the log line above is the alert of record; the mail is a copy
            LOG.error("Alert '{}' could not be queued for mail", subject, e);
        }
    }
}
