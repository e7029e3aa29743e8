package io.flexhub.analytics.history;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.flexhub.analytics.history.FlexRequestDocuments.Accepted;
import io.flexhub.analytics.history.FlexRequestDocuments.Judged;
import io.flexhub.analytics.history.FlexRequestDocuments.Rejected;
import io.flexhub.analytics.history.FlexRequestHistoryStore.Stored;
import io.flexhub.analytics.history.archive.ArchiveEntry;
import io.flexhub.analytics.history.archive.ZipArchive;
import io.flexhub.usef.ParticipantDirectory;
import io.flexhub.usef.UsefProperties;
import io.flexhub.usef.transport.SignedMessageCodec;
import io.flexhub.usef.validation.MarketContext;
import io.flexhub.usef.xml.UftpJaxb;
import io.flexhub.usef.xml.UftpXsd;

/**
 * Imports archived FlexRequests into the history, and nothing else: no response, no offer, no events. Every
 * document is judged first ({@link FlexRequestDocuments}), then all accepted ones are stored in one transaction,
 * each unless its MessageID is there already. A zip is read whole before any of it is judged ({@link ZipArchive}),
 * so a hostile archive changes nothing.
 */
@Component
public class FlexRequestImport {

    private static final Logger LOG = LoggerFactory.getLogger(FlexRequestImport.class);

    /**
     * A document that was not imported, by its file name in the archive.
     *
     * @param conflict its MessageID is stored for another request (the other rejections are about the document)
     */
    public record Rejection(String file, String reason, @JsonIgnore boolean conflict) {
    }

    /**
     * @param documents        files judged (directories not counted)
     * @param imported         stored now
     * @param duplicate        stored before (same MessageID and request), also earlier in the same archive
     * @param rejected         not stored, each listed in {@code rejections}
     * @param congestionPoints the congestion points of the imported requests, sorted
     */
    public record Report(int documents, int imported, int duplicate, int rejected, List<Rejection> rejections,
                         List<String> congestionPoints) {
    }

    private final FlexRequestHistoryStore store;
    private final FlexRequestDocuments judge;
    private final ImportProperties limits;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    public FlexRequestImport(FlexRequestHistoryStore store, UftpXsd xsd, UftpJaxb jaxb, SignedMessageCodec codec,
                             ParticipantDirectory participants, UsefProperties usef, ImportProperties limits,
                             TransactionTemplate tx, Clock clock, ApplicationEventPublisher events) {
        this.store = store;
        this.events = events;
        this.judge = new FlexRequestDocuments(xsd, jaxb, codec,
                new MarketContext(usef.market().timeZone(), usef.market().ispDuration(), clock),
                domain -> participants.find(domain, "DSO").map(ParticipantDirectory.Peer::publicKey));
        this.limits = limits;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * @throws io.flexhub.analytics.history.archive.HostileArchiveException if the archive is refused as a whole
     */
    public Report importZip(byte[] zip) {
        return importDocuments(ZipArchive.read(zip, limits.archiveLimits()));
    }

    public Report importDocument(String name, byte[] document) {
        return importDocuments(List.of(new ArchiveEntry(name, document)));
    }

    private Report importDocuments(List<ArchiveEntry> files) {
        long started = System.nanoTime();
        List<Rejection> rejections = new ArrayList<>();
        List<Named> accepted = new ArrayList<>();
        for (ArchiveEntry file : files) {
            Judged judged = judge.judge(file.content());
            if (judged instanceof Rejected rejected) {
                rejections.add(new Rejection(file.name(), rejected.reason(), false));
            } else {
                accepted.add(new Named(file.name(), ((Accepted) judged).record()));
            }
        }
        int[] counts = new int[2];
        TreeSet<String> points = new TreeSet<>();
        tx.executeWithoutResult(status -> {
            for (Named named : accepted) {
                Stored stored = store.store(named.record(), FlexRequestHistoryStore.IMPORTED, clock.instant());
                switch (stored) {
                    case NEW -> {
                        counts[0]++;
                        points.add(named.record().congestionPoint());
                    }
                    case DUPLICATE -> counts[1]++;
                    case CONFLICT -> rejections.add(new Rejection(named.name(), "MessageID "
                            + named.record().messageId() + " is stored already for another FlexRequest (its "
                            + "congestion point, Period, Revision or sender differ)", true));
                }
            }
        });
        Report report = new Report(files.size(), counts[0], counts[1], rejections.size(), List.copyOf(rejections),
                List.copyOf(points));
        if (report.imported() > 0) {
            events.publishEvent(new FlexRequestsImported(report.imported(), report.congestionPoints()));
        }
        LOG.info("Imported {} archived FlexRequest(s) of {} document(s): {} duplicate, {} rejected, in {} ms",
                report.imported(), report.documents(), report.duplicate(), report.rejected(),
                (System.nanoTime() - started) / 1_000_000);
        return report;
    }

    /** Whether a request with this MessageID is in the history. */
    public boolean contains(String messageId) {
        return store.contains(messageId);
    }

    /** The single rejection of a one-document import, if it was rejected. */
    static Optional<Rejection> onlyRejection(Report report) {
        return report.documents() == 1 && report.rejected() == 1 ? Optional.of(report.rejections().get(0))
                : Optional.empty();
    }

    private record Named(String name, FlexRequestRecord record) {
    }
}
