package io.flexhub.web;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a request says about its body, checked against what its entry consumes before anything reads the body:
 * the content coding, the media type and the charset. Plain Java, so that each rule is unit-tested.
 */
final class BodyRules {

    private static final Pattern XML_DECLARATION =
            Pattern.compile("^\uFEFF?<\\?xml\\s[^>]*?\\bencoding\\s*=\\s*([\"'])([^\"']*)\\1");

    private BodyRules() {
    }

    /** A request refused; {@code mediaType}: a label the entry does not take, whose status the dialect decides. */
    static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;

        private final int status;
        private final boolean mediaType;

        private Refused(int status, boolean mediaType, String reason) {
            super(reason);
            this.status = status;
            this.mediaType = mediaType;
        }

        static Refused mediaType(String reason) {
            return new Refused(415, true, reason);
        }

        static Refused status(int status, String reason) {
            return new Refused(status, false, reason);
        }

        int status(Dialect dialect) {
            return mediaType ? dialect.mediaTypeStatus() : status;
        }
    }

    /** Only identity: decompressing would need a limit of its own (a few KB of gzip can hold gigabytes). */
    static void contentEncoding(String header) throws Refused {
        if (header != null && !header.isBlank() && !header.strip().equalsIgnoreCase("identity")) {
            throw Refused.mediaType("Content-Encoding " + header.strip() + " is not supported: send the body "
                    + "uncompressed");
        }
    }

    /**
     * @param accepted lower-case media types without parameters
     * @return the request's media type, lower case, one of {@code accepted}
     */
    static String mediaType(String contentType, List<String> accepted) throws Refused {
        if (contentType == null || contentType.isBlank()) {
            throw Refused.mediaType("Content-Type is missing: it must be " + either(accepted));
        }
        String[] parts = contentType.split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!accepted.contains(type)) {
            throw Refused.mediaType("Content-Type must be " + either(accepted) + ", got " + type);
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].strip().equalsIgnoreCase("charset")) {
                String charset = unquote(parameter.length < 2 ? "" : parameter[1].strip());
                if (isBinary(type)) {
                    throw Refused.mediaType(type + " is no text and takes no charset, got charset=" + charset);
                }
                if (!charset.equalsIgnoreCase("UTF-8") && !charset.equalsIgnoreCase("UTF8")) {
                    throw Refused.mediaType("charset must be UTF-8, got " + (charset.isEmpty() ? "none" : charset));
                }
            }
        }
        return type;
    }

    static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    /** Bytes that are no text: no charset, UTF-8 or syntax check applies to the body as a whole. */
    static boolean isBinary(String mediaType) {
        return mediaType.equals("application/zip");
    }

    static boolean isXml(String mediaType) {
        return mediaType.equals("text/xml") || mediaType.equals("application/xml") || mediaType.endsWith("+xml");
    }

    /** An XML declaration naming another encoding would make a parser read the UTF-8 bytes as something else. */
    static void xmlDeclaration(String text) throws Refused {
        Matcher declaration = XML_DECLARATION.matcher(text);
        if (declaration.find() && !declaration.group(2).equalsIgnoreCase("UTF-8")) {
            throw Refused.status(400, "the XML declaration says encoding=\"" + declaration.group(2)
                    + "\", but the body must be UTF-8");
        }
    }

    static String either(List<String> types) {
        if (types.size() == 1) {
            return types.get(0);
        }
        return String.join(", ", types.subList(0, types.size() - 1)) + " or " + types.get(types.size() - 1);
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
