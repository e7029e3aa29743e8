package io.flexhub.analytics.history;

import static io.flexhub.analytics.history.archive.HostileArchives.files;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.AvailableRequestedType;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestISPType;
import org.lfenergy.shapeshifter.api.TestMessage;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.flexhub.analytics.history.CongestionDay.Direction;
import io.flexhub.analytics.history.archive.HostileArchives;
import io.flexhub.support.HubTestSupport;
import io.flexhub.support.UftpTestPeer;
import io.flexhub.usef.time.IspCalendar;

/**
 * The FlexRequest history end to end, on H2 and on PostgreSQL: requests the hub accepts through its UFTP endpoint
 * (signed by a DSO peer, over real HTTP) and archives imported through {@code POST /api/analytics/flex-requests},
 * read back through {@link FlexRequestHistory}.
 */
interface FlexRequestHistoryScenarios {

    String IMPORT = "/api/analytics/flex-requests";

    UftpTestPeer dso();

    FlexRequestHistoryStore history();

    JdbcClient jdbc();

    HttpResponse<String> postUftp(byte[] body);

    /** POST to the import entry as the admin. */
    HttpResponse<String> importHistory(byte[] body, String contentType);

    JsonNode read(String body);

    JsonNode awaitMessage(String messageId, String property, String value);

    JsonNode awaitEngine(String flexRequestMessageId);

    @BeforeEach
    default void dsoUp() {
        HubTestSupport.dsoAccepts();
    }

    // ---- received through the UFTP endpoint ----

    @Test
    default void should_record_a_flex_request_the_hub_accepts_through_its_uftp_endpoint() {
        FlexRequest request = dso().flexRequest();

        assertThat(postUftp(dso().signed(request)).statusCode()).isEqualTo(200);
        awaitEngine(request.getMessageID());

        assertThat(jdbc().sql("SELECT source FROM flex_request_history WHERE message_id = :id")
                .param("id", request.getMessageID()).query(String.class).list()).containsExactly("received");
        CongestionDay day = history().days(request.getCongestionPoint(), request.getPeriod(), request.getPeriod())
                .get(0);
        IspCalendar calendar = new IspCalendar(UftpTestPeer.MARKET_ZONE, Duration.ofMinutes(15));
        assertThat(day.ispCount()).isEqualTo(calendar.ispCount(request.getPeriod()));
        CongestionDay.Isp isp69 = day.isps().get(68);
        assertThat(isp69.requested()).isTrue();
        assertThat(isp69.direction()).isEqualTo(Direction.REDUCE);
        assertThat(isp69.minKw()).isEqualTo(-20.0);
        assertThat(isp69.maxKw()).isEqualTo(-5.0);
        assertThat(isp69.requestedKw()).isEqualTo(5.0);
        assertThat(isp69.start()).isEqualTo(calendar.ispStart(request.getPeriod(), 69));
        Duration lead = Duration.between(request.getTimeStamp().toInstant(), isp69.start());
        assertThat(isp69.leadTime().minus(lead).abs()).isLessThan(Duration.ofMillis(1));
        assertThat(day.isps().get(67).requested()).isFalse();
        assertThat(day.isps().get(67).minKw()).isEqualTo(-50.0);
        assertThat(day.isps().stream().filter(CongestionDay.Isp::requested).map(CongestionDay.Isp::isp))
                .containsExactly(69, 70, 71, 72);
    }

