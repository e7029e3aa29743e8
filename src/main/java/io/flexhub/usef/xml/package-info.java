/**
 * XML handling for UFTP with every external-access door shut: hardened JAXP factories for the whole hub
 * ({@link io.flexhub.usef.xml.SafeXml}), the UFTP 3.x schema from the shapeshifter-api jar
 * ({@link io.flexhub.usef.xml.UftpXsd}) and JAXB binding onto its classes ({@link io.flexhub.usef.xml.UftpJaxb}).
 *
 * <p>Exception messages are meant to be passed to the sending party (HTTP reason, RejectionReason): they say what
 * is wrong and where, and are clipped so that hostile input cannot blow up a log line.
 */
package io.flexhub.usef.xml;
