package io.flexhub.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The hub's HTTP entries as its REST definitions declare them ({@code routes/hub-rest.camel.yaml}): method, path
 * template and the media types a body may have ({@code consumes}; none: the entry takes no body). Read from Camel
 * once it has started, so that an entry added there is checked without anything to register here.
 */
@Component
public class HttpEntries {

    /** @param consumes lower-case media types without parameters; empty: no body */
    public record Entry(String method, String template, List<String> consumes) {

        boolean matches(String method, String[] segments) {
            if (!this.method.equals(method)) {
                return false;
            }
            String[] parts = template.split("/");
            if (parts.length != segments.length) {
                return false;
            }
            for (int i = 0; i < parts.length; i++) {
                boolean variable = parts[i].startsWith("{") && parts[i].endsWith("}");
                if (variable ? segments[i].isEmpty() : !parts[i].equals(segments[i])) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private final ObjectProvider<CamelContext> camel;
    private volatile List<Entry> entries;

    // A provider: filters are built before the CamelContext, which must not be pulled forward for them.
    public HttpEntries(ObjectProvider<CamelContext> camel) {
        this.camel = camel;
    }

    public Optional<Entry> find(String method, String path) {
        String[] segments = path.split("/", -1);
        return all().stream().filter(e -> e.matches(method, segments)).findFirst();
    }

    public List<Entry> all() {
        List<Entry> known = entries;
        if (known != null) {
            return known;
        }
        CamelContext context = camel.getIfAvailable();
        if (context == null) {
            return List.of();
        }
        List<Entry> read = read(context);
        // until Camel has started, its REST definitions may still be loading
        if (context.isStarted()) {
            entries = read;
        }
        return read;
    }

    private static List<Entry> read(CamelContext context) {
        List<Entry> read = new ArrayList<>();
        for (RestDefinition rest : context.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions()) {
            String base = rest.getPath() == null ? "" : rest.getPath();
            for (VerbDefinition verb : rest.getVerbs()) {
                String consumes = verb.getConsumes() != null ? verb.getConsumes() : rest.getConsumes();
                read.add(new Entry(verb.asVerb().toUpperCase(Locale.ROOT), base + verb.getPath(), mediaTypes(consumes)));
            }
        }
        return List.copyOf(read);
    }

    private static List<String> mediaTypes(String consumes) {
        if (consumes == null || consumes.isBlank()) {
            return List.of();
        }
        return Arrays.stream(consumes.split(",")).map(t -> t.strip().toLowerCase(Locale.ROOT))
                .filter(t -> !t.isEmpty()).toList();
    }
}
