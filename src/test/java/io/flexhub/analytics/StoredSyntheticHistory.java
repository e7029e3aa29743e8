package io.flexhub.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.flexhub.analytics.history.CongestionDay;
import io.flexhub.analytics.history.FlexRequestHistoryStore;
import io.flexhub.analytics.history.FlexRequestRecord;
import io.flexhub.analytics.model.SyntheticDso;

/**
 * A synthetic DSO's days written into the hub's own FlexRequest history, as the FlexRequests that would have
 * produced them: the analytics API is tested on what the store reads back, not on an in-memory stand-in. A pattern
 * written again for the same days goes in as the next revision, which is how a DSO changes its mind.
 */
public final class StoredSyntheticHistory {

    /** One congestion point's pattern and observed range, as last written. */
    public record Point(SyntheticDso.Profile profile, LocalDate first, LocalDate last, long revision) {
    }

    private static final String SENDER = "dso.synthetic.example";

    private final SyntheticDso dso;
    private final FlexRequestHistoryStore store;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Map<String, Point> points = new ConcurrentHashMap<>();

    public StoredSyntheticHistory(SyntheticDso dso, FlexRequestHistoryStore store, JdbcTemplate jdbc,
                                  TransactionTemplate transactions) {
        this.dso = dso;
        this.store = store;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    public SyntheticDso dso() {
        return dso;
    }

    public Point point(String congestionPoint) {
        return points.get(congestionPoint);
    }

    /** Stores the profile's requests from {@code first} to {@code last}, one revision above what is stored. */
    public void write(String congestionPoint, SyntheticDso.Profile profile, LocalDate first, LocalDate last) {
        Point previous = points.get(congestionPoint);
        long revision = previous == null ? 1 : previous.revision() + 1;
        List<FlexRequestRecord> records = new ArrayList<>();
        for (CongestionDay day : dso.days(congestionPoint, profile, first, last)) {
            // the range's ends are requests even without a requested ISP, so the observed range is first..last
            boolean end = day.date().equals(first) || day.date().equals(last);
            if (day.anyRequested() || end || previous != null) {
                records.add(record(day, revision));
            }
        }
        transactions.executeWithoutResult(status -> records.forEach(r ->
                store.store(r, FlexRequestHistoryStore.IMPORTED, Instant.now())));
        points.put(congestionPoint, new Point(profile, first, last, revision));
    }

    /** Removes every stored request of the point. */
    public void delete(String congestionPoint) {
        transactions.executeWithoutResult(status -> {
            jdbc.update("DELETE FROM flex_request_history_isp WHERE message_id IN (SELECT message_id FROM "
                    + "flex_request_history WHERE congestion_point = ?)", congestionPoint);
            jdbc.update("DELETE FROM flex_request_history WHERE congestion_point = ?", congestionPoint);
        });
        points.remove(congestionPoint);
    }

    private static FlexRequestRecord record(CongestionDay day, long revision) {
        List<FlexRequestRecord.Isp> isps = new ArrayList<>();
        Instant sent = null;
        for (CongestionDay.Isp isp : day.isps()) {
            if (isp.requested()) {
                isps.add(new FlexRequestRecord.Isp(isp.isp(), true, watts(isp.minKw()), watts(isp.maxKw())));
                sent = sent == null ? isp.start().minus(isp.leadTime()) : sent;
            } else {
                isps.add(new FlexRequestRecord.Isp(isp.isp(), false, -1_000_000, 1_000_000));
            }
        }
        Instant dayStart = day.isps().get(0).start();
        Instant sentAt = (sent == null ? dayStart.minus(Duration.ofHours(10)) : sent).plusSeconds(revision);
        return new FlexRequestRecord("synthetic-" + day.congestionPoint() + "-" + day.date() + "-r" + revision,
                day.congestionPoint(), day.date(), revision, SENDER, sentAt, "Europe/Amsterdam", 15, day.ispCount(),
                isps);
    }

    private static long watts(double kw) {
        return Math.round(kw * 1000);
    }
}
