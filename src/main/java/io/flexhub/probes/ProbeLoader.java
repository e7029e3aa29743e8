package io.flexhub.probes;

import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flexhub.common.StrictText;

/**
 * Reads a probe definition (YAML) into a {@link ProbeDefinition}, or rejects it with every problem found, each
 * with its line and field. The YAML is composed into nodes only (no object construction), so a definition file
 * cannot instantiate anything.
 */
public final class ProbeLoader {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    /** Definitions are small hand-written files; the bound keeps a stray large file from being read whole. */
    public static final int MAX_BYTES = 1024 * 1024;

    private final UnaryOperator<String> placeholders;

    /** A loader that does not check placeholders. */
    public ProbeLoader() {
        this(UnaryOperator.identity());
    }

    /**
     * @param placeholders resolves {@code ${...}} in urls, headers and credentials, throwing
     *                     IllegalArgumentException for one that cannot be resolved; used to reject such a
     *                     definition at load rather than at its first run
     */
    public ProbeLoader(UnaryOperator<String> placeholders) {
        this.placeholders = placeholders;
    }

    /**
     * A definition file as it lies on disk: at most {@value #MAX_BYTES} bytes of UTF-8.
     *
     * @throws ProbeDefinitionException naming the file and each problem, the encoding and size included
     */
    public ProbeDefinition load(String source, byte[] content) {
        if (content.length > MAX_BYTES) {
            throw new ProbeDefinitionException(List.of(new ProbeProblem(source, 0, "",
                    "file is larger than " + MAX_BYTES + " bytes")));
        }
        String yaml;
        try {
            yaml = StrictText.utf8(content, "file");
        } catch (IllegalArgumentException e) {
            throw new ProbeDefinitionException(List.of(new ProbeProblem(source, 0, "", e.getMessage())));
        }
        return load(source, yaml);
    }

    public ProbeDefinition load(String source, String yaml) {
        return load(source, new StringReader(yaml));
    }