    @Test
    default void should_count_the_latest_revision_of_the_requests_it_received() {
        FlexRequest first = dso().flexRequest();
        FlexRequest revised = dso().flexRequest();
        for (FlexRequestISPType isp : revised.getISPS()) {
            boolean requested = isp.getStart() >= 73 && isp.getStart() <= 76;
            isp.setDisposition(requested ? AvailableRequestedType.REQUESTED : AvailableRequestedType.AVAILABLE);
            isp.setMinPower(requested ? 3_000L : -50_000L);
            isp.setMaxPower(requested ? 9_000L : 50_000L);
        }
        assertThat(revised.getRevision()).isGreaterThan(first.getRevision());

        postUftp(dso().signed(first));
        awaitEngine(first.getMessageID());
        postUftp(dso().signed(revised));
        awaitEngine(revised.getMessageID());

        List<CongestionDay> days = history().days(first.getCongestionPoint(), first.getPeriod(), first.getPeriod());
        CongestionDay day = days.get(0);
        assertThat(day.isps().stream().filter(CongestionDay.Isp::requested).map(CongestionDay.Isp::isp))
                .containsExactly(73, 74, 75, 76);
        assertThat(day.isps().get(72).direction()).isEqualTo(Direction.INCREASE);
        assertThat(day.isps().get(72).requestedKw()).isEqualTo(3.0);
        Duration lead = Duration.between(revised.getTimeStamp().toInstant(), day.isps().get(72).start());
        assertThat(day.isps().get(72).leadTime().minus(lead).abs()).isLessThan(Duration.ofMillis(1));
        assertThat(history().contains(first.getMessageID())).as("revision 1 stays on record").isTrue();
    }

    @Test
    default void should_not_record_a_flex_request_the_hub_rejects_nor_a_copy_twice() {
        FlexRequest unknownPoint = dso().flexRequest();
        unknownPoint.setCongestionPoint("ean.000000000000000001");
        FlexRequest accepted = dso().flexRequest();

        postUftp(dso().signed(unknownPoint));
        awaitMessage(unknownPoint.getMessageID(), "processingStatus", "REJECTED");
        byte[] signed = dso().signed(accepted);
        postUftp(signed);
        awaitEngine(accepted.getMessageID());
        postUftp(signed);

        assertThat(history().contains(unknownPoint.getMessageID())).isFalse();
        assertThat(history().congestionPoints()).doesNotContain("ean.000000000000000001");
        assertThat(jdbc().sql("SELECT COUNT(*) FROM flex_request_history WHERE message_id = :id")
                .param("id", accepted.getMessageID()).query(Long.class).single()).isEqualTo(1);
    }

    // ---- imported ----

    @Test
    default void should_import_one_document_as_history_only_and_a_copy_as_duplicate() {
        String cp = HistoryFixtures.congestionPoint();
        LocalDate period = LocalDate.of(2025, 1, 15);
        FlexRequest request = HistoryFixtures.request(cp, period, 1, Instant.parse("2025-01-14T13:00:00Z"), 69, 80,
                25_000, true);
        byte[] xml = HistoryFixtures.xml(request);

        HttpResponse<String> first = importHistory(xml, "text/xml");
        HttpResponse<String> again = importHistory(xml, "application/xml; charset=utf-8");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(read(first.body()).get("imported").asInt()).isEqualTo(1);
        assertThat(read(first.body()).get("congestionPoints").get(0).asText()).isEqualTo(cp);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(read(again.body()).get("imported").asInt()).isZero();
        assertThat(read(again.body()).get("duplicate").asInt()).isEqualTo(1);
        assertThat(jdbc().sql("SELECT source FROM flex_request_history WHERE message_id = :id")
                .param("id", request.getMessageID()).query(String.class).list()).containsExactly("imported");
        assertThat(jdbc().sql("SELECT COUNT(*) FROM uftp_message WHERE message_id = :id")
                .param("id", request.getMessageID()).query(Long.class).single())
                .as("no message, response or offer").isZero();
        CongestionDay day = history().days(cp, period, period).get(0);
        assertThat(day.isps().stream().filter(CongestionDay.Isp::requested).count()).isEqualTo(12);
        assertThat(day.isps().get(68).leadTime()).isEqualTo(Duration.ofHours(27));
    }

