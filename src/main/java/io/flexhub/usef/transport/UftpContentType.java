package io.flexhub.usef.transport;

import java.util.Locale;

/**
 * The Content-Type check of the transport table: {@code text/xml} (the spec) or {@code application/xml} (accepted
 * by shapeshifter-library-java since PR #81), with no charset or UTF-8.
 */
public final class UftpContentType {

    private UftpContentType() {
    }

    /** @throws UftpTransportException 400 if the header is missing, another media type, or another charset */
    public static void check(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw new UftpTransportException(UftpTransportException.BAD_REQUEST, "Content-Type is missing");
        }
        String[] parts = contentType.split(";");
        String mediaType = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("text/xml") && !mediaType.equals("application/xml")) {
            throw new UftpTransportException(UftpTransportException.BAD_REQUEST,
                    "Content-Type must be text/xml or application/xml");
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].strip().equalsIgnoreCase("charset") && !isUtf8(parameter)) {
                throw new UftpTransportException(UftpTransportException.BAD_REQUEST, "charset must be UTF-8");
            }
        }
    }

    private static boolean isUtf8(String[] parameter) {
        String value = parameter.length < 2 ? "" : parameter[1].strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return value.equalsIgnoreCase("UTF-8") || value.equalsIgnoreCase("UTF8");
    }
}
