package io.flexhub.ngsild.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * RFC 8288 Link header values. Scorpio sends several Link headers on one response (user context, core
 * context, {@code rel="next"}/{@code "prev"}), and other servers may fold them into one comma-separated
 * value, so links are always selected by {@code rel}, never by position.
 */
public record LinkHeader(String uri, Map<String, String> params) {

    public static final String JSON_LD_CONTEXT_REL = "http://www.w3.org/ns/json-ld#context";

    public String rel() {
        return params.getOrDefault("rel", "");
    }

    /** The header value that makes a broker compact and expand with {@code contextUrl}. */
    public static String jsonLdContext(String contextUrl) {
        return "<" + contextUrl + ">; rel=\"" + JSON_LD_CONTEXT_REL + "\"; type=\"application/ld+json\"";
    }

    public static List<LinkHeader> parse(List<String> headerValues) {
        List<LinkHeader> out = new ArrayList<>();
        for (String value : headerValues) {
            for (String link : splitOutsideBracketsAndQuotes(value, ',')) {
                parseOne(link).ifPresent(out::add);
            }
        }
        return out;
    }

    public static List<String> urisWithRel(List<String> headerValues, String rel) {
        return parse(headerValues).stream().filter(l -> l.rel().equals(rel)).map(LinkHeader::uri).toList();
    }

    private static Optional<LinkHeader> parseOne(String link) {
        String s = link.trim();
        int open = s.indexOf('<');
        int close = s.indexOf('>', open + 1);
        if (open != 0 || close < 0) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String p : splitOutsideBracketsAndQuotes(s.substring(close + 1), ';')) {
            int eq = p.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String val = p.substring(eq + 1).trim();
            if (val.length() >= 2 && val.startsWith("\"") && val.endsWith("\"")) {
                val = val.substring(1, val.length() - 1);
            }
            params.putIfAbsent(name, val);
        }
        return Optional.of(new LinkHeader(s.substring(1, close), Map.copyOf(params)));
    }

    private static List<String> splitOutsideBracketsAndQuotes(String s, char sep) {
        List<String> parts = new ArrayList<>();
        boolean inQuotes = false;
        boolean inBrackets = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' && !inBrackets) {
                inQuotes = !inQuotes;
            } else if (c == '<' && !inQuotes) {
                inBrackets = true;
            } else if (c == '>' && !inQuotes) {
                inBrackets = false;
            } else if (c == sep && !inQuotes && !inBrackets) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }
}