    @Test
    default void should_refuse_a_single_document_it_cannot_import_with_the_reason() {
        String cp = HistoryFixtures.congestionPoint();
        FlexRequest request = HistoryFixtures.request(cp, LocalDate.of(2025, 1, 15), 1,
                Instant.parse("2025-01-14T13:00:00Z"), 69, 80, 25_000, true);
        String xml = new String(HistoryFixtures.xml(request), StandardCharsets.UTF_8);
        FlexRequest reused = HistoryFixtures.request(cp, LocalDate.of(2025, 1, 16), 1,
                Instant.parse("2025-01-15T13:00:00Z"), 69, 80, 25_000, true);
        reused.setMessageID(request.getMessageID());
        importHistory(xml.getBytes(StandardCharsets.UTF_8), "text/xml");

        HttpResponse<String> invalid = importHistory(xml.replace("Revision=\"1\"", "Revision=\"one\"")
                .getBytes(StandardCharsets.UTF_8), "text/xml");
        HttpResponse<String> conflict = importHistory(HistoryFixtures.xml(reused), "text/xml");

        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(read(invalid.body()).get("detail").asText()).startsWith("The FlexRequest was not imported: "
                + "not valid against the UFTP 3.x schema").contains("'one'");
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(read(conflict.body()).get("detail").asText()).contains(request.getMessageID())
                .contains("stored already for another FlexRequest");
        assertThat(history().days(cp, LocalDate.of(2025, 1, 16), LocalDate.of(2025, 1, 16))).isEmpty();
    }

    @Test
    default void should_import_a_zip_and_name_every_file_it_rejected_with_the_reason() {
        String cp = HistoryFixtures.congestionPoint();
        LocalDate day = LocalDate.of(2025, 2, 3);
        FlexRequest good = HistoryFixtures.request(cp, day, 1, Instant.parse("2025-02-02T14:00:00Z"), 69, 80,
                30_000, true);
        FlexRequest revised = HistoryFixtures.request(cp, day, 2, Instant.parse("2025-02-03T09:00:00Z"), 69, 84,
                40_000, true);
        FlexRequest later = HistoryFixtures.request(cp, day.plusDays(3), 1, Instant.parse("2025-02-05T14:00:00Z"),
                45, 52, 20_000, false);
        FlexRequest noDirection = HistoryFixtures.request(cp, day.plusDays(1), 1,
                Instant.parse("2025-02-03T14:00:00Z"), 69, 70, 10_000, true);
        noDirection.getISPS().get(1).setMinPower(-10_000L);
        noDirection.getISPS().get(1).setMaxPower(10_000L);
        TestMessage test = dso().header(new TestMessage(), "0c7a7e0e-6a1e-4a8e-9a27-2f2d9bb1f0b1");
        String goodXml = new String(HistoryFixtures.xml(good), StandardCharsets.UTF_8);
        Map<String, byte[]> entries = new LinkedHashMap<>(files(
                "2025-02/", "",
                "2025-02/good.xml", HistoryFixtures.xml(good),
                "2025-02/revised.xml", HistoryFixtures.xml(revised),
                "2025-02/later.xml", HistoryFixtures.xml(later),
                "2025-02/copy-of-good.xml", HistoryFixtures.xml(good),
                "broken.xml", goodXml.substring(0, goodXml.length() / 2),
                "no-version.xml", goodXml.replace("Version=\"3.0.0\" ", ""),
                "doctype.xml", goodXml.replace("<FlexRequest", "<!DOCTYPE FlexRequest><FlexRequest"),
                "no-direction.xml", HistoryFixtures.xml(noDirection),
                "readme.txt", "archived from the DSO portal",
                "latin1.xml", goodXml.replace("UTF-8", "ISO-8859-1"),
                "test-message.xml", UftpTestPeer.xml(test)));

        HttpResponse<String> response = importHistory(HostileArchives.zip(entries), "application/zip");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = read(response.body());
        assertThat(report.get("documents").asInt()).isEqualTo(11);
        assertThat(report.get("imported").asInt()).isEqualTo(3);
        assertThat(report.get("duplicate").asInt()).isEqualTo(1);
        assertThat(report.get("rejected").asInt()).isEqualTo(7);
        Map<String, String> reasons = new LinkedHashMap<>();
        report.get("rejections").forEach(r -> reasons.put(r.get("file").asText(), r.get("reason").asText()));
        assertThat(reasons.keySet()).containsExactly("broken.xml", "no-version.xml", "doctype.xml",
                "no-direction.xml", "readme.txt", "latin1.xml", "test-message.xml");
        assertThat(reasons.get("broken.xml")).contains("not well-formed");
        assertThat(reasons.get("no-version.xml")).contains("not valid against the UFTP 3.x schema")
                .contains("Version");
        assertThat(reasons.get("doctype.xml")).isEqualTo("DOCTYPE is not allowed");
        assertThat(reasons.get("no-direction.xml")).contains("Requested Power discrepancy");
        assertThat(reasons.get("readme.txt")).contains("not well-formed");
        assertThat(reasons.get("latin1.xml")).contains("not UTF-8");
        assertThat(reasons.get("test-message.xml")).isEqualTo("not a FlexRequest: the root element is TestMessage");
        assertThat(report.get("rejections").get(0).has("conflict")).isFalse();

        List<CongestionDay> days = history().days(cp, day.minusDays(10), day.plusDays(10));
        assertThat(days).as("the observed range: first to last Period with a request")
                .extracting(CongestionDay::date)
                .containsExactly(day, day.plusDays(1), day.plusDays(2), day.plusDays(3));
        assertThat(days).extracting(CongestionDay::anyRequested).containsExactly(true, false, false, true);
        assertThat(days.get(0).isps().stream().filter(CongestionDay.Isp::requested).count())
                .as("revision 2 asked for ISPs 69-84").isEqualTo(16);
        assertThat(days.get(0).isps().get(68).requestedKw()).isEqualTo(40.0);
        assertThat(days.get(3).isps().get(44).direction()).isEqualTo(Direction.INCREASE);
        assertThat(days.get(1).isps()).allSatisfy(isp -> assertThat(isp.leadTime()).isNull());
    }

