package io.flexhub.analytics.history.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads the files of a zip archive held in memory, refusing the whole archive at the first hostile property, so
 * that nothing of a refused archive is ever used. Two passes:
 *
 * <ol>
 * <li>The central directory, before anything is decompressed: it must be there (else the bytes are no zip),
 * end the archive, lie on one disk and not be ZIP64; its entry count is capped; each entry must be stored or
 * deflated, unencrypted, have a UTF-8 name that is no path trick (absolute, {@code ..}, backslash, drive letter,
 * control characters) and is not repeated, and must not be an archive by its name.</li>
 * <li>The entries as their local headers come, decompressed while counted: each must be the entry the central
 * directory names at that place (a zip whose two views differ can show a checker one content and an extractor
 * another), and its bytes count against the per-entry and total limits and the expansion ratio as they are
 * inflated: declared sizes are never believed. A file that starts like an archive is refused as nested.</li>
 * </ol>
 *
 * Directory entries are checked and left out of the result. Thread-safe (no state).
 */
public final class ZipArchive {

    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int END_RECORD_LENGTH = 22;
    private static final int CENTRAL_HEADER_LENGTH = 46;
    private static final int FLAG_ENCRYPTED = 0x0001;
    private static final int FLAG_STRONG_ENCRYPTION = 0x0040;
    private static final int STORED = 0;
    private static final int DEFLATED = 8;
    private static final int MAX_NAME_LENGTH = 512;
    /**
     * The inflater reads its input in blocks, so a small entry may appear to expand more than it does; the ratio is
     * taken against at least this many compressed bytes.
     */
    private static final long RATIO_FLOOR_BYTES = 1024;

    private static final Pattern DRIVE_LETTER = Pattern.compile("^[A-Za-z]:.*");
    private static final List<String> ARCHIVE_SUFFIXES = List.of(".zip", ".jar", ".war", ".ear", ".apk", ".gz",
            ".tgz", ".bz2", ".xz", ".zst", ".7z", ".rar", ".tar", ".cab", ".lz", ".lzma");

    private ZipArchive() {
    }

    /** Whether the bytes start like a zip archive (a local header, or the end record of an empty one). */
    public static boolean looksLikeZip(byte[] bytes) {
        return bytes.length >= 4 && (int32(bytes, 0) == LOCAL_HEADER || int32(bytes, 0) == END_OF_CENTRAL_DIRECTORY);
    }

    /**
     * @return the files, in archive order
     * @throws HostileArchiveException naming the first problem found
     */
    public static List<ArchiveEntry> read(byte[] zip, ArchiveLimits limits) {
        List<Central> directory = centralDirectory(zip, limits);
        return entries(zip, directory, limits);
    }

    /** An entry as the central directory lists it. */
    private record Central(String name, boolean directory) {
    }

    // ---- pass 1: the central directory ----

