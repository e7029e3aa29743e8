package io.flexhub.usef;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

import io.flexhub.common.ApiException;
import io.flexhub.common.HubProperties;
import io.flexhub.usef.mapping.MappingException;
import io.flexhub.usef.mapping.UftpJsonLdMapper;
import io.flexhub.usef.xml.UftpSchemaException;
import io.flexhub.usef.xml.UftpXsd;

/**
 * The USEF interpreter's REST adapter. The request's Content-Type picks the direction; both directions are
 * checked against the official UFTP XSD (the XML going in, and the XML coming out of an entity), so the API
 * never hands out UFTP a peer would refuse.
 */
@Component("usefTranslator")
public class UsefTranslator {

    static final String JSON_LD = "application/ld+json";

    private final UftpJsonLdMapper mapper;
    private final UftpXsd xsd;
    private final byte[] contextDocument;

    public UsefTranslator(HubProperties hub, UftpXsd xsd) {
        this.mapper = new UftpJsonLdMapper(hub.uftpContextUrl());
        this.xsd = xsd;
        this.contextDocument = loadContext();
    }

    public UftpJsonLdMapper mapper() {
        return mapper;
    }

    public void translate(@Body byte[] body, @Header(Exchange.CONTENT_TYPE) String contentType, Message out) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("Empty body: send UFTP XML or an NGSI-LD entity");
        }
        String mime = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        byte[] result;
        String resultType;
        switch (mime) {
            case "text/xml", "application/xml" -> {
                result = validatedJsonLd(body);
                resultType = JSON_LD;
            }
            case JSON_LD, "application/json" -> {
                result = map(() -> mapper.toUftpXml(body));
                validate(result, "UFTP XML produced from the entity");
                resultType = "application/xml";
            }
            default -> throw ApiException.unsupportedMediaType("Content-Type " + (mime.isEmpty() ? "(none)" : mime)
                    + " is not supported: use text/xml or application/xml for UFTP, application/ld+json or "
                    + "application/json for NGSI-LD");
        }
        out.removeHeaders("*");
        out.setHeader(Exchange.CONTENT_TYPE, resultType);
        out.setBody(result);
    }

    public void contextDocument(Message out) {
        out.removeHeaders("*");
        out.setHeader(Exchange.CONTENT_TYPE, JSON_LD);
        out.setHeader("Cache-Control", "public, max-age=86400");
        out.setBody(contextDocument);
    }

    // One parse: the translation reads a stream that the schema validator checks as it goes.
    private byte[] validatedJsonLd(byte[] xml) {
        try {
            return map(() -> mapper.toJsonLd(xsd.validatingReader(xml), xml.length));
        } catch (UftpSchemaException e) {
            throw invalid("UFTP message", e);
        }
    }

    private void validate(byte[] xml, String what) {
        try {
            xsd.validate(xml);
        } catch (UftpSchemaException e) {
            throw invalid(what, e);
        }
    }

    private static ApiException invalid(String what, UftpSchemaException e) {
        return ApiException.badRequest(what + " is not valid against the UFTP 3.x schema: " + e.getMessage());
    }

    private static byte[] map(java.util.function.Supplier<byte[]> mapping) {
        try {
            return mapping.get();
        } catch (MappingException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static byte[] loadContext() {
        try (InputStream in = UsefTranslator.class.getResourceAsStream(UftpJsonLdMapper.CONTEXT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("JSON-LD context " + UftpJsonLdMapper.CONTEXT_RESOURCE + " missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
