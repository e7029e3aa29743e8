package io.flexhub.usef.mapping;

import java.math.BigDecimal;

/** Allocation-free checks and conversions between XSD and JSON lexical forms. */
final class Lexical {

    private static final int MAX_QUOTED = 80;

    private Lexical() {
    }

    /**
     * Turns an xs:integer lexical into a JSON number lexical, or null if it is not an integer. XSD allows a
     * leading '+' and leading zeros, JSON allows neither, so those (rare) forms are rewritten; everything else
     * is passed through untouched so the round trip keeps the lexical form.
     */
    static String jsonInteger(String xml) {
        String s = xml.trim();
        int n = s.length();
        int start = n > 0 && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
        if (start == n) {
            return null;
        }
        for (int i = start; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        int firstDigit = start;
        while (firstDigit < n - 1 && s.charAt(firstDigit) == '0') {
            firstDigit++;
        }
        if (s.charAt(0) != '+' && firstDigit == start) {
            return s;
        }
        return (s.charAt(0) == '-' ? "-" : "") + s.substring(firstDigit);
    }

    /**
     * Turns an xs:decimal lexical into a JSON number lexical keeping its scale ("12.5000" stays "12.5000"), or
     * null if it is not a decimal. Forms JSON lacks ("+1", ".5", "1.", "007") are rewritten.
     */
    static String jsonDecimal(String xml) {
        String s = xml.trim();
        int n = s.length();
        int start = n > 0 && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
        int dot = -1;
        int digits = 0;
        for (int i = start; i < n; i++) {
            char c = s.charAt(i);
            if (c == '.' && dot < 0) {
                dot = i;
            } else if (c >= '0' && c <= '9') {
                digits++;
            } else {
                return null;
            }
        }
        if (digits == 0) {
            return null;
        }
        boolean jsonReady = s.charAt(0) != '+' && dot != start && dot != n - 1
                && !(s.charAt(start) == '0' && start + 1 < n && s.charAt(start + 1) != '.');
        return jsonReady ? s : new BigDecimal(s).toPlainString();
    }

    /** xs:boolean allows 1 and 0 as well; null if neither form. */
    static Boolean xmlBoolean(String xml) {
        return switch (xml.trim()) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    static boolean isUuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean ok = (i == 8 || i == 13 || i == 18 || i == 23)
                    ? c == '-'
                    : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** JSON strings may hold characters XML 1.0 cannot carry at all (most C0 controls, U+FFFE, lone surrogates). */
    static boolean isXmlText(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20) {
                if (c != '\t' && c != '\n' && c != '\r') {
                    return false;
                }
            } else if (c >= 0xD800) {
                if (c == 0xFFFE || c == 0xFFFF) {
                    return false;
                }
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 == n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                        return false;
                    }
                    i++;
                } else if (Character.isLowSurrogate(c)) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean isZero(String integer) {
        for (int i = 0, n = integer.length(); i < n; i++) {
            char c = integer.charAt(i);
            if (c != '0' && c != '-' && c != '+') {
                return false;
            }
        }
        return true;
    }

    static boolean fitsLong(String integer) {
        if (integer.length() < 19) {
            return true;
        }
        try {
            Long.parseLong(integer);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Quotes a value for an error message, cut short so that junk input cannot flood logs. */
    static String quote(String value) {
        String shown = value.length() <= MAX_QUOTED ? value : value.substring(0, MAX_QUOTED) + "...";
        return "'" + shown + "'";
    }
}
