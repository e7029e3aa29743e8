package io.flexhub.usef.mapping;

/**
 * A UFTP message or NGSI-LD entity that cannot be translated. The message names the element, attribute or
 * property at fault so that it can go back to the sender as a RejectionReason or an HTTP problem detail as is.
 */
public class MappingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MappingException(String message) {
        super(message);
    }

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
