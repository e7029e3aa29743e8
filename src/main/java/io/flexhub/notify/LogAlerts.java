package io.flexhub.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Alerts written to a dedicated logger, so that log shipping can route them (e.g. to an on-call channel). */
class LogAlerts implements Alerts {

    private static final Logger ALERT = LoggerFactory.getLogger("io.flexhub.alert");

    @Override
    public void raise(String subject, String detail) {
        ALERT.error("ALERT {}: {}", subject, detail);
    }
}
