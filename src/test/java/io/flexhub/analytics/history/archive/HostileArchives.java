package io.flexhub.analytics.history.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Zip archives, well-formed and hostile, built with the JDK's writer and then patched where the writer refuses to
 * produce the hostile property (duplicate names, encryption flags, lying sizes, a local header that disagrees with
 * the central directory). Headers are found through the end record and the central directory, never by scanning.
 */
public final class HostileArchives {

    private HostileArchives() {
    }

    /** Deflated entries in the given order; a name ending in / is a directory. */
    public static byte[] zip(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Stored (uncompressed) entries: their names and sizes sit in the local headers, easy to patch. */
    public static byte[] storedZip(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                ZipEntry entry = new ZipEntry(file.getKey());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(file.getValue().length);
                entry.setCompressedSize(file.getValue().length);
                CRC32 crc = new CRC32();
                crc.update(file.getValue());
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static Map<String, byte[]> files(Object... nameThenContent) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < nameThenContent.length; i += 2) {
            Object content = nameThenContent[i + 1];
            files.put((String) nameThenContent[i], content instanceof byte[] b ? b
                    : content.toString().getBytes(StandardCharsets.UTF_8));
        }
        return files;
    }

    /** One entry of {@code bytes} zero bytes: deflates about a thousand times. */
    public static byte[] bomb(String name, int bytes) {
        return zip(files(name, new byte[bytes]));
    }

    /** Bytes that do not compress (a fixed seed, so runs are alike). */
    public static byte[] incompressible(int bytes) {
        byte[] noise = new byte[bytes];
        new Random(42).nextBytes(noise);
        return noise;
    }

    public static byte[] tinyFiles(int count) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            files.put("tiny-" + i + ".xml", new byte[] {'<'});
        }
        return zip(files);
    }

    // ---- patches ----

    /** Sets the central directory's uncompressed size of entry {@code index} (0-based), leaving the data as it is. */
    public static byte[] declareCentralSize(byte[] zip, int index, long size) {
        byte[] patched = zip.clone();
        put32(patched, central(patched, index) + 24, size);
        return patched;
    }

    /** Adds general purpose flags (e.g. 1, encrypted) to entry {@code index} in both its headers. */
    public static byte[] addFlags(byte[] zip, int index, int flags) {
        byte[] patched = zip.clone();
        int central = central(patched, index);
        put16(patched, central + 8, int16(patched, central + 8) | flags);
        int local = (int) uint32(patched, central + 42);
        put16(patched, local + 6, int16(patched, local + 6) | flags);
        return patched;
    }

    /** Sets the compression method of entry {@code index} in both its headers. */
    public static byte[] method(byte[] zip, int index, int method) {
        byte[] patched = zip.clone();
        int central = central(patched, index);
        put16(patched, central + 10, method);
        put16(patched, (int) uint32(patched, central + 42) + 8, method);
        return patched;
    }

    /** Renames entry {@code index} in both its headers to a name of the same length (e.g. a duplicate). */
    public static byte[] rename(byte[] zip, int index, String name) {
        byte[] patched = zip.clone();
        int central = central(patched, index);
        writeName(patched, central + 46, int16(patched, central + 28), name);
        int local = (int) uint32(patched, central + 42);
        writeName(patched, local + 30, int16(patched, local + 26), name);
        return patched;
    }

    /** Renames entry {@code index} in its local header only: the two views of the archive disagree. */
    public static byte[] renameLocal(byte[] zip, int index, String name) {
        byte[] patched = zip.clone();
        int central = central(patched, index);
        int local = (int) uint32(patched, central + 42);
        writeName(patched, local + 30, int16(patched, local + 26), name);
        return patched;
    }

    /** Sets the entry count of the end record (both fields), e.g. to 0xFFFF as ZIP64 does. */
    public static byte[] declareEntries(byte[] zip, int entries) {
        byte[] patched = zip.clone();
        int end = end(patched);
        put16(patched, end + 8, entries);
        put16(patched, end + 10, entries);
        return patched;
    }

    private static void writeName(byte[] zip, int at, int length, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length != length) {
            throw new IllegalArgumentException("new name must have " + length + " bytes: " + name);
        }
        System.arraycopy(bytes, 0, zip, at, length);
    }

    private static int central(byte[] zip, int index) {
        int at = (int) uint32(zip, end(zip) + 16);
        for (int i = 0; i < index; i++) {
            at += 46 + int16(zip, at + 28) + int16(zip, at + 30) + int16(zip, at + 32);
        }
        return at;
    }

    private static int end(byte[] zip) {
        for (int at = zip.length - 22; at >= 0; at--) {
            if (zip[at] == 0x50 && zip[at + 1] == 0x4B && zip[at + 2] == 0x05 && zip[at + 3] == 0x06) {
                return at;
            }
        }
        throw new IllegalArgumentException("no end record");
    }

    private static int int16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long uint32(byte[] b, int at) {
        return ((b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (long) (b[at + 3] & 0xFF) << 24);
    }

    private static void put16(byte[] b, int at, int value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >> 8);
    }

    private static void put32(byte[] b, int at, long value) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (value >> (8 * i));
        }
    }
}
