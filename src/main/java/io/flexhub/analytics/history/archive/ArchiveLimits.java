package io.flexhub.analytics.history.archive;

/**
 * What one archive may hold. Every limit is checked on what the archive actually contains while it is read, never
 * on the sizes it declares.
 *
 * @param maxEntries          entries (directories included), checked before anything is decompressed
 * @param maxEntryBytes       decompressed bytes of one entry
 * @param maxTotalBytes       decompressed bytes of all entries together
 * @param maxCompressionRatio how many times its compressed bytes an entry may expand to
 */
public record ArchiveLimits(int maxEntries, long maxEntryBytes, long maxTotalBytes, int maxCompressionRatio) {

    public ArchiveLimits {
        if (maxEntries < 1 || maxEntryBytes < 1 || maxTotalBytes < 1 || maxCompressionRatio < 1) {
            throw new IllegalArgumentException("archive limits must be positive: " + maxEntries + ", "
                    + maxEntryBytes + ", " + maxTotalBytes + ", " + maxCompressionRatio);
        }
    }
}
