/**
 * UFTP 3.x (Shapeshifter) messages to NGSI-LD JSON-LD entities and back, in plain Java: JDK StAX and Jackson
 * streaming only, no Camel or Spring, so it can be unit-tested and benchmarked on its own.
 *
 * <p>{@link io.flexhub.usef.mapping.UftpJsonLdMapper} is the entry point. The message catalogue lives in one
 * table ({@code UftpSchema}); {@code XmlToJsonLd} and {@code JsonLdToXml} are the two generic engines walking
 * it. The mapping rules and the term table are in {@code docs/jsonld-mapping.md}.
 */
package io.flexhub.usef.mapping;