    private static List<Central> centralDirectory(byte[] zip, ArchiveLimits limits) {
        if (zip.length >= 4 && int32(zip, 0) == END_OF_CENTRAL_DIRECTORY) {
            throw HostileArchiveException.refused("the archive has no entries");
        }
        if (zip.length < END_RECORD_LENGTH || int32(zip, 0) != LOCAL_HEADER) {
            throw HostileArchiveException.refused("the body is not a zip archive (it does not start with a zip entry)");
        }
        int end = endRecord(zip);
        if (end < 0) {
            throw HostileArchiveException.refused("the body is not a zip archive (no end of central directory record"
                    + " at its end)");
        }
        if (end >= 20 && int32(zip, end - 20) == ZIP64_LOCATOR) {
            throw HostileArchiveException.refused("ZIP64 archives are not accepted");
        }
        int disk = int16(zip, end + 4);
        int directoryDisk = int16(zip, end + 6);
        int onThisDisk = int16(zip, end + 8);
        int total = int16(zip, end + 10);
        long size = uint32(zip, end + 12);
        long offset = uint32(zip, end + 16);
        if (total == 0xFFFF || size == 0xFFFFFFFFL || offset == 0xFFFFFFFFL) {
            throw HostileArchiveException.refused("ZIP64 archives are not accepted");
        }
        if (disk != 0 || directoryDisk != 0 || onThisDisk != total) {
            throw HostileArchiveException.refused("split (multi-disk) archives are not accepted");
        }
        if (total > limits.maxEntries()) {
            throw HostileArchiveException.tooLarge("the archive has " + total + " entries, more than the limit of "
                    + limits.maxEntries());
        }
        if (total == 0) {
            throw HostileArchiveException.refused("the archive has no entries");
        }
        if (offset + size > end) {
            throw HostileArchiveException.refused("the archive is damaged: its central directory lies outside it");
        }
        List<Central> entries = new ArrayList<>(total);
        Set<String> names = new HashSet<>();
        int at = (int) offset;
        for (int i = 0; i < total; i++) {
            if (at + CENTRAL_HEADER_LENGTH > end || int32(zip, at) != CENTRAL_HEADER) {
                throw HostileArchiveException.refused("the archive is damaged: its central directory lists " + total
                        + " entries but holds " + i);
            }
            int flags = int16(zip, at + 8);
            int method = int16(zip, at + 10);
            int nameLength = int16(zip, at + 28);
            int extraLength = int16(zip, at + 30);
            int commentLength = int16(zip, at + 32);
            if (at + CENTRAL_HEADER_LENGTH + nameLength > end) {
                throw HostileArchiveException.refused("the archive is damaged: entry " + (i + 1) + " has a name "
                        + "beyond the central directory");
            }
            String name = name(zip, at + CENTRAL_HEADER_LENGTH, nameLength, i + 1);
            checkName(name);
            if ((flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) != 0) {
                throw HostileArchiveException.refused("entry " + name + " is encrypted; encrypted entries are not "
                        + "accepted");
            }
            if (method != STORED && method != DEFLATED) {
                throw HostileArchiveException.refused("entry " + name + " uses compression method " + method
                        + "; only stored and deflated entries are accepted");
            }
            if (!names.add(name)) {
                throw HostileArchiveException.refused("entry name " + name + " occurs more than once");
            }
            boolean directory = name.endsWith("/");
            if (!directory && isArchiveName(name)) {
                throw HostileArchiveException.refused("entry " + name + " is an archive; nested archives are not "
                        + "accepted");
            }
            entries.add(new Central(name, directory));
            at += CENTRAL_HEADER_LENGTH + nameLength + extraLength + commentLength;
        }
        return entries;
    }

    /** The end record, which must end the archive exactly (its comment included): trailing bytes are refused. */
    private static int endRecord(byte[] zip) {
        int last = zip.length - END_RECORD_LENGTH;
        int first = Math.max(0, last - 0xFFFF);
        for (int at = last; at >= first; at--) {
            if (int32(zip, at) == END_OF_CENTRAL_DIRECTORY && at + END_RECORD_LENGTH + int16(zip, at + 20) == zip.length) {
                return at;
            }
        }
        return -1;
    }