    /** @throws ProbeDefinitionException naming the file, line and field of each problem */
    public ProbeDefinition load(String source, Reader yaml) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            options.setCodePointLimit(MAX_BYTES);
            root = new Yaml(new SafeConstructor(options)).compose(yaml);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new ProbeDefinitionException(List.of(new ProbeProblem(source, mark == null ? 0 : mark.getLine() + 1,
                    "", "not valid YAML: " + e.getProblem())));
        } catch (YAMLException e) {
            throw new ProbeDefinitionException(List.of(new ProbeProblem(source, 0, "", "not valid YAML: "
                    + e.getMessage())));
        }
        Reading r = new Reading(source);
        r.duplicateKeys(root, Collections.newSetFromMap(new IdentityHashMap<>()));
        if (!r.problems.isEmpty()) {
            throw new ProbeDefinitionException(r.problems);
        }
        if (!(root instanceof MappingNode)) {
            r.problem(root, "", "a probe definition is a YAML mapping (id, service, schedule, stages...)");
            throw new ProbeDefinitionException(r.problems);
        }
        ProbeDefinition definition = r.definition((MappingNode) root);
        if (!r.problems.isEmpty()) {
            throw new ProbeDefinitionException(r.problems);
        }
        return definition;
    }

    /** One pass over one document, collecting problems instead of stopping at the first. */
    private final class Reading {

        private final String source;
        private final List<ProbeProblem> problems = new ArrayList<>();

        Reading(String source) {
            this.source = source;
        }

        /**
         * Composing (unlike constructing) keeps a key given twice, and the reading below would silently take one
         * of the values; every mapping is checked, the payloads' too. Aliases may point back up the tree, hence
         * the nodes already seen.
         */
        void duplicateKeys(Node node, Set<Node> seen) {
            if (node == null || !seen.add(node)) {
                return;
            }
            if (node instanceof MappingNode m) {
                Map<String, Node> keys = new LinkedHashMap<>();
                for (NodeTuple t : m.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode key) {
                        Node first = keys.putIfAbsent(key.getValue(), key);
                        if (first != null) {
                            problem(key, key.getValue(), "duplicate key (first on line "
                                    + (first.getStartMark().getLine() + 1) + ")");
                        }
                    }
                    duplicateKeys(t.getValueNode(), seen);
                }
            } else if (node instanceof SequenceNode seq) {
                seq.getValue().forEach(item -> duplicateKeys(item, seen));
            }
        }

        void problem(Node node, String field, String message) {
            problems.add(new ProbeProblem(source, node == null ? 0 : node.getStartMark().getLine() + 1, field, message));
        }

        ProbeDefinition definition(MappingNode root) {
            Fields f = new Fields(root, "");
            f.allow("id", "workPackage", "workPackageTitle", "service", "description", "schedule", "stages");
            String id = f.text("id", true);
            if (id != null && !ID.matcher(id).matches()) {
                problem(f.node("id"), "id", "'" + id + "' may only hold letters, digits, '.', '_' and '-'");
            }
            String workPackage = f.text("workPackage", true);
            String workPackageTitle = f.text("workPackageTitle", false);
            String service = f.text("service", true);
            String description = f.text("description", true);
            Fields scheduleFields = f.mapping("schedule", true);
            ProbeSchedule schedule = scheduleFields == null ? null : schedule(scheduleFields);
            List<ProbeStage> stages = new ArrayList<>();
            Node stagesNode = f.node("stages");
            if (stagesNode == null) {
                problem(root, "stages", "is required: a list of at least one stage");
            } else if (!(stagesNode instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
                problem(stagesNode, "stages", "must be a list of at least one stage");
            } else {
                int i = 0;
                for (Node stage : seq.getValue()) {
                    String path = "stages[" + i + "]";
                    if (stage instanceof MappingNode m) {
                        stages.add(stage(new Fields(m, path), i + 1));
                    } else {
                        problem(stage, path, "a stage is a mapping (description, request, expect, onValid...)");
                    }
                    i++;
                }
            }
            if (!problems.isEmpty()) {
                return null;
            }
            return new ProbeDefinition(id, workPackage, workPackageTitle, service, description, schedule, stages,
                    source);
        }

        ProbeSchedule schedule(Fields f) {
            f.allow("times", "cron", "timeZone");
            ZoneId zone = ZoneId.of("UTC");
            String zoneText = f.text("timeZone", false);
            if (zoneText != null) {
                try {
                    zone = ZoneId.of(zoneText);
                } catch (RuntimeException e) {
                    problem(f.node("timeZone"), f.path("timeZone"), "'" + zoneText
                            + "' is not a time zone (use a region id such as Europe/Madrid)");
                }
            }
            Node timesNode = f.node("times");
            String cronText = f.text("cron", false);
            if ((timesNode == null) == (cronText == null)) {
                problem(f.self, f.path, "needs either times (e.g. [\"09:00\", \"16:00\"]) or cron, not "
                        + (timesNode == null ? "neither" : "both"));
                return null;
            }
            if (cronText != null) {
                try {
                    return new ProbeSchedule(null, CronSchedule.parse(cronText), zone);
                } catch (IllegalArgumentException e) {
                    problem(f.node("cron"), f.path("cron"), e.getMessage());
                    return null;
                }
            }
            List<LocalTime> times = new ArrayList<>();
            for (Map.Entry<Node, String> time : f.texts("times")) {
                try {
                    times.add(LocalTime.parse(time.getValue()));
                } catch (DateTimeParseException e) {
                    problem(time.getKey(), f.path("times"), "'" + time.getValue()
                            + "' is not a time of day (use HH:mm or HH:mm:ss)");
                }
            }
            if (times.isEmpty()) {
                if (problems.isEmpty()) {
                    problem(timesNode, f.path("times"), "must list at least one time of day");
                }
                return null;
            }
            return new ProbeSchedule(times, null, zone);
        }

        ProbeStage stage(Fields f, int number) {
            f.allow("description", "request", "expect", "onValid", "onError", "onTimeout");
            String description = f.text("description", false);
            Fields request = f.mapping("request", true);
            HttpCall call = request == null ? null : call(request);
            Fields expect = f.mapping("expect", false);
            ResponseRule rule = expect == null ? new ResponseRule(Set.of(), null, Map.of()) : rule(expect);
            Reaction onValid = reaction(f.mapping("onValid", false), false);
            Reaction onError = reaction(f.mapping("onError", false), true);
            Reaction onTimeout = reaction(f.mapping("onTimeout", false), true);
            return new ProbeStage(number, description == null ? "" : description, call, rule, onValid, onError,
                    onTimeout);
        }

        HttpCall call(Fields f) {
            f.allow("method", "url", "headers", "basicAuth", "payload", "timeout");
            String method = f.text("method", false);
            method = method == null ? "GET" : method.toUpperCase(Locale.ROOT);
            if (!METHODS.contains(method)) {
                problem(f.node("method"), f.path("method"), "'" + method + "' is not one of " + METHODS);
            }
            String url = url(f, "url");
            Map<String, String> headers = headers(f);
            String[] auth = basicAuth(f);
            Node payloadNode = f.node("payload");
            String payload = payloadNode == null ? null : json(payloadNode).toString();
            Duration timeout = DEFAULT_TIMEOUT;
            String timeoutText = f.text("timeout", false);
            if (timeoutText != null) {
                timeout = duration(f.node("timeout"), f.path("timeout"), timeoutText);
            }
            return new HttpCall(method, url, headers, auth[0], auth[1], payload, timeout);
        }

        String url(Fields f, String key) {
            String url = f.text(key, true);
            if (url == null) {
                return null;
            }
            String resolved = resolved(f.node(key), f.path(key), url);
            // a placeholder left as is (loader without resolution) is checked when the call is made
            if (resolved != null && !resolved.startsWith("${") && !resolved.startsWith("http://")
                    && !resolved.startsWith("https://")) {
                problem(f.node(key), f.path(key), "'" + url + "' is not an http(s) URL");
            }
            return url;
        }

        Map<String, String> headers(Fields f) {
            Fields headers = f.mapping("headers", false);
            Map<String, String> out = new LinkedHashMap<>();
            if (headers != null) {
                for (String name : headers.keys()) {
                    String value = headers.text(name, true);
                    if (value != null) {
                        resolved(headers.node(name), headers.path(name), value);
                        out.put(name, value);
                    }
                }
            }
            return out;
        }

        String[] basicAuth(Fields f) {
            Fields auth = f.mapping("basicAuth", false);
            if (auth == null) {
                return new String[2];
            }
            auth.allow("user", "password");
            String user = auth.text("user", true);
            String password = auth.text("password", true);
            if (user != null) {
                resolved(auth.node("user"), auth.path("user"), user);
            }
            if (password != null) {
                resolved(auth.node("password"), auth.path("password"), password);
            }
            return new String[] {user, password};
        }

        String resolved(Node node, String path, String text) {
            try {
                return placeholders.apply(text);
            } catch (IllegalArgumentException e) {
                problem(node, path, e.getMessage());
                return null;
            }
        }

        Duration duration(Node node, String path, String text) {
            Duration d = null;
            Matcher m = DURATION.matcher(text.trim());
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            } else {
                try {
                    d = Duration.parse(text.trim());
                } catch (DateTimeParseException e) {
                    problem(node, path, "'" + text + "' is not a duration (use e.g. 500ms, 10s, 2m or PT10S)");
                    return DEFAULT_TIMEOUT;
                }
            }
            if (d.isZero() || d.isNegative() || d.compareTo(MAX_TIMEOUT) > 0) {
                problem(node, path, "'" + text + "' must be more than 0 and at most " + MAX_TIMEOUT.toMinutes()
                        + " minutes");
            }
            return d;
        }

        ResponseRule rule(Fields f) {
            f.allow("status", "contentType", "attributes");
            Set<Integer> statuses = new LinkedHashSet<>();
            Node statusNode = f.node("status");
            if (statusNode != null) {
                for (Map.Entry<Node, String> s : f.texts("status")) {
                    try {
                        int code = Integer.parseInt(s.getValue());
                        if (code < 100 || code > 599) {
                            throw new NumberFormatException();
                        }
                        statuses.add(code);
                    } catch (NumberFormatException e) {
                        problem(s.getKey(), f.path("status"), "'" + s.getValue() + "' is not an HTTP status code");
                    }
                }
            }
            String contentType = f.text("contentType", false);
            Map<String, List<String>> attributes = new LinkedHashMap<>();
            Fields attrs = f.mapping("attributes", false);
            if (attrs != null) {
                for (String name : attrs.keys()) {
                    List<String> values = attrs.texts(name).stream().map(Map.Entry::getValue).toList();
                    if (values.isEmpty()) {
                        problem(attrs.node(name), attrs.path(name), "must list at least one allowed value");
                    }
                    attributes.put(name, values);
                }
            }
            return new ResponseRule(statuses, contentType, attributes);
        }

        Reaction reaction(Fields f, boolean stopByDefault) {
            if (f == null) {
                return Reaction.none(stopByDefault);
            }
            f.allow("actions", "then");
            boolean stop = stopByDefault;
            String then = f.text("then", false);
            if (then != null) {
                switch (then.toLowerCase(Locale.ROOT)) {
                    case "stop" -> stop = true;
                    case "continue" -> stop = false;
                    default -> problem(f.node("then"), f.path("then"), "'" + then + "' is not stop or continue");
                }
            }
            List<ProbeAction> actions = new ArrayList<>();
            Node list = f.node("actions");
            if (list != null && !(list instanceof SequenceNode)) {
                problem(list, f.path("actions"), "must be a list of actions (email, post)");
            } else if (list != null) {
                int i = 0;
                for (Node item : ((SequenceNode) list).getValue()) {
                    String path = f.path("actions") + "[" + i++ + "]";
                    if (!(item instanceof MappingNode m) || m.getValue().size() != 1) {
                        problem(item, path, "an action is a mapping with one key, email or post");
                        continue;
                    }
                    Fields action = new Fields(m, path);
                    String kind = action.keys().get(0);
                    Fields body = action.mapping(kind, true);
                    if (body == null) {
                        continue;
                    }
                    switch (kind) {
                        case "email" -> actions.add(email(body));
                        case "post" -> actions.add(post(body));
                        default -> problem(item, path + "." + kind, "unknown action (use email or post)");
                    }
                }
            }
            return new Reaction(actions, stop);
        }

        ProbeAction email(Fields f) {
            f.allow("to", "subject", "body");
            List<String> to = f.node("to") == null ? List.of()
                    : f.texts("to").stream().map(Map.Entry::getValue).toList();
            for (String address : to) {
                if (!address.matches("[^@\\s]+@[^@\\s]+")) {
                    problem(f.node("to"), f.path("to"), "'" + address + "' is not an email address");
                }
            }
            String subject = f.text("subject", true);
            String body = f.text("body", false);
            return new ProbeAction.Email(to, subject, body == null ? "" : body);
        }

        ProbeAction post(Fields f) {
            f.allow("url", "body", "contentType", "headers", "basicAuth");
            String url = url(f, "url");
            String body = f.text("body", true);
            String contentType = f.text("contentType", false);
            Map<String, String> headers = headers(f);
            String[] auth = basicAuth(f);
            return new ProbeAction.Post(url, body, contentType == null ? "text/plain; charset=utf-8" : contentType,
                    headers, auth[0], auth[1]);
        }

        /** Keyed access to one mapping, reporting missing, mistyped and unknown fields. */
        private final class Fields {

            final MappingNode self;
            final String path;
            final Map<String, Node> values = new LinkedHashMap<>();

            Fields(MappingNode node, String path) {
                this.self = node;
                this.path = path;
                for (NodeTuple t : node.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode key) {
                        values.put(key.getValue(), t.getValueNode());
                    } else {
                        problem(t.getKeyNode(), path, "keys must be plain names");
                    }
                }
            }

            String path(String key) {
                return path.isEmpty() ? key : path + "." + key;
            }

            List<String> keys() {
                return new ArrayList<>(values.keySet());
            }

            Node node(String key) {
                return values.get(key);
            }

            void allow(String... keys) {
                Set<String> known = Set.of(keys);
                for (NodeTuple t : self.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode key && !known.contains(key.getValue())) {
                        problem(t.getKeyNode(), path(key.getValue()), "unknown field (expected one of "
                                + String.join(", ", keys) + ")");
                    }
                }
            }

            String text(String key, boolean required) {
                Node n = values.get(key);
                if (n == null || (n instanceof ScalarNode s && s.getTag().equals(Tag.NULL))) {
                    if (required) {
                        problem(n == null ? self : n, path(key), "is required");
                    }
                    return null;
                }
                if (!(n instanceof ScalarNode s)) {
                    problem(n, path(key), "must be a single value, not a " + (n instanceof SequenceNode ? "list"
                            : "mapping"));
                    return null;
                }
                if (required && s.getValue().isBlank()) {
                    problem(n, path(key), "must not be empty");
                    return null;
                }
                return s.getValue();
            }

            /** A single value or a list of values, each with its node for locating problems. */
            List<Map.Entry<Node, String>> texts(String key) {
                Node n = values.get(key);
                List<Map.Entry<Node, String>> out = new ArrayList<>();
                if (n instanceof ScalarNode s) {
                    out.add(Map.entry(s, s.getValue()));
                } else if (n instanceof SequenceNode seq) {
                    for (Node item : seq.getValue()) {
                        if (item instanceof ScalarNode s) {
                            out.add(Map.entry(s, s.getValue()));
                        } else {
                            problem(item, path(key), "must hold single values");
                        }
                    }
                } else if (n != null) {
                    problem(n, path(key), "must be a value or a list of values");
                }
                return out;
            }

            Fields mapping(String key, boolean required) {
                Node n = values.get(key);
                if (n == null) {
                    if (required) {
                        problem(self, path(key), "is required");
                    }
                    return null;
                }
                if (!(n instanceof MappingNode m)) {
                    problem(n, path(key), "must be a mapping");
                    return null;
                }
                return new Fields(m, path(key));
            }
        }
    }

    /** The YAML payload as JSON, keeping numbers as numbers (a demand array stays an array of numbers). */
    private static JsonNode json(Node node) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (node instanceof MappingNode m) {
            ObjectNode object = nodes.objectNode();
            for (NodeTuple t : m.getValue()) {
                object.set(((ScalarNode) t.getKeyNode()).getValue(), json(t.getValueNode()));
            }
            return object;
        }
        if (node instanceof SequenceNode seq) {
            ArrayNode array = nodes.arrayNode();
            seq.getValue().forEach(item -> array.add(json(item)));
            return array;
        }
        ScalarNode s = (ScalarNode) node;
        Tag tag = s.getTag();
        try {
            if (tag.equals(Tag.INT)) {
                return nodes.numberNode(new BigInteger(s.getValue().replace("_", "")));
            }
            if (tag.equals(Tag.FLOAT)) {
                return nodes.numberNode(new BigDecimal(s.getValue().replace("_", "")));
            }
        } catch (NumberFormatException e) {
            return nodes.textNode(s.getValue());
        }
        if (tag.equals(Tag.BOOL)) {
            return nodes.booleanNode(Boolean.parseBoolean(s.getValue().toLowerCase(Locale.ROOT)));
        }
        if (tag.equals(Tag.NULL)) {
            return nodes.nullNode();
        }
        return nodes.textNode(s.getValue());
    }
}
