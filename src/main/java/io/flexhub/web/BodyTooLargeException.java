package io.flexhub.web;

import java.io.IOException;

/** Raised while reading a body of undeclared length past the configured limit; answered with 413. */
public final class BodyTooLargeException extends IOException {

    public BodyTooLargeException(long max) {
        super("Request body exceeds the limit of " + max + " bytes");
    }
}
