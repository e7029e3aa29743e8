package io.flexhub.usef.crypto;

import java.security.GeneralSecurityException;

/**
 * A sealed message could not be opened with the given key. Checked on purpose: every caller has to decide what a
 * failed signature means for it (the transport layer answers 401).
 */
public class Cs1SignatureException extends GeneralSecurityException {

    private static final long serialVersionUID = 1L;

    public Cs1SignatureException(String message) {
        super(message);
    }

    public Cs1SignatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
