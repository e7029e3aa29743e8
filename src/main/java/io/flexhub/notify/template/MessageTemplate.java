package io.flexhub.notify.template;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Subject and body text with placeholders, in the style of the operators' existing mails
 * ({@code Demand/Request / request status $status - $TIME}).
 * <ul>
 * <li>{@code $name} and {@code ${name}} take the value of {@code name}; {@code ${name}} is needed when letters
 * follow directly ({@code ${device}s}). Names are letters, digits and {@code _}.</li>
 * <li>{@code $TIME} is, by convention, the local date-time (ISO, seconds) of the site's zone, or of
 * {@code flexhub.notify.time-zone} (UTC by default) when there is no site: see {@link #time}.</li>
 * <li>Numbers print without a trailing {@code .0} and lists as {@code [0, 0, 0.5, -1.3]}.</li>
 * <li>An unknown placeholder is left as written, so that a typo shows in the mail instead of vanishing;
 * {@code $$} is a literal {@code $}.</li>
 * </ul>
 */
public final class MessageTemplate {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final String text;

    private MessageTemplate(String text) {
        this.text = Objects.requireNonNull(text, "template");
    }

    public static MessageTemplate of(String text) {
        return new MessageTemplate(text);
    }

    /** Renders in one call. */
    public static String render(String text, Map<String, ?> values) {
        return of(text).render(values);
    }

    /** {@code $TIME}: the local date-time of {@code instant} in {@code zone}, ISO without offset, to the second. */
    public static String time(Instant instant, ZoneId zone) {
        return LocalDateTime.ofInstant(instant, zone).truncatedTo(ChronoUnit.SECONDS).format(TIME);
    }

    /** A fresh value map holding {@code TIME}, for callers that add their own values. */
    public static Map<String, Object> valuesAt(Instant instant, ZoneId zone) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("TIME", time(instant, zone));
        return values;
    }

    public String render(Map<String, ?> values) {
        StringBuilder out = new StringBuilder(text.length() + 32);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= text.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = text.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '{') {
                int close = text.indexOf('}', i + 2);
                String name = close < 0 ? "" : text.substring(i + 2, close);
                if (close < 0 || !isName(name) || !values.containsKey(name)) {
                    out.append(c);
                    i++;
                } else {
                    out.append(format(values.get(name)));
                    i = close + 1;
                }
            } else {
                int end = i + 1;
                while (end < text.length() && isNameChar(text.charAt(end))) {
                    end++;
                }
                String name = text.substring(i + 1, end);
                if (name.isEmpty() || !values.containsKey(name)) {
                    out.append(c);
                    i++;
                } else {
                    out.append(format(values.get(name)));
                    i = end;
                }
            }
        }
        return out.toString();
    }

    static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return d.toString();
        }
        if (value instanceof Float f && (f.isNaN() || f.isInfinite())) {
            return f.toString();
        }
        if (value instanceof Number n) {
            BigDecimal decimal = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
            return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
        }
        if (value instanceof double[] array) {
            return format(java.util.Arrays.stream(array).boxed().toList());
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(MessageTemplate::format).collect(Collectors.joining(", ", "[", "]"));
        }
        return value.toString();
    }

    private static boolean isName(String name) {
        return !name.isEmpty() && name.chars().allMatch(ch -> isNameChar((char) ch));
    }

    private static boolean isNameChar(char ch) {
        return ch == '_' || Character.isLetterOrDigit(ch);
    }

    @Override
    public String toString() {
        return text;
    }
}
