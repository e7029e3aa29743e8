package io.flexhub.usef.transport;

import io.flexhub.common.TransportRefusal;
import io.flexhub.usef.xml.UftpXmlException;

/**
 * A message refused at the transport stage, with the HTTP status to answer (UFTP spec §2.1 transport table).
 * The reason is meant for the sender and is clipped to one short line.
 */
public class UftpTransportException extends RuntimeException implements TransportRefusal {

    /** Unparseable or schema-invalid envelope or payload, bad Base64, wrong content type or charset. */
    public static final int BAD_REQUEST = 400;
    /** Signature does not verify, or no key is known for the sender (as shapeshifter-library-java does). */
    public static final int UNAUTHORIZED = 401;
    /** No Content-Length; only the HTTP layer can tell. */
    public static final int LENGTH_REQUIRED = 411;
    /** Body larger than the hub accepts; not in the spec's table, but the HTTP meaning fits. */
    public static final int PAYLOAD_TOO_LARGE = 413;
    /** The sender's key could not be looked up (e.g. DNS failure); temporary, the sender retries. */
    public static final int AUTHENTICATION_TIMEOUT = 419;
    /** The sender exceeds the receiver's rate policy; temporary. */
    public static final int TOO_MANY_REQUESTS = 429;

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final String reason;

    public UftpTransportException(int httpStatus, String reason) {
        this(httpStatus, reason, null);
    }

    public UftpTransportException(int httpStatus, String reason, Throwable cause) {
        super(httpStatus + " " + UftpXmlException.clip(reason), cause);
        this.httpStatus = httpStatus;
        this.reason = UftpXmlException.clip(reason);
    }

    @Override
    public int httpStatus() {
        return httpStatus;
    }

    @Override
    public String reason() {
        return reason;
    }

    /** Whether the sender should retry later (419, 429) rather than give up. */
    public boolean isTemporary() {
        return httpStatus == AUTHENTICATION_TIMEOUT || httpStatus == TOO_MANY_REQUESTS;
    }
}