    @Test
    default void should_lay_out_imported_dst_days_with_92_and_100_isps() {
        String cp = HistoryFixtures.congestionPoint();
        LocalDate spring = LocalDate.of(2025, 3, 30);
        LocalDate autumn = LocalDate.of(2025, 10, 26);
        FlexRequest springRequest = HistoryFixtures.request(cp, spring, 1, Instant.parse("2025-03-29T12:00:00Z"),
                9, 12, 10_000, true);
        FlexRequest autumnRequest = HistoryFixtures.request(cp, autumn, 1, Instant.parse("2025-10-25T12:00:00Z"),
                97, 100, 10_000, false);

        HttpResponse<String> response = importHistory(HostileArchives.zip(files(
                "spring.xml", HistoryFixtures.xml(springRequest), "autumn.xml", HistoryFixtures.xml(autumnRequest))),
                "application/zip");

        assertThat(read(response.body()).get("imported").asInt()).as(response.body()).isEqualTo(2);
        List<CongestionDay> days = history().days(cp, spring, autumn);
        assertThat(days).hasSize(211);
        CongestionDay springDay = days.get(0);
        assertThat(springDay.ispCount()).isEqualTo(92);
        // 03:00 CEST, the first ISP after the clocks jumped: ISP 9 starts at 01:00 UTC
        assertThat(springDay.isps().get(8).start()).isEqualTo(Instant.parse("2025-03-30T01:00:00Z"));
        assertThat(springDay.isps().get(8).requested()).isTrue();
        assertThat(springDay.isps().get(8).leadTime()).isEqualTo(Duration.ofHours(13));
        assertThat(days.get(1).ispCount()).isEqualTo(96);
        CongestionDay autumnDay = days.get(210);
        assertThat(autumnDay.ispCount()).isEqualTo(100);
        assertThat(autumnDay.isps().get(99).start()).isEqualTo(Instant.parse("2025-10-26T22:45:00Z"));
        assertThat(autumnDay.isps().get(99).direction()).isEqualTo(Direction.INCREASE);
        assertThat(days.get(209).ispCount()).as("the Saturday before, no request").isEqualTo(96);
    }

