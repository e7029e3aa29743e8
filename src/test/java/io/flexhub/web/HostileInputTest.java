package io.flexhub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

import com.fasterxml.jackson.databind.JsonNode;

import io.flexhub.analytics.history.archive.HostileArchives;
import io.flexhub.support.H2HubTest;
import io.flexhub.support.UftpTestPeer;
import io.flexhub.usef.Hostile;

/**
 * Every HTTP entry that takes a body (the list comes from the hub's REST definitions, so a new endpoint without a
 * row below fails this test) against every kind of malformed, mislabelled, oversized and hostile body: content
 * types, charsets, encodings, sizes, structure, entities and processing instructions. Each must get a specific 4xx
 * whose message names the problem, never a 5xx, and none of it may be stored.
 */
class HostileInputTest extends H2HubTest {

    /** How an entry answers: UFTP peers and the seed's DR interface get 400 for a media type, the API 415. */
    enum Dialect { UFTP, DR_INTERFACE, API }

    /** ZIP: a binary body; its sample is Base64 in {@link Row#sample}. */
    enum Kind { XML, JSON, TEXT, ZIP, NONE }

    /**
     * One way of sending to one entry. {@code available}: false where this test context switches the entry's
     * feature off (no broker, demo DSO disabled), so that whatever passes the shared checks is answered 404; those
     * entries' own parsing is covered in the contexts that switch them on.
     */
    record Row(String method, String template, String path, Kind kind, List<String> accepts, Dialect dialect,
               boolean available, String sample, List<String> wrongTypes) {

        String contentType() {
            return accepts.get(0);
        }

        byte[] sampleBytes() {
            return kind == Kind.ZIP ? Base64.getDecoder().decode(sample) : sample.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return method + " " + template + (kind == Kind.NONE ? "" : " as " + contentType());
        }
    }

    record Expected(int status, String... words) {
    }

    record Case(String name, Function<Row, HttpRequest.Builder> request, Function<Row, Expected> expected) {
    }

    private static final String FLEX_CONFIG = "urn:ngsi-ld:FlexConfiguration:pleiades-ev-01";
    private static final List<String> UFTP_XML = List.of("text/xml", "application/xml");
    private static final List<String> ENTITY_JSON = List.of("application/json", "application/ld+json");
    private static final String HISTORY_IMPORT = "/api/analytics/flex-requests";

    /** Roots that are a valid document for the entry: the seed's DR log takes a JSON string as the line. */
    private static final Map<String, Set<String>> ACCEPTED_ROOTS =
            Map.of("/services/demand-response/log", Set.of("\"a string\""));

    @Autowired
    CamelContext camel;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    Environment environment;
    @TempDir
    static Path tmp;

