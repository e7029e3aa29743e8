package io.flexhub.analytics.history;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.lfenergy.shapeshifter.api.AvailableRequestedType;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestISPType;

import io.flexhub.usef.time.IspCalendar;
import io.flexhub.usef.time.IspRange;

/**
 * One FlexRequest as the history keeps it (a row of {@code flex_request_history} and its ISP rows): the ISP
 * elements expanded from Start/Duration into one entry per ISP, powers in W as UFTP has them.
 *
 * @param sentAt the message's TimeStamp (a value without UTC offset reads as UTC, as everywhere in the hub)
 * @param ispCount ISPs of the Period in the message's time zone: 92, 96 or 100 at PT15M
 * @param isps the listed ISPs, ascending
 */
public record FlexRequestRecord(String messageId, String congestionPoint, LocalDate period, long revision,
                                String senderDomain, Instant sentAt, String timeZone, int ispDurationMinutes,
                                int ispCount, List<Isp> isps) {

    /** @param minPowerW MinPower in W; @param maxPowerW MaxPower in W */
    public record Isp(int isp, boolean requested, long minPowerW, long maxPowerW) {
    }

    public FlexRequestRecord {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(congestionPoint, "congestionPoint");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(senderDomain, "senderDomain");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(timeZone, "timeZone");
        isps = List.copyOf(isps);
    }

    /**
     * @throws IllegalArgumentException naming what cannot be kept: a missing attribute, an ISP duration that is no
     *     whole number of minutes, an unknown time zone, ISPs outside the Period or addressed twice
     */
    public static FlexRequestRecord of(FlexRequest request) {
        require(request.getMessageID(), "MessageID");
        require(request.getCongestionPoint(), "CongestionPoint");
        require(request.getPeriod(), "Period");
        require(request.getSenderDomain(), "SenderDomain");
        require(request.getTimeStamp(), "TimeStamp");
        require(request.getTimeZone(), "TimeZone");
        require(request.getISPDuration(), "ISP-Duration");
        Duration ispDuration = request.getISPDuration();
        if (ispDuration.isNegative() || ispDuration.isZero() || ispDuration.toSecondsPart() != 0
                || ispDuration.toNanosPart() != 0) {
            throw new IllegalArgumentException("ISP-Duration " + ispDuration + " is not a whole number of minutes");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(request.getTimeZone());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown TimeZone " + request.getTimeZone());
        }
        IspCalendar calendar = new IspCalendar(zone, ispDuration);
        LocalDate period = request.getPeriod();
        int count = calendar.ispCount(period);
        List<Isp> isps = new ArrayList<>();
        boolean[] seen = new boolean[count + 1];
        for (FlexRequestISPType element : request.getISPS()) {
            IspRange range = IspRange.of(element.getStart(), element.getDuration());
            if (!range.isWithin(count)) {
                throw new IllegalArgumentException("ISP " + range.label() + " is outside ISPs 1-" + count + " of "
                        + period);
            }
            require(element.getMinPower(), "MinPower");
            require(element.getMaxPower(), "MaxPower");
            boolean requested = element.getDisposition() == AvailableRequestedType.REQUESTED;
            for (long isp = range.start(); isp <= range.last(); isp++) {
                if (seen[(int) isp]) {
                    throw new IllegalArgumentException("ISP " + isp + " is addressed more than once");
                }
                seen[(int) isp] = true;
                isps.add(new Isp((int) isp, requested, element.getMinPower(), element.getMaxPower()));
            }
        }
        isps.sort(Comparator.comparingInt(Isp::isp));
        return new FlexRequestRecord(request.getMessageID(), request.getCongestionPoint(), period,
                request.getRevision(), request.getSenderDomain(), request.getTimeStamp().toInstant(),
                request.getTimeZone(), Math.toIntExact(ispDuration.toMinutes()), count, isps);
    }

    /** Whether a stored request with this MessageID is this one, as far as the history can tell. */
    boolean sameRequestAs(String congestionPoint, LocalDate period, long revision, String senderDomain) {
        return this.congestionPoint.equals(congestionPoint) && this.period.equals(period)
                && this.revision == revision && this.senderDomain.equals(senderDomain);
    }

    private static void require(Object value, String attribute) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw new IllegalArgumentException("FlexRequest lacks " + attribute);
        }
    }
}