    @Test
    default void should_import_a_signed_message_only_when_a_known_dso_signed_it() {
        String cp = HistoryFixtures.congestionPoint();
        FlexRequest signed = HistoryFixtures.request(cp, LocalDate.of(2025, 1, 20), 1,
                Instant.parse("2025-01-19T13:00:00Z"), 69, 72, 10_000, true);
        FlexRequest stranger = HistoryFixtures.request(cp, LocalDate.of(2025, 1, 21), 1,
                Instant.parse("2025-01-20T13:00:00Z"), 69, 72, 10_000, true);
        stranger.setSenderDomain("stranger.test.example");
        FlexRequest forged = HistoryFixtures.request(cp, LocalDate.of(2025, 1, 22), 1,
                Instant.parse("2025-01-21T13:00:00Z"), 69, 72, 10_000, true);
        UftpTestPeer impostor = new UftpTestPeer(dso().domain());

        HttpResponse<String> response = importHistory(HostileArchives.zip(files(
                "signed.xml", dso().signed(signed),
                "stranger.xml", new UftpTestPeer("stranger.test.example").signed(stranger),
                "forged.xml", impostor.signed(forged))), "application/zip");

        JsonNode report = read(response.body());
        assertThat(report.get("imported").asInt()).as(response.body()).isEqualTo(1);
        assertThat(history().contains(signed.getMessageID())).isTrue();
        assertThat(report.get("rejections").get(0).get("file").asText()).isEqualTo("stranger.xml");
        assertThat(report.get("rejections").get(0).get("reason").asText())
                .contains("stranger.test.example, which is no DSO the hub knows");
        assertThat(report.get("rejections").get(1).get("file").asText()).isEqualTo("forged.xml");
        assertThat(report.get("rejections").get(1).get("reason").asText()).contains("does not verify");
    }

    @Test
    default void should_read_requests_another_writer_stored_without_isp_runs_from_their_isp_rows() {
        String cp = HistoryFixtures.congestionPoint();
        LocalDate day = LocalDate.of(2025, 11, 4);
        String id = java.util.UUID.randomUUID().toString();
        jdbc().sql("INSERT INTO flex_request_history (message_id, congestion_point, period, revision, sender_domain, "
                        + "sent_at, time_zone, isp_duration_min, isp_count, source, recorded_at) VALUES (:id, :cp, "
                        + ":day, 1, 'dso.test.example', :sent, 'Europe/Amsterdam', 15, 96, 'imported', :sent)")
                .param("id", id).param("cp", cp).param("day", day)
                .param("sent", java.time.OffsetDateTime.parse("2025-11-03T12:00:00Z")).update();
        for (int isp = 69; isp <= 72; isp++) {
            jdbc().sql("INSERT INTO flex_request_history_isp (message_id, isp, requested, min_power_w, max_power_w) "
                    + "VALUES (:id, :isp, TRUE, -30000, -12000)").param("id", id).param("isp", isp).update();
        }

        CongestionDay stored = history().days(cp, day, day).get(0);

        assertThat(stored.isps().stream().filter(CongestionDay.Isp::requested).map(CongestionDay.Isp::isp))
                .containsExactly(69, 70, 71, 72);
        assertThat(stored.isps().get(68).requestedKw()).isEqualTo(12.0);
        assertThat(stored.isps().get(68).leadTime()).isEqualTo(Duration.ofHours(28));
        assertThat(stored.isps().get(0).minKw()).as("not listed").isNull();
    }

    /** A hostile property of an archive, the status it must get and what the answer must say. */
    record Hostile(String name, byte[] archive, int status, String words) {
    }

