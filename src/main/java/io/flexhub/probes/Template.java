package io.flexhub.probes;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Subjects, bodies and log lines of probe actions: {@code $name} or {@code ${name}} is replaced by the variable's
 * value ({@code $status}, {@code $TIME}, {@code $statusCode}, {@code $payload}...). An unknown name stays as
 * written, so that a typo shows in the mail instead of vanishing.
 */
public final class Template {

    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_.]*)}|([A-Za-z_][A-Za-z0-9_]*))");

    private Template() {
    }

    public static String render(String template, Map<String, String> variables) {
        if (template == null) {
            return "";
        }
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = variables.get(name);
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
