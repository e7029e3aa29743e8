package io.flexhub.usef.xml;

/**
 * XML that the hub refuses: not UTF-8, a DOCTYPE, not well-formed, or not bindable. The message is safe to hand
 * back to the sender.
 */
public class UftpXmlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final int MAX_TEXT = 300;

    public UftpXmlException(String message) {
        super(clip(message));
    }

    public UftpXmlException(String message, Throwable cause) {
        super(clip(message), cause);
    }

    /**
     * Makes a text that may quote hostile input fit for a log line or an HTTP reason: control characters become
     * spaces and anything beyond {@value #MAX_TEXT} characters is cut.
     */
    public static String clip(String text) {
        if (text == null) {
            return "";
        }
        boolean cut = text.length() > MAX_TEXT;
        // cut before the regex: the text may quote a megabyte-long attribute value
        String head = cut ? text.substring(0, MAX_TEXT) : text;
        String oneLine = head.replaceAll("\\p{Cntrl}+", " ").strip();
        return cut ? oneLine + "..." : oneLine;
    }
}
