package io.flexhub.analytics.history;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.flexhub.analytics.history.CongestionDay.Direction;
import io.flexhub.usef.time.IspCalendar;

/**
 * Builds the days of one congestion point from stored requests, in two passes over what the database returns:
 * first every stored request of the range ({@link #offer}), of which the latest revision per Period counts and
 * brings its ISPs run-length encoded ({@link IspRuns}), then, only for counting requests stored without those
 * runs ({@link #needsIspRows}), the ISP rows ({@link #isp}). Plain Java, so that revisions, DST days and the
 * filling of days without a request are unit-tested without a database.
 *
 * <p>The latest revision is the highest Revision; equal Revisions (two senders, or a re-numbered archive) are
 * ordered by TimeStamp, then by when the hub recorded them, then by MessageID, so the choice never depends on the
 * order rows come in. Every ISP of a day with a request has the lead time from that request's TimeStamp, Available
 * ones too (the DSO had said by then that it did not need them); days without a request have none.
 */
final class CongestionDays {

    /** A stored request; {@code ispRuns} its ISPs as {@link IspRuns}, null when it was stored without them. */
    record Header(String messageId, LocalDate period, long revision, Instant sentAt, Instant recordedAt,
                  String timeZone, int ispDurationMinutes, int ispCount, String ispRuns) {
    }

    static final Comparator<Header> LATEST_LAST = Comparator.comparingLong(Header::revision)
            .thenComparing(Header::sentAt)
            .thenComparing(Header::recordedAt)
            .thenComparing(Header::messageId);

    private static final byte UNLISTED = 0;
    private static final byte AVAILABLE = 1;
    private static final byte REQUESTED = 2;

    private final String congestionPoint;
    private final LocalDate from;
    private final LocalDate to;
    private final ZoneId defaultZone;
    private final Duration defaultIspDuration;
    private final Map<LocalDate, Header> latest = new HashMap<>();
    private Map<String, Listed> counting;

    /**
     * @param defaultZone        zone of days before the first request in the range (the point's requests all
     *                           come from one market); later days without a request take the zone of the last one
     * @param defaultIspDuration likewise
     */
    CongestionDays(String congestionPoint, LocalDate from, LocalDate to, ZoneId defaultZone,
                   Duration defaultIspDuration) {
        this.congestionPoint = Objects.requireNonNull(congestionPoint, "congestionPoint");
        this.from = Objects.requireNonNull(from, "from");
        this.to = Objects.requireNonNull(to, "to");
        this.defaultZone = Objects.requireNonNull(defaultZone, "defaultZone");
        this.defaultIspDuration = Objects.requireNonNull(defaultIspDuration, "defaultIspDuration");
    }

    void offer(Header header) {
        if (counting != null) {
            throw new IllegalStateException("requests offered after the first ISP row");
        }
        if (header.period().isBefore(from) || header.period().isAfter(to)) {
            return;
        }
        latest.merge(header.period(), header, (a, b) -> LATEST_LAST.compare(a, b) >= 0 ? a : b);
    }

    /** Whether a counting request came without its ISP runs, so that its ISP rows must be read. */
    boolean needsIspRows() {
        return latest.values().stream().anyMatch(header -> header.ispRuns() == null);
    }

    /** @return whether the row belongs to a counting request stored without ISP runs (and was kept) */
    boolean isp(String messageId, int isp, boolean requested, long minPowerW, long maxPowerW) {
        Listed listed = counting().get(messageId);
        if (listed == null || listed.fromRuns) {
            return false;
        }
        return listed.set(isp, requested, minPowerW, maxPowerW);
    }

    /** One entry per day from {@code from} to {@code to}, ascending. */
    List<CongestionDay> days() {
        Map<String, Listed> listedByMessage = counting();
        List<CongestionDay> days = new ArrayList<>((int) (to.toEpochDay() - from.toEpochDay() + 1));
        ZoneId zone = defaultZone;
        Duration ispDuration = defaultIspDuration;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            Header header = latest.get(day);
            if (header != null) {
                zone = ZoneId.of(header.timeZone());
                ispDuration = Duration.ofMinutes(header.ispDurationMinutes());
                days.add(requested(day, header, listedByMessage.get(header.messageId()), zone, ispDuration));
            } else {
                days.add(withoutRequest(day, zone, ispDuration));
            }
        }
        return days;
    }

    private CongestionDay requested(LocalDate day, Header header, Listed listed, ZoneId zone, Duration ispDuration) {
        long dayStart = day.atStartOfDay(zone).toEpochSecond();
        long step = ispDuration.toSeconds();
        long sent = header.sentAt().getEpochSecond();
        int nanos = header.sentAt().getNano();
        List<CongestionDay.Isp> isps = new ArrayList<>(listed.state.length);
        for (int i = 0; i < listed.state.length; i++) {
            long startSecond = dayStart + i * step;
            Instant start = Instant.ofEpochSecond(startSecond);
            Duration lead = Duration.ofSeconds(startSecond - sent, -nanos);
            byte state = listed.state[i];
            if (state == UNLISTED) {
                isps.add(new CongestionDay.Isp(i + 1, start, false, null, null, null, lead));
                continue;
            }
            long min = listed.min[i];
            long max = listed.max[i];
            boolean requested = state == REQUESTED;
            isps.add(new CongestionDay.Isp(i + 1, start, requested, requested ? direction(min, max) : null,
                    min / 1000.0, max / 1000.0, lead));
        }
        return new CongestionDay(congestionPoint, day, listed.state.length, isps);
    }

    private CongestionDay withoutRequest(LocalDate day, ZoneId zone, Duration ispDuration) {
        IspCalendar calendar = new IspCalendar(zone, ispDuration);
        int count = calendar.ispCount(day);
        long dayStart = day.atStartOfDay(zone).toEpochSecond();
        long step = ispDuration.toSeconds();
        List<CongestionDay.Isp> isps = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            isps.add(new CongestionDay.Isp(i + 1, Instant.ofEpochSecond(dayStart + i * step), false, null, null, null,
                    null));
        }
        return new CongestionDay(congestionPoint, day, count, isps);
    }

    /** UFTP: a Requested ISP with MaxPower &le; 0 asks for less consumption, with MinPower &ge; 0 for more. */
    static Direction direction(long minPowerW, long maxPowerW) {
        if (maxPowerW <= 0) {
            return Direction.REDUCE;
        }
        return minPowerW >= 0 ? Direction.INCREASE : null;
    }

    private Map<String, Listed> counting() {
        if (counting == null) {
            counting = new HashMap<>();
            for (Header header : latest.values()) {
                Listed listed = new Listed(header.ispCount(), header.ispRuns() != null);
                if (listed.fromRuns) {
                    IspRuns.decode(header.ispRuns(), listed::set);
                }
                counting.put(header.messageId(), listed);
            }
        }
        return counting;
    }

    /** The ISPs of a counting request, by ISP number - 1. */
    private static final class Listed {

        final byte[] state;
        final long[] min;
        final long[] max;
        final boolean fromRuns;

        Listed(int ispCount, boolean fromRuns) {
            state = new byte[ispCount];
            min = new long[ispCount];
            max = new long[ispCount];
            this.fromRuns = fromRuns;
        }

        /** ISPs beyond the day's count cannot come from the hub's writes; they are left out rather than fail. */
        boolean set(int isp, boolean requested, long minPowerW, long maxPowerW) {
            if (isp < 1 || isp > state.length) {
                return false;
            }
            state[isp - 1] = requested ? REQUESTED : AVAILABLE;
            min[isp - 1] = minPowerW;
            max[isp - 1] = maxPowerW;
            return true;
        }
    }
}
