package io.flexhub.analytics.history.archive;

/**
 * An archive refused as a whole, with the HTTP status it deserves: 413 when it holds too much (entries, bytes,
 * expansion), 400 when it is no zip, is damaged or uses what is refused (encryption, nested archives, path tricks,
 * duplicate names). The message names the entry and the problem.
 */
public final class HostileArchiveException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    HostileArchiveException(int status, String message) {
        super(message);
        this.status = status;
    }

    static HostileArchiveException tooLarge(String message) {
        return new HostileArchiveException(413, message);
    }

    static HostileArchiveException refused(String message) {
        return new HostileArchiveException(400, message);
    }

    public int status() {
        return status;
    }
}
