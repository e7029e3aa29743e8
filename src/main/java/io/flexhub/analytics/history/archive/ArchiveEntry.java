package io.flexhub.analytics.history.archive;

/** One file of an archive: its name as the archive gives it (checked, never used as a path) and its bytes. */
public record ArchiveEntry(String name, byte[] content) {
}
