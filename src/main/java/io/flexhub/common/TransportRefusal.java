package io.flexhub.common;

/**
 * A message refused at a transport endpoint with the status and reason its protocol prescribes (UFTP's transport
 * codes): the error policy answers them as they are, without knowing the protocol.
 */
public interface TransportRefusal {

    int httpStatus();

    String reason();
}