    @Test
    default void should_refuse_every_hostile_archive_with_a_4xx_and_change_nothing() {
        String cp = HistoryFixtures.congestionPoint();
        FlexRequest valid = HistoryFixtures.request(cp, LocalDate.of(2025, 1, 15), 1,
                Instant.parse("2025-01-14T13:00:00Z"), 69, 80, 25_000, true);
        byte[] validXml = HistoryFixtures.xml(valid);
        Map<String, byte[]> tiny = new LinkedHashMap<>();
        tiny.put("valid.xml", validXml);
        for (int i = 0; i < 500; i++) {
            tiny.put("tiny/" + i + ".xml", new byte[] {'<'});
        }
        Object[] parts = new Object[42];
        parts[0] = "valid.xml";
        parts[1] = validXml;
        for (int i = 1; i < 21; i++) {
            parts[2 * i] = "part-" + i + ".xml";
            parts[2 * i + 1] = HostileArchives.incompressible(60_000);
        }
        byte[] bomb = HostileArchives.zip(files("valid.xml", validXml, "bomb.xml", new byte[60_000]));
        byte[] pair = HostileArchives.storedZip(files("valid.xml", validXml, "other.xml", validXml));
        List<Hostile> hostile = new ArrayList<>(List.of(
                new Hostile("zip bomb", bomb, 413, "bomb.xml expands more than 50 times"),
                new Hostile("zip bomb declaring a small size", HostileArchives.declareCentralSize(bomb, 1, 100), 413,
                        "expands more than 50 times"),
                new Hostile("huge entry", HostileArchives.zip(files("valid.xml", validXml, "huge.xml",
                        HostileArchives.incompressible(70_000))), 413, "huge.xml expands beyond the limit"),
                new Hostile("too much in all", HostileArchives.zip(files(parts)), 413, "bytes in all"),
                new Hostile("thousands of tiny files", HostileArchives.zip(tiny), 413,
                        "501 entries, more than the limit of 200"),
                new Hostile("parent directory", HostileArchives.zip(files("valid.xml", validXml, "../../etc/x.xml",
                        validXml)), 400, "climbs out of the archive"),
                new Hostile("absolute path", HostileArchives.zip(files("valid.xml", validXml, "/tmp/x.xml", validXml)),
                        400, "absolute path"),
                new Hostile("backslashes", HostileArchives.zip(files("valid.xml", validXml, "..\\..\\x.xml", validXml)),
                        400, "backslash"),
                new Hostile("drive letter", HostileArchives.zip(files("valid.xml", validXml, "C:/x.xml", validXml)),
                        400, "drive letter"),
                new Hostile("nested zip", HostileArchives.zip(files("valid.xml", validXml, "inner.zip",
                        HostileArchives.zip(files("x.xml", validXml)))), 400, "nested archives are not accepted"),
                new Hostile("zip disguised as XML", HostileArchives.zip(files("valid.xml", validXml, "inner.xml",
                        HostileArchives.zip(files("x.xml", validXml)))), 400, "inner.xml is an archive"),
                new Hostile("duplicate names", HostileArchives.rename(pair, 1, "valid.xml"), 400,
                        "valid.xml occurs more than once"),
                new Hostile("encrypted entry", HostileArchives.addFlags(pair, 1, 1), 400, "other.xml is encrypted"),
                new Hostile("local header unlike the central directory", HostileArchives.renameLocal(pair, 1,
                        "valid.xml"), 400, "in its local header"),
                new Hostile("non-zip bytes", validXml, 400, "not a zip archive"),
                new Hostile("truncated", java.util.Arrays.copyOf(bomb, bomb.length - 30), 400, "not a zip archive"),
                new Hostile("body over the archive limit", HostileArchives.incompressible(2 * 1024 * 1024 + 1), 413,
                        "limit")));
        long before = jdbc().sql("SELECT COUNT(*) FROM flex_request_history").query(Long.class).single();

        for (Hostile h : hostile) {
            HttpResponse<String> response = importHistory(h.archive(), "application/zip");

            assertThat(response.statusCode()).as("%s: %s", h.name(), response.body()).isEqualTo(h.status());
            assertThat(response.headers().firstValue("Content-Type")).as(h.name()).hasValue("application/problem+json");
            assertThat(read(response.body()).get("detail").asText()).as(h.name()).contains(h.words());
        }

        assertThat(history().contains(valid.getMessageID())).isFalse();
        assertThat(jdbc().sql("SELECT COUNT(*) FROM flex_request_history").query(Long.class).single())
                .isEqualTo(before);
        assertThat(importHistory(HostileArchives.zip(files("valid.xml", validXml)), "application/zip").statusCode())
                .as("the valid document alone is imported").isEqualTo(200);
        assertThat(history().contains(valid.getMessageID())).isTrue();
    }
}
