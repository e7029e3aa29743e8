package io.flexhub.analytics.history.archive;

import static io.flexhub.analytics.history.archive.HostileArchives.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZipArchiveTest {

    private static final ArchiveLimits LIMITS = new ArchiveLimits(50, 200_000, 1_000_000, 50);

    @Test
    void should_read_the_files_in_archive_order_and_leave_directories_out() {
        byte[] zip = HostileArchives.zip(files("2025/", "", "2025/b.xml", "<b/>", "a.xml", "<a/>"));

        List<ArchiveEntry> entries = ZipArchive.read(zip, LIMITS);

        assertThat(entries).extracting(ArchiveEntry::name).containsExactly("2025/b.xml", "a.xml");
        assertThat(new String(entries.get(1).content(), StandardCharsets.UTF_8)).isEqualTo("<a/>");
    }

    @Test
    void should_read_stored_entries_too() {
        List<ArchiveEntry> entries = ZipArchive.read(HostileArchives.storedZip(files("a.xml", "<a/>")), LIMITS);

        assertThat(entries).singleElement().extracting(e -> new String(e.content(), StandardCharsets.UTF_8))
                .isEqualTo("<a/>");
    }

    @Test
    void should_refuse_bytes_that_are_no_zip() {
        refused("<FlexRequest/>".getBytes(StandardCharsets.UTF_8), 400, "not a zip archive");
        refused(new byte[0], 400, "not a zip archive");
        refused(HostileArchives.incompressible(5000), 400, "not a zip archive");
    }

    @Test
    void should_refuse_a_zip_with_bytes_before_or_after_it() {
        byte[] zip = HostileArchives.zip(files("a.xml", "<a/>"));
        byte[] prefixed = new byte[zip.length + 4];
        System.arraycopy(zip, 0, prefixed, 4, zip.length);
        byte[] suffixed = Arrays.copyOf(zip, zip.length + 4);

        refused(prefixed, 400, "does not start with a zip entry");
        refused(suffixed, 400, "no end of central directory");
    }

    @Test
    void should_refuse_an_empty_or_truncated_archive() {
        byte[] empty = HostileArchives.zip(files());
        byte[] zip = HostileArchives.zip(files("a.xml", "<a/>".repeat(200), "b.xml", "<b/>"));

        refused(empty, 400, "no entries");
        refused(Arrays.copyOf(zip, zip.length / 2), 400, "not a zip archive");
    }

    @Test
    void should_refuse_a_zip_bomb_by_its_expansion_while_inflating() {
        // 150 KB of zeros, under the per-entry and total limits, deflate to ~150 bytes: a thousand times
        byte[] bomb = HostileArchives.bomb("bomb.xml", 150_000);

        refused(bomb, 413, "bomb.xml expands more than 50 times");
    }

    @Test
    void should_not_believe_the_sizes_an_archive_declares() {
        // the central directory says 10 bytes; the data inflates to 150 KB
        byte[] lying = HostileArchives.declareCentralSize(HostileArchives.bomb("small.xml", 150_000), 0, 10);
        byte[] huge = HostileArchives.declareCentralSize(
                HostileArchives.zip(files("big.xml", HostileArchives.incompressible(300_000))), 0, 10);

        refused(lying, 413, "expands more than 50 times");
        refused(huge, 413, "big.xml expands beyond the limit of 200000 bytes per entry");
    }

    @Test
    void should_refuse_an_entry_larger_than_the_limit() {
        byte[] zip = HostileArchives.zip(files("a.xml", "<a/>", "huge.xml", HostileArchives.incompressible(200_001)));

        refused(zip, 413, "huge.xml expands beyond the limit of 200000 bytes per entry");
    }

    @Test
    void should_refuse_an_archive_larger_than_the_total_limit() {
        Object[] files = new Object[12];
        for (int i = 0; i < 6; i++) {
            files[2 * i] = "part-" + i + ".xml";
            files[2 * i + 1] = HostileArchives.incompressible(190_000);
        }

        refused(HostileArchives.zip(files(files)), 413, "beyond the limit of 1000000 bytes in all (at entry part-5.xml)");
    }

    @Test
    void should_refuse_thousands_of_tiny_files_before_inflating_any() {
        refused(HostileArchives.tinyFiles(5000), 413, "5000 entries, more than the limit of 50");
        assertThat(ZipArchive.read(HostileArchives.tinyFiles(50), LIMITS)).hasSize(50);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "../evil.xml|climbs out of the archive",
            "a/../../evil.xml|climbs out of the archive",
            "/etc/cron.d/evil.xml|absolute path",
            "C:/Windows/evil.xml|drive letter",
            "c:evil.xml|drive letter",
            "a\\..\\evil.xml|backslash",
            "a\\evil.xml|backslash"})
    void should_refuse_path_tricks(String name, String problem) {
        refused(HostileArchives.zip(files("good.xml", "<a/>", name, "<a/>")), 400, problem);
    }

    @Test
    void should_refuse_control_characters_in_a_name() {
        refused(HostileArchives.zip(files("evil\u0000.xml", "<a/>")), 400, "control characters");
        refused(HostileArchives.zip(files("evil\n.xml", "<a/>")), 400, "evil\\u000a.xml contains control characters");
    }

    @Test
    void should_refuse_nested_archives_by_name_and_by_content() {
        byte[] inner = HostileArchives.zip(files("a.xml", "<a/>"));

        refused(HostileArchives.zip(files("good.xml", "<a/>", "more.zip", inner)), 400,
                "more.zip is an archive; nested archives are not accepted");
        refused(HostileArchives.zip(files("disguised.xml", inner)), 400, "disguised.xml is an archive");
        refused(HostileArchives.zip(files("old.xml.gz", "x")), 400, "old.xml.gz is an archive");
        refused(HostileArchives.zip(files("gz.xml", new byte[] {0x1F, (byte) 0x8B, 8, 0})), 400, "gz.xml is an archive");
    }

    @Test
    void should_refuse_duplicate_names() {
        byte[] zip = HostileArchives.rename(HostileArchives.storedZip(files("a.xml", "<a/>", "b.xml", "<b/>")), 1,
                "a.xml");

        refused(zip, 400, "entry name a.xml occurs more than once");
    }

    @Test
    void should_refuse_encrypted_entries() {
        byte[] zip = HostileArchives.addFlags(HostileArchives.zip(files("a.xml", "<a/>", "secret.xml", "<b/>")), 1, 1);

        refused(zip, 400, "entry secret.xml is encrypted");
    }

    @Test
    void should_refuse_other_compression_methods() {
        byte[] zip = HostileArchives.method(HostileArchives.storedZip(files("a.xml", "<a/>")), 0, 12);

        refused(zip, 400, "compression method 12");
    }

    @Test
    void should_refuse_an_archive_whose_local_headers_disagree_with_its_central_directory() {
        byte[] zip = HostileArchives.renameLocal(HostileArchives.storedZip(files("a.xml", "<a/>", "b.xml", "<b/>")),
                1, "x.xml");

        refused(zip, 400, "entry 2 is x.xml in its local header but b.xml in the central directory");
    }

    @Test
    void should_refuse_zip64_and_inconsistent_end_records() {
        byte[] zip = HostileArchives.zip(files("a.xml", "<a/>"));

        refused(HostileArchives.declareEntries(zip, 0xFFFF), 400, "ZIP64");
        refused(HostileArchives.declareEntries(zip, 3), 400, "lists 3 entries but holds 1");
    }

    @Test
    void should_refuse_a_directory_entry_with_content() {
        byte[] zip = HostileArchives.zip(files("dir/", "content"));

        refused(zip, 400, "directory entry dir/ has content");
    }

    private static void refused(byte[] zip, int status, String message) {
        assertThatThrownBy(() -> ZipArchive.read(zip, LIMITS))
                .isInstanceOfSatisfying(HostileArchiveException.class, e -> assertThat(e.status()).isEqualTo(status))
                .hasMessageContaining(message);
    }
}
