package io.flexhub.common;

/**
 * A service the hub depends on (the NGSI-LD broker) failed a call: the error policy answers 503 when it could not be
 * reached or failed itself, 502 when it refused what the hub sent, without knowing the client.
 */
public interface UpstreamFailure {

    /** The service's HTTP status; 0 when it could not be reached. */
    int status();

    /** The service in words, for the answer ("NGSI-LD broker"). */
    String service();

    String getMessage();
}
