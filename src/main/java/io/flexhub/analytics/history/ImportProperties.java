package io.flexhub.analytics.history;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import io.flexhub.analytics.history.archive.ArchiveLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Limits of {@code POST /api/analytics/flex-requests}, the import of archived FlexRequests. The body limit is this
 * entry's own (the other admin APIs keep {@code flexhub.web.max-body-bytes}); the others bound what an archive
 * may expand to, counted while it is decompressed.
 *
 * @param maxArchiveBytes       largest request body, a zip or a single document
 * @param maxEntries            files (and directories) in one zip
 * @param maxEntryBytes         decompressed size of one file: a FlexRequest of 100 ISPs listed one by one is ~9 KB
 * @param maxUncompressedBytes  decompressed size of all files together
 * @param maxCompressionRatio   how many times its compressed size a file may expand to; FlexRequest XML deflates
 *                              3 to 14 times (a 100-ISP request listed ISP by ISP: 13), zip bombs a thousand
 *                              times and more
 */
@Validated
@ConfigurationProperties(prefix = "flexhub.analytics.import")
public record ImportProperties(@NotNull DataSize maxArchiveBytes,
                               @Min(1) @Max(1_000_000) int maxEntries,
                               @NotNull DataSize maxEntryBytes,
                               @NotNull DataSize maxUncompressedBytes,
                               @Min(2) int maxCompressionRatio) {

    public ArchiveLimits archiveLimits() {
        return new ArchiveLimits(maxEntries, maxEntryBytes.toBytes(), maxUncompressedBytes.toBytes(),
                maxCompressionRatio);
    }
}