    private static String name(byte[] zip, int at, int length, int index) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(zip, at, length)).toString();
        } catch (CharacterCodingException e) {
            throw HostileArchiveException.refused("the name of entry " + index + " is not UTF-8");
        }
    }

    static void checkName(String name) {
        if (name.isEmpty()) {
            throw HostileArchiveException.refused("an entry has an empty name");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw HostileArchiveException.refused("an entry name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        String shown = printable(name);
        if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw HostileArchiveException.refused("entry name " + shown + " contains control characters");
        }
        if (name.indexOf('\\') >= 0) {
            throw HostileArchiveException.refused("entry name " + shown + " contains a backslash");
        }
        if (name.startsWith("/")) {
            throw HostileArchiveException.refused("entry name " + shown + " is an absolute path");
        }
        if (DRIVE_LETTER.matcher(name).matches()) {
            throw HostileArchiveException.refused("entry name " + shown + " starts with a drive letter");
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals("..")) {
                throw HostileArchiveException.refused("entry name " + shown + " climbs out of the archive (..)");
            }
        }
    }

    private static boolean isArchiveName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return ARCHIVE_SUFFIXES.stream().anyMatch(lower::endsWith);
    }

    // ---- pass 2: the entries, decompressed ----

    private static List<ArchiveEntry> entries(byte[] zip, List<Central> directory, ArchiveLimits limits) {
        List<ArchiveEntry> files = new ArrayList<>();
        Counting counting = new Counting(zip);
        long total = 0;
        int index = 0;
        byte[] buffer = new byte[8192];
        try (ZipInputStream in = new ZipInputStream(counting, StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (index >= directory.size()) {
                    throw HostileArchiveException.refused("the archive holds more entries than its central directory"
                            + " lists (" + directory.size() + ")");
                }
                Central listed = directory.get(index++);
                if (!listed.name().equals(entry.getName())) {
                    throw HostileArchiveException.refused("entry " + index + " is " + printable(entry.getName())
                            + " in its local header but " + listed.name() + " in the central directory");
                }
                long start = counting.position();
                long size = 0;
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                int n;
                while ((n = in.read(buffer)) > 0) {
                    size += n;
                    total += n;
                    if (size > limits.maxEntryBytes()) {
                        throw HostileArchiveException.tooLarge("entry " + listed.name() + " expands beyond the limit of "
                                + limits.maxEntryBytes() + " bytes per entry");
                    }
                    if (total > limits.maxTotalBytes()) {
                        throw HostileArchiveException.tooLarge("the archive expands beyond the limit of "
                                + limits.maxTotalBytes() + " bytes in all (at entry " + listed.name() + ")");
                    }
                    long compressed = Math.max(counting.position() - start, RATIO_FLOOR_BYTES);
                    if (size > compressed * limits.maxCompressionRatio()) {
                        throw HostileArchiveException.tooLarge("entry " + listed.name() + " expands more than "
                                + limits.maxCompressionRatio() + " times its compressed size (a zip bomb?)");
                    }
                    if (!listed.directory()) {
                        content.write(buffer, 0, n);
                    }
                }
                if (listed.directory()) {
                    if (size > 0) {
                        throw HostileArchiveException.refused("directory entry " + listed.name() + " has content");
                    }
                    continue;
                }
                byte[] bytes = content.toByteArray();
                if (isArchiveContent(bytes)) {
                    throw HostileArchiveException.refused("entry " + listed.name() + " is an archive; nested archives"
                            + " are not accepted");
                }
                files.add(new ArchiveEntry(listed.name(), bytes));
            }
        } catch (IOException e) {
            // ZipException included: a bad CRC or size, an encrypted local header, truncated data
            throw HostileArchiveException.refused("the archive is damaged at entry " + (index == 0 ? 1 : index) + ": "
                    + e.getMessage());
        } catch (IllegalArgumentException e) {
            // ZipInputStream's answer to a local header name that is not UTF-8
            throw HostileArchiveException.refused("the archive is damaged at entry " + (index + 1) + ": "
                    + e.getMessage());
        }
        if (index != directory.size()) {
            throw HostileArchiveException.refused("the archive holds " + index + " entries but its central directory"
                    + " lists " + directory.size());
        }
        return files;
    }

    /** Zip, gzip, bzip2, xz, 7z, RAR, zstd or tar, by their magic bytes. */
    static boolean isArchiveContent(byte[] b) {
        return starts(b, 0x50, 0x4B, 0x03, 0x04) || starts(b, 0x50, 0x4B, 0x05, 0x06)
                || starts(b, 0x50, 0x4B, 0x07, 0x08) || starts(b, 0x1F, 0x8B) || starts(b, 0x42, 0x5A, 0x68)
                || starts(b, 0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00) || starts(b, 0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C)
                || starts(b, 0x52, 0x61, 0x72, 0x21) || starts(b, 0x28, 0xB5, 0x2F, 0xFD)
                || b.length > 262 && new String(b, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    }

    private static boolean starts(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Names go into answers: control characters are shown escaped, and a long name is cut. */
    private static String printable(String name) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < name.length() && shown.length() < 200; i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        return shown.length() < name.length() ? shown + "..." : shown.toString();
    }

    private static int int16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    private static long uint32(byte[] b, int at) {
        return int32(b, at) & 0xFFFFFFFFL;
    }

    /** How far the zip stream has read into the archive: the compressed bytes an entry took. */
    private static final class Counting extends ByteArrayInputStream {

        Counting(byte[] bytes) {
            super(bytes);
        }

        long position() {
            return pos;
        }
    }
}
