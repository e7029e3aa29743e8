/**
 * The transport stage of UFTP (spec §2.1): from HTTP body bytes to a verified payload and back, with the HTTP
 * status the spec's transport table prescribes for each way it can fail ({@link
 * io.flexhub.usef.transport.UftpTransportException}). Functional validation (Accepted/Rejected responses) is not
 * done here.
 *
 * <p>Receive order (after the HTTP entry checked Content-Type, charset and length): {@link
 * io.flexhub.usef.transport.SignedMessageCodec#parse} → {@link io.flexhub.usef.transport.SignedEnvelope#open} →
 * {@link io.flexhub.usef.transport.UftpPayloads#validate}, then compare the envelope and payload senders.
 */
package io.flexhub.usef.transport;
