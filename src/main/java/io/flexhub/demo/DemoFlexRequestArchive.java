package io.flexhub.demo;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

import org.lfenergy.shapeshifter.api.AvailableRequestedType;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestISPType;

import io.flexhub.usef.time.IspCalendar;

/**
 * The FlexRequests the demo DSO "sent" in the past, so that the quick start has a history to learn from. A
 * plausible grid operator of a Dutch residential and office feeder:
 *
 * <ul>
 * <li>November to March, on working days: the evening peak (heat pumps, cooking, EVs plugged in after work) gets a
 * REDUCE request around 17:00-20:00, most often in December and January, less on Fridays, rarely on Saturdays,
 * never on Sundays and holidays; October and April now and then, and in the shoulder months a morning block
 * 07:00-09:00 too.</li>
 * <li>April to September, on sunny days: PV surplus around midday gets an INCREASE request 11:00-15:00, most in
 * June and July and more often at weekends, when offices consume nothing.</li>
 * <li>Block starts and lengths move by a few ISPs from day to day and differ per weekday; the requested power
 * follows the season and ramps up to the middle of the block.</li>
 * <li>Most requests are sent the day before (lead times of about a day), the rest on the day, hours ahead; a third
 * of the day-ahead ones get a second revision on the day that stretches or trims the block.</li>
 * </ul>
 *
 * Deterministic: a day's requests depend only on the day (and the point), so they are the same at every start, and
 * so are their MessageIDs (name-based UUIDs): importing them twice stores them once. Plain Java.
 */
public final class DemoFlexRequestArchive {

    private static final long SEED = 0x5EEDF1E7L;
    /** Fixed-date Dutch public holidays: no office load, no working-day peak. */
    private static final Set<MonthDay> HOLIDAYS = Set.of(MonthDay.of(1, 1), MonthDay.of(4, 27), MonthDay.of(12, 25),
            MonthDay.of(12, 26));
    /** What the DSO leaves the aggregator free to do outside the requested blocks, W either way. */
    private static final long AVAILABLE_ROOM_W = 80_000;

    private final String congestionPoint;
    private final String dsoDomain;
    private final String hubDomain;
    private final IspCalendar calendar;

    public DemoFlexRequestArchive(String congestionPoint, String dsoDomain, String hubDomain, ZoneId zone,
                                  Duration ispDuration) {
        this.congestionPoint = congestionPoint;
        this.dsoDomain = dsoDomain;
        this.hubDomain = hubDomain;
        this.calendar = new IspCalendar(zone, ispDuration);
    }

    /** A requested block: ISPs {@code first..last} of the day, {@code kw} at its middle. */
    record Block(boolean reduce, int first, int last, double kw) {
    }

