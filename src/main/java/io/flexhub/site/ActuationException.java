package io.flexhub.site;

/** A command that did not reach its device. */
public class ActuationException extends RuntimeException {

    private final boolean retryable;

    public ActuationException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