    @TestFactory
    List<DynamicTest> every_body_entry_refuses_every_kind_of_bad_input_with_a_specific_4xx_and_stores_nothing() {
        List<Row> rows = rows();
        assertThat(entriesOf(rows)).as("REST verbs taking a body vs the rows of this test: add a row for each new one")
                .isEqualTo(bodyEntriesOfTheRestDefinitions());
        Map<String, Set<String>> before = stored();
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : rows) {
            for (Case c : cases(row)) {
                tests.add(DynamicTest.dynamicTest(row + ": " + c.name(), () -> check(row, c)));
            }
        }
        tests.add(DynamicTest.dynamicTest("nothing of it was stored", () -> assertThat(stored()).isEqualTo(before)));
        return tests;
    }

    @Test
    void should_check_a_path_spelt_in_percent_escapes_as_the_path_it_routes_to() {
        HttpResponse<String> form = admin(HttpRequest.newBuilder(URI.create(url("/api/usef/%74ranslate")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=b")));
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(read(form.body()).get("detail").asText()).endsWith("got application/x-www-form-urlencoded");

        HttpResponse<String> chunked = send(HttpRequest.newBuilder(URI.create(url("/%73hapeshifter/api/v3/message")))
                .header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(utf8("<x/>")))).build());
        assertThat(chunked.statusCode()).isEqualTo(411);
        assertThat(chunked.body()).isEqualTo("Content-Length header is required");
    }

    private void check(Row row, Case c) {
        Expected expected = c.expected().apply(row);
        HttpResponse<String> r = admin(c.request().apply(row));
        String reason = reason(row, c, r);
        assertThat(r.statusCode()).as("%s, %s: answered %s", row, c.name(), reason).isEqualTo(expected.status());
        for (String word : expected.words()) {
            assertThat(reason).as("%s, %s: reason of %d", row, c.name(), r.statusCode()).containsIgnoringCase(word);
        }
        assertThat(reason).as("%s, %s", row, c.name()).doesNotContain(Hostile.SECRET);
    }

    /** The reason as the entry's dialect carries it: plain text for UFTP peers, problem details otherwise. */
    private String reason(Row row, Case c, HttpResponse<String> r) {
        if (row.dialect() == Dialect.UFTP) {
            return r.body();
        }
        assertThat(r.headers().firstValue("Content-Type")).as("%s, %s: HTTP %d %s", row, c.name(), r.statusCode(),
                r.body()).hasValue("application/problem+json");
        return read(r.body()).path("detail").asText();
    }

    // ---- the entries ----

    private List<Row> rows() {
        String uftpSample = new String(DSO.signed(DSO.flexRequest()), StandardCharsets.UTF_8);
        String translateXml = new String(fixture("usef/FlexRequest.xml"), StandardCharsets.UTF_8);
        String entity = "{\"id\": \"urn:ngsi-ld:TestMessage:0f0e0d0c-0b0a-4908-8706-050403020100\", "
                + "\"type\": \"TestMessage\"}";
        String offer = new String(fixture("flexoffer/instances/bench-example.json"), StandardCharsets.UTF_8);
        String building = new String(fixture("selfconsumption/instances/campus1_ev1.json"), StandardCharsets.UTF_8);
        String config = "{\"flexibilityType\": \"controllable\", \"controllabilityFactor\": 0.45}";
        String notification = "{\"id\": \"urn:ngsi-ld:Notification:1\", \"type\": \"Notification\", "
                + "\"subscriptionId\": \"urn:ngsi-ld:Subscription:x\", \"notifiedAt\": \"2026-01-01T00:00:00Z\", "
                + "\"data\": [{\"id\": \"urn:ngsi-ld:Device:x\", \"type\": \"Device\"}]}";
        List<String> all = List.of("text/xml", "application/xml", "application/ld+json", "application/json");
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("POST", "/shapeshifter/api/v3/message", "/shapeshifter/api/v3/message", Kind.XML, UFTP_XML,
                Dialect.UFTP, true, uftpSample, List.of()));
        rows.add(new Row("POST", "/demo-dso/shapeshifter/api/v3/message", "/demo-dso/shapeshifter/api/v3/message",
                Kind.XML, UFTP_XML, Dialect.UFTP, false, uftpSample, List.of()));
        rows.add(new Row("POST", "/api/usef/translate", "/api/usef/translate", Kind.XML, all, Dialect.API, true,
                translateXml, List.of()));
        rows.add(new Row("POST", "/api/usef/translate", "/api/usef/translate", Kind.JSON,
                List.of("application/ld+json", "application/json", "text/xml", "application/xml"), Dialect.API, true,
                entity, List.of("{\"id\": 42, \"type\": \"TestMessage\"}", "{\"id\": \"x\", \"type\": [\"TestMessage\"]}")));
        rows.add(new Row("POST", "/api/flex/offer", "/api/flex/offer", Kind.JSON, List.of("application/json"),
                Dialect.API, true, offer, List.of(offer.replaceFirst("\"n_isp\": 96", "\"n_isp\": \"96\""),
                offer.replaceFirst("\"isps\": \\[", "\"isps\": {\"x\": ["), offer.replaceFirst("96", "1e999"))));
        rows.add(new Row("POST", "/api/selfconsumption/optimize", "/api/selfconsumption/optimize", Kind.JSON,
                List.of("application/json"), Dialect.API, true, building,
                List.of(building.replaceFirst("\"buildings\": ?\\[", "\"buildings\": {\"x\": ["),
                        building.replaceFirst("\"n_isp\": ?96", "\"n_isp\": \"many\""),
                        building.replaceFirst("\"n_isp\": ?96", "\"n_isp\": 1e999"))));
        for (String method : List.of("PUT", "PATCH")) {
            rows.add(new Row(method, "/api/flex/configurations/{id}", "/api/flex/configurations/" + FLEX_CONFIG,
                    Kind.JSON, ENTITY_JSON, Dialect.API, true, config,
                    List.of("{\"controllabilityFactor\": \"x\"}", "{\"controllabilityFactor\": {\"value\": [1]}}",
                            "{\"controllabilityFactor\": 1e999}", "{\"flexibilityType\": 7}")));
        }
        rows.add(new Row("POST", "/ngsi-ld/notify/{secret}", "/ngsi-ld/notify/not-the-secret", Kind.JSON, ENTITY_JSON,
                Dialect.API, false, notification, List.of()));
        rows.add(new Row("POST", "/ngsi-ld/notify", "/ngsi-ld/notify", Kind.JSON, ENTITY_JSON, Dialect.API, false,
                notification, List.of()));
        rows.add(new Row("POST", "/services/demand-response/request", "/services/demand-response/request", Kind.JSON,
                List.of("application/json"), Dialect.DR_INTERFACE, true, "[0, 0, 0.5, -1.3, 0, 0, 0, 0]",
                List.of("[0, 0, \"0.5\", -1.3, 0, 0, 0, 0]", "[1e999, 0, 0, 0, 0, 0, 0, 0]",
                        "[[0], 0, 0, 0, 0, 0, 0, 0]", "{\"values\": [0, 0, 0, 0, 0, 0, 0, 1]}")));
        rows.add(new Row("POST", "/services/demand-response/log", "/services/demand-response/log", Kind.JSON,
                List.of("application/json", "text/plain"), Dialect.DR_INTERFACE, true, "{\"line\": \"hostile\"}",
                List.of("{\"line\": 42}", "{\"line\": [\"x\"]}", "{\"text\": \"x\"}")));
        rows.add(new Row("POST", "/services/demand-response/log", "/services/demand-response/log", Kind.TEXT,
                List.of("text/plain", "application/json"), Dialect.DR_INTERFACE, true, "hostile line", List.of()));
        rows.add(new Row("POST", "/api/demo/flex-request", "/api/demo/flex-request", Kind.JSON,
                List.of("application/json"), Dialect.API, false, "{\"kw\": 20, \"from\": \"17:00\", \"to\": \"18:00\"}",
                List.of()));
        rows.add(new Row("POST", "/api/site/broker-load", "/api/site/broker-load", Kind.JSON,
                List.of("application/json"), Dialect.API, false,
                "{\"format\": \"flexhub-site/1\", \"sites\": [{\"id\": \"urn:ngsi-ld:Building:x\", "
                        + "\"congestionPoint\": \"ean.1\", \"timeZone\": \"Europe/Madrid\"}]}", List.of()));
        String archived = new String(UftpTestPeer.xml(DSO.flexRequest()), StandardCharsets.UTF_8);
        rows.add(new Row("POST", HISTORY_IMPORT, HISTORY_IMPORT, Kind.XML,
                List.of("text/xml", "application/xml", "application/zip"), Dialect.API, true, archived, List.of()));
        rows.add(new Row("POST", HISTORY_IMPORT, HISTORY_IMPORT, Kind.ZIP,
                List.of("application/zip", "text/xml", "application/xml"), Dialect.API, true,
                Base64.getEncoder().encodeToString(HostileArchives.zip(HostileArchives.files("a.xml", archived))),
                List.of()));
        rows.add(none("/api/probes/{id}/run", "/api/probes/no-such-probe/run"));
        rows.add(none("/api/notify/outbox/{id}/retry", "/api/notify/outbox/0/retry"));
        rows.add(none("/api/dr/events/{id}/cancel", "/api/dr/events/0/cancel"));
        rows.add(none("/api/selfconsumption/runs", "/api/selfconsumption/runs"));
        return rows;
    }

    private static Row none(String template, String path) {
        return new Row("POST", template, path, Kind.NONE, List.of(), Dialect.API, true, "", List.of());
    }

    private static Set<String> entriesOf(List<Row> rows) {
        return rows.stream().map(r -> r.method() + " " + r.template()).collect(Collectors.toCollection(TreeSet::new));
    }

    private Set<String> bodyEntriesOfTheRestDefinitions() {
        Set<String> entries = new TreeSet<>();
        for (RestDefinition rest : camel.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String method = verb.asVerb().toUpperCase(Locale.ROOT);
                if (Set.of("POST", "PUT", "PATCH").contains(method)) {
                    entries.add(method + " " + (rest.getPath() == null ? "" : rest.getPath()) + verb.getPath());
                }
            }
        }
        return entries;
    }

    // ---- the cases ----

    private List<Case> cases(Row row) {
        long apiLimit = DataSize.parse(environment.getProperty("flexhub.web.max-body-bytes", "16MB")).toBytes();
        long uftpLimit = DataSize.parse(environment.getRequiredProperty("flexhub.usef.max-body-bytes")).toBytes();
        long archiveLimit = DataSize.parse(environment.getRequiredProperty(
                "flexhub.analytics.import.max-archive-bytes")).toBytes();
        long limit = row.dialect() == Dialect.UFTP ? uftpLimit
                : row.template().equals(HISTORY_IMPORT) ? archiveLimit : apiLimit;
        byte[] tooLarge = new byte[(int) limit + 1];
        Arrays.fill(tooLarge, (byte) ' ');
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("declared length over the limit", r -> post(r, tooLarge, r.kind() == Kind.NONE
                ? "text/plain" : r.contentType()), r -> new Expected(413, "limit")));
        cases.add(new Case("streamed (chunked) length over the limit", r -> chunked(r, tooLarge),
                r -> r.dialect() == Dialect.UFTP ? new Expected(411, "Content-Length") : new Expected(413, "limit")));
        if (row.kind() == Kind.NONE) {
            cases.add(new Case("a body where none is taken", r -> post(r, utf8("{\"x\": 1}"), "application/json"),
                    r -> new Expected(415, "no request body")));
            cases.add(new Case("form-urlencoded body", r -> post(r, utf8("a=1&b=2"),
                    "application/x-www-form-urlencoded"), r -> new Expected(415, "no request body")));
            return cases;
        }
        byte[] sample = row.sampleBytes();
        cases.add(new Case("no Content-Type", r -> post(r, sample, null),
                r -> new Expected(media(r), "Content-Type", r.contentType())));
        cases.add(new Case("form-urlencoded", r -> post(r, utf8("a=1&b=%3Cx%3E"), "application/x-www-form-urlencoded"),
                r -> new Expected(media(r), "application/x-www-form-urlencoded", r.contentType())));
        cases.add(new Case("another media type", r -> post(r, sample, "application/octet-stream"),
                r -> new Expected(media(r), "application/octet-stream", r.contentType())));
        cases.add(new Case("a charset other than UTF-8", r -> post(r, sample, r.contentType() + "; charset=ISO-8859-1"),
                r -> new Expected(media(r), "charset", "ISO-8859-1")));
        cases.add(new Case("UTF-16 labelled as UTF-16", r -> post(r, r.sample().getBytes(StandardCharsets.UTF_16),
                r.contentType() + "; charset=UTF-16"), r -> new Expected(media(r), "charset", "UTF-16")));
        cases.add(new Case("gzip Content-Encoding", r -> post(r, gzip(sample), r.contentType())
                .header("Content-Encoding", "gzip"), r -> new Expected(media(r), "Content-Encoding", "gzip")));
        if (row.kind() == Kind.ZIP) {
            cases.addAll(zipCases(sample));
            return cases;
        }
        cases.add(new Case("invalid UTF-8 bytes", r -> post(r, splice(sample, new byte[] {(byte) 0xC3, 0x28}),
                r.contentType() + "; charset=utf-8"), r -> new Expected(400, "UTF-8")));
        cases.add(new Case("an encoded surrogate (CESU-8)", r -> post(r,
                splice(sample, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}), r.contentType()),
                r -> new Expected(400, "UTF-8")));
        cases.add(new Case("UTF-16 with a byte order mark labelled UTF-8", r -> post(r,
                r.sample().getBytes(StandardCharsets.UTF_16), r.contentType() + "; charset=utf-8"),
                r -> new Expected(400, "UTF-16")));
        cases.add(new Case("UTF-16 without a byte order mark", r -> post(r,
                r.sample().getBytes(StandardCharsets.UTF_16LE), r.contentType()), r -> new Expected(400, "UTF-16")));
        cases.add(new Case("a NUL byte", r -> post(r, splice(sample, new byte[] {0}), r.contentType()),
                r -> new Expected(400, "NUL")));
        if (row.kind() == Kind.XML) {
            cases.addAll(xmlCases());
        } else if (row.kind() == Kind.JSON) {
            cases.addAll(jsonCases(row));
        }
        return cases;
    }

    private List<Case> xmlCases() {
        Path secret = Hostile.secretFile(tmp);
        List<Case> cases = new ArrayList<>();
        cases.add(parsed("truncated XML", r -> r.sample().substring(0, r.sample().length() / 2), "XML"));
        cases.add(parsed("another root element", r -> "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Foo Bar=\"1\"/>",
                "Foo"));
        cases.add(parsed("deep nesting", r -> "<" + root(r) + ">" + "<a>".repeat(20_000) + "</a>".repeat(20_000)
                + "</" + root(r) + ">"));
        cases.add(parsed("DOCTYPE with an external file entity", r -> Hostile.externalFileEntity(secret, root(r)),
                "DOCTYPE"));
        cases.add(parsed("billion laughs", r -> Hostile.billionLaughs(root(r)), "DOCTYPE"));
        cases.add(parsed("external DTD", r -> Hostile.externalDtd(9, root(r)), "DOCTYPE"));
        cases.add(parsed("external parameter entity", r -> Hostile.externalParameterEntity(9, root(r)), "DOCTYPE"));
        cases.add(parsed("processing instruction before the root", r -> "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<?xml-stylesheet type=\"text/xsl\" href=\"http://127.0.0.1:9/x.xsl\"?>" + withoutDeclaration(r),
                "processing instruction"));
        cases.add(parsed("processing instruction inside the root", r -> {
            String doc = r.sample();
            int afterRootTag = doc.indexOf('>', doc.indexOf("<" + root(r))) + 1;
            if (doc.charAt(afterRootTag - 2) == '/') {
                doc = doc.substring(0, afterRootTag - 2) + "></" + root(r) + ">";
                afterRootTag = doc.indexOf('>', doc.indexOf("<" + root(r))) + 1;
            }
            return doc.substring(0, afterRootTag) + "<?evil payload?>" + doc.substring(afterRootTag);
        }, "processing instruction"));
        cases.add(shared("an XML declaration naming another encoding",
                r -> "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + withoutDeclaration(r), "encoding"));
        return cases;
    }

    /** A zip is no text: instead of the text cases, bodies that are no zip or a hostile one. */
    private List<Case> zipCases(byte[] sample) {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("text that is no zip", r -> post(r, utf8("<FlexRequest/>"), r.contentType()),
                r -> new Expected(400, "not a zip archive")));
        cases.add(new Case("a truncated zip", r -> post(r, Arrays.copyOf(sample, sample.length / 2), r.contentType()),
                r -> new Expected(400, "not a zip archive")));
        cases.add(new Case("a zip bomb", r -> post(r, HostileArchives.bomb("a.xml", 60_000), r.contentType()),
                r -> new Expected(413, "expands more than")));
        cases.add(new Case("a path out of the archive", r -> post(r, HostileArchives.zip(
                HostileArchives.files("../a.xml", sample)), r.contentType()), r -> new Expected(400, "climbs out")));
        cases.add(new Case("empty body", r -> post(r, new byte[0], r.contentType()),
                r -> new Expected(400, "Empty body")));
        return cases;
    }

    private List<Case> jsonCases(Row row) {
        List<Case> cases = new ArrayList<>();
        cases.add(parsed("truncated JSON", r -> r.sample().substring(0, r.sample().length() / 2), "JSON"));
        cases.add(shared("trailing garbage", r -> r.sample() + " x", "JSON"));
        cases.add(shared("two documents", r -> r.sample() + r.sample(), "JSON"));
        cases.add(shared("duplicate keys", r -> "{\"line\": \"a\", \"kw\": 1, \"kw\": 2, \"line\": \"b\"}",
                "duplicate"));
        cases.add(shared("deep nesting", r -> "[".repeat(100_000) + "]".repeat(100_000), "nest"));
        cases.add(shared("a number of 500 digits", r -> "[1" + "0".repeat(500) + "]", "number"));
        cases.add(shared("a number of 500 digits in an object",
                r -> "{\"kw\": 0." + "1".repeat(500) + ", \"line\": \"x\"}", "number"));
        for (String root : List.of("\"a string\"", "42", "null", "true", "[]", "{}")) {
            boolean sameKind = row.sample().charAt(0) == root.charAt(0);
            if (!sameKind && !ACCEPTED_ROOTS.getOrDefault(row.template(), Set.of()).contains(root)) {
                cases.add(parsed("the root is " + root, r -> root));
            }
        }
        for (int i = 0; i < row.wrongTypes().size(); i++) {
            String doc = row.wrongTypes().get(i);
            cases.add(parsed("wrong types " + (i + 1) + ": " + doc.substring(0, Math.min(60, doc.length())), r -> doc));
        }
        cases.add(new Case("empty body", r -> post(r, new byte[0], r.contentType()),
                r -> new Expected(r.available() ? 400 : 404)));
        return cases;
    }

    /**
     * A body of the right media type that the entry's own parsing must refuse with 400 and, where the problem
     * has a name, say it; entries off in this context answer 404 instead.
     */
    private Case parsed(String name, Function<Row, String> body, String... words) {
        return new Case(name, r -> post(r, utf8(body.apply(r)), r.contentType()),
                r -> r.available() ? new Expected(400, words) : new Expected(404));
    }

    /** A body of the right media type that the shared checks refuse with 400, whatever the entry. */
    private Case shared(String name, Function<Row, String> body, String... words) {
        return new Case(name, r -> post(r, utf8(body.apply(r)), r.contentType()), r -> new Expected(400, words));
    }

    private static int media(Row row) {
        return row.dialect() == Dialect.API ? 415 : 400;
    }

    private static String root(Row row) {
        String doc = row.sample();
        int start = doc.indexOf('<', doc.startsWith("<?") ? doc.indexOf("?>") : 0);
        int end = start + 1;
        while (Character.isLetterOrDigit(doc.charAt(end)) || doc.charAt(end) == '-') {
            end++;
        }
        return doc.substring(start + 1, end);
    }

    private static String withoutDeclaration(Row row) {
        String doc = row.sample();
        return doc.startsWith("<?xml") ? doc.substring(doc.indexOf("?>") + 2) : doc;
    }

    // ---- requests ----

    private HttpRequest.Builder post(Row row, byte[] body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(row.path())))
                .method(row.method(), HttpRequest.BodyPublishers.ofByteArray(body));
        return contentType == null ? b : b.header("Content-Type", contentType);
    }

    private HttpRequest.Builder chunked(Row row, byte[] body) {
        return HttpRequest.newBuilder(URI.create(url(row.path())))
                .header("Content-Type", row.kind() == Kind.NONE ? "text/plain" : row.contentType())
                .method(row.method(), HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The body with the bytes put into its middle, inside a value where the format allows text. */
    private static byte[] splice(byte[] body, byte[] insert) {
        int at = body.length / 2;
        byte[] out = new byte[body.length + insert.length];
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(body, at, out, at + insert.length, body.length - at);
        return out;
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] fixture(String path) {
        try (InputStream in = HostileInputTest.class.getResourceAsStream("/fixtures/" + path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- what the hub holds ----

    /** What any of these entries could have stored: message log, DR log and events, configurations, runs. */
    private Map<String, Set<String>> stored() {
        Map<String, Set<String>> stored = new LinkedHashMap<>();
        stored.put("messages", ids("/api/usef/messages?limit=500"));
        stored.put("outbox", ids("/api/usef/outbox?limit=500"));
        stored.put("dr log", ids("/services/demand-response/log?limit=500"));
        stored.put("dr events", ids("/api/dr/events?limit=500"));
        stored.put("runs", ids("/api/selfconsumption/runs"));
        stored.put("flexrequest history", Set.copyOf(jdbc.sql("SELECT message_id FROM flex_request_history")
                .query(String.class).list()));
        stored.put("configurations", Set.of(admin(HttpRequest.newBuilder(URI.create(url("/api/flex/configurations")))
                .GET()).body()));
        return stored;
    }

    private Set<String> ids(String path) {
        HttpResponse<String> r = admin(HttpRequest.newBuilder(URI.create(url(path))).GET());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        JsonNode body = read(r.body());
        return new TreeSet<>(body.findValuesAsText("id"));
    }
}
