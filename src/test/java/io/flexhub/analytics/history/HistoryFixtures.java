package io.flexhub.analytics.history;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.lfenergy.shapeshifter.api.AvailableRequestedType;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestISPType;

import io.flexhub.usef.time.IspCalendar;
import io.flexhub.usef.xml.UftpJaxb;
import io.flexhub.usef.xml.UftpXsd;

/** Archived FlexRequests as a DSO would have sent them, for the history tests. */
public final class HistoryFixtures {

    public static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    public static final String DSO_DOMAIN = "dso.test.example";
    private static final UftpJaxb JAXB = new UftpJaxb(new UftpXsd());

    private HistoryFixtures() {
    }

    /** A congestion point of its own for each test, so that tests sharing a database do not see each other's. */
    public static String congestionPoint() {
        return "ean.8716859" + String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
    }

    /**
     * A request covering the whole Period: ISPs {@code first..last} Requested (REDUCE: MinPower -2 x need, MaxPower
     * -need; INCREASE mirrored), the others Available as runs with Start/Duration.
     */
    public static FlexRequest request(String congestionPoint, LocalDate period, long revision, Instant sentAt,
                                      int first, int last, long needW, boolean reduce) {
        IspCalendar calendar = new IspCalendar(AMSTERDAM, Duration.ofMinutes(15));
        FlexRequest request = new FlexRequest();
        request.setVersion("3.0.0");
        request.setSenderDomain(DSO_DOMAIN);
        request.setRecipientDomain("agr.test.example");
        request.setTimeStamp(OffsetDateTime.ofInstant(sentAt, ZoneOffset.UTC));
        request.setMessageID(UUID.randomUUID().toString());
        request.setConversationID(UUID.randomUUID().toString());
        request.setISPDuration(Duration.ofMinutes(15));
        request.setTimeZone(AMSTERDAM.getId());
        request.setPeriod(period);
        request.setCongestionPoint(congestionPoint);
        request.setRevision(revision);
        request.setExpirationDateTime(OffsetDateTime.ofInstant(calendar.ispStart(period, first), ZoneOffset.UTC));
        int count = calendar.ispCount(period);
        if (first > 1) {
            request.getISPS().add(isp(1, first - 1, AvailableRequestedType.AVAILABLE, -80_000, 80_000));
        }
        for (int isp = first; isp <= last; isp++) {
            request.getISPS().add(reduce ? isp(isp, 1, AvailableRequestedType.REQUESTED, -2 * needW, -needW)
                    : isp(isp, 1, AvailableRequestedType.REQUESTED, needW, 2 * needW));
        }
        if (last < count) {
            request.getISPS().add(isp(last + 1, count - last, AvailableRequestedType.AVAILABLE, -80_000, 80_000));
        }
        return request;
    }

    public static FlexRequestISPType isp(int start, int duration, AvailableRequestedType disposition, long min,
                                         long max) {
        FlexRequestISPType isp = new FlexRequestISPType();
        isp.setStart((long) start);
        isp.setDuration((long) duration);
        isp.setDisposition(disposition);
        isp.setMinPower(min);
        isp.setMaxPower(max);
        return isp;
    }

    /** Schema-checked UFTP XML of the request. */
    public static byte[] xml(FlexRequest request) {
        return JAXB.marshal(request);
    }
}
