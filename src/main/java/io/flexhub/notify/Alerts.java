package io.flexhub.notify;

/** Operator alerts: things that need a human (a message that could not be delivered, a peer that is down). */
public interface Alerts {

    void raise(String subject, String detail);
}