    /** The requests for the Periods {@code from..to}, by Period, revisions in the order they were sent. */
    public List<FlexRequest> requests(LocalDate from, LocalDate to) {
        List<FlexRequest> requests = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            requests.addAll(requestsFor(day));
        }
        return requests;
    }

    /** The MessageID of a Period's request of this Revision (1 or 2). */
    public String messageId(LocalDate period, int revision) {
        return uuid("message", period, revision);
    }

    List<FlexRequest> requestsFor(LocalDate day) {
        SplittableRandom random = new SplittableRandom(SEED ^ (day.toEpochDay() * 0x9E3779B97F4A7C15L)
                ^ congestionPoint.hashCode());
        List<Block> blocks = blocks(day, random);
        if (blocks.isEmpty()) {
            return List.of();
        }
        int firstIsp = blocks.stream().mapToInt(Block::first).min().orElseThrow();
        Instant firstStart = calendar.ispStart(day, firstIsp);
        List<FlexRequest> requests = new ArrayList<>();
        boolean dayAhead = random.nextDouble() < 0.7;
        Instant sent;
        if (dayAhead) {
            // the DSO's day-ahead planning runs in the afternoon before
            LocalTime at = LocalTime.of(13, 0).plusMinutes(random.nextInt(7 * 60));
            sent = day.minusDays(1).atTime(at).atZone(calendar.zone()).toInstant();
        } else {
            sent = firstStart.minus(Duration.ofMinutes(180 + random.nextInt(5 * 60)));
        }
        requests.add(request(day, 1, blocks, sent.plusSeconds(random.nextInt(60))));
        if (dayAhead && random.nextDouble() < 0.33) {
            List<Block> revised = new ArrayList<>();
            int count = calendar.ispCount(day);
            for (Block block : blocks) {
                boolean stretch = random.nextDouble() < 0.75;
                int last = stretch ? Math.min(count, block.last() + 1 + random.nextInt(4))
                        : Math.max(block.first() + 1, block.last() - 1 - random.nextInt(3));
                double kw = block.kw() * (stretch ? 1.1 + 0.15 * random.nextDouble() : 0.8 + 0.1 * random.nextDouble());
                revised.add(new Block(block.reduce(), block.first(), last, kw));
            }
            Instant revisedAt = firstStart.minus(Duration.ofMinutes(120 + random.nextInt(4 * 60)));
            requests.add(request(day, 2, revised, revisedAt.plusSeconds(random.nextInt(60))));
        }
        return requests;
    }

    List<Block> blocks(LocalDate day, SplittableRandom random) {
        DayOfWeek weekday = day.getDayOfWeek();
        boolean holiday = HOLIDAYS.contains(MonthDay.from(day));
        boolean sunday = weekday == DayOfWeek.SUNDAY || holiday;
        boolean saturday = weekday == DayOfWeek.SATURDAY && !holiday;
        boolean working = !sunday && !saturday;
        int month = day.getMonthValue();
        List<Block> blocks = new ArrayList<>();

        double evening = switch (month) {
            case 1 -> 0.95;
            case 12 -> 0.9;
            case 2 -> 0.8;
            case 11 -> 0.65;
            case 3 -> 0.45;
            case 10 -> 0.3;
            case 4 -> 0.1;
            default -> 0.0;
        };
        double weekdayFactor = switch (weekday) {
            case MONDAY, TUESDAY, THURSDAY -> 1.0;
            case WEDNESDAY -> 0.95;
            case FRIDAY -> 0.75;
            case SATURDAY -> 0.25;
            case SUNDAY -> 0.0;
        };
        if (!sunday && random.nextDouble() < evening * weekdayFactor) {
            // a weekday difference for a model to find: the peak starts a quarter earlier on Mondays and Thursdays
            LocalTime start = LocalTime.of(17, 0).minusMinutes(weekday == DayOfWeek.MONDAY
                    || weekday == DayOfWeek.THURSDAY ? 15 : 0);
            int first = isp(day, start) + jitter(random, 2);
            int length = (weekday == DayOfWeek.FRIDAY || saturday ? 8 : 12) + jitter(random, 2);
            double kw = (20 + 30 * evening) * (0.85 + 0.3 * random.nextDouble());
            blocks.add(new Block(true, first, first + length - 1, kw));
        }
        double morning = month == 3 || month == 10 || month == 11 ? 0.15 : month == 12 || month == 1 ? 0.1 : 0.0;
        if (working && random.nextDouble() < morning) {
            int first = isp(day, LocalTime.of(7, 0)) + jitter(random, 1);
            blocks.add(new Block(true, first, first + 7 + jitter(random, 1), 15 + 10 * random.nextDouble()));
        }
        double midday = switch (month) {
            case 7 -> 0.7;
            case 6 -> 0.65;
            case 8 -> 0.55;
            case 5 -> 0.5;
            case 9 -> 0.3;
            case 4 -> 0.25;
            default -> 0.0;
        };
        if (random.nextDouble() < Math.min(0.95, midday * (working ? 1.0 : 1.3))) {
            int first = isp(day, LocalTime.of(11, 0)) + jitter(random, 2);
            int last = isp(day, LocalTime.of(15, 0)) - 1 + jitter(random, 2);
            double kw = (15 + 25 * midday) * (0.8 + 0.4 * random.nextDouble()) * (working ? 1.0 : 1.2);
            blocks.add(new Block(false, first, last, kw));
        }
        return blocks;
    }

    private FlexRequest request(LocalDate day, int revision, List<Block> blocks, Instant sent) {
        FlexRequest request = new FlexRequest();
        request.setVersion("3.0.0");
        request.setSenderDomain(dsoDomain);
        request.setRecipientDomain(hubDomain);
        request.setTimeStamp(OffsetDateTime.ofInstant(sent.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC));
        request.setMessageID(messageId(day, revision));
        request.setConversationID(uuid("conversation", day, 0));
        request.setISPDuration(calendar.ispDuration());
        request.setTimeZone(calendar.zone().getId());
        request.setPeriod(day);
        request.setCongestionPoint(congestionPoint);
        request.setRevision(revision);
        int firstIsp = blocks.stream().mapToInt(Block::first).min().orElseThrow();
        request.setExpirationDateTime(OffsetDateTime.ofInstant(calendar.ispStart(day, firstIsp), ZoneOffset.UTC));
        int count = calendar.ispCount(day);
        Block[] at = new Block[count + 1];
        for (Block block : blocks) {
            for (int isp = block.first(); isp <= block.last(); isp++) {
                at[isp] = block;
            }
        }
        int isp = 1;
        while (isp <= count) {
            if (at[isp] == null) {
                // Available ISPs as runs (Start with Duration), Requested ones one by one: both forms occur in the field
                int run = isp;
                while (run <= count && at[run] == null) {
                    run++;
                }
                request.getISPS().add(isp(isp, run - isp, AvailableRequestedType.AVAILABLE, -AVAILABLE_ROOM_W,
                        AVAILABLE_ROOM_W));
                isp = run;
                continue;
            }
            Block block = at[isp];
            // the need is largest in the middle of the block: 60 % at its edges
            double middle = (block.first() + block.last()) / 2.0;
            double half = Math.max(1.0, (block.last() - block.first()) / 2.0);
            double shape = 1.0 - 0.4 * Math.abs(isp - middle) / half;
            long need = Math.round(block.kw() * shape) * 1000;
            long most = Math.round(need * 1.6 / 1000.0) * 1000;
            request.getISPS().add(block.reduce()
                    ? isp(isp, 1, AvailableRequestedType.REQUESTED, -most, -need)
                    : isp(isp, 1, AvailableRequestedType.REQUESTED, need, most));
            isp++;
        }
        return request;
    }

    private static FlexRequestISPType isp(int start, int duration, AvailableRequestedType disposition, long min,
                                          long max) {
        FlexRequestISPType isp = new FlexRequestISPType();
        isp.setStart((long) start);
        isp.setDuration((long) duration);
        isp.setDisposition(disposition);
        isp.setMinPower(min);
        isp.setMaxPower(max);
        return isp;
    }

    /** The ISP starting at this local time; on a DST day the local clock and the ISP number part ways. */
    private int isp(LocalDate day, LocalTime time) {
        Instant at = day.atTime(time).atZone(calendar.zone()).toInstant();
        return calendar.ispAt(at).isp();
    }

    private static int jitter(SplittableRandom random, int most) {
        return random.nextInt(2 * most + 1) - most;
    }

    private String uuid(String kind, LocalDate period, int revision) {
        String name = "flexhub-demo-archive/" + kind + "/" + congestionPoint + "/" + period + "/" + revision;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
