package io.flexhub.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.AvailableRequestedType;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestISPType;

import io.flexhub.usef.time.IspCalendar;
import io.flexhub.usef.validation.MarketContext;
import io.flexhub.usef.validation.UftpMessageValidator;
import io.flexhub.usef.xml.UftpJaxb;
import io.flexhub.usef.xml.UftpXsd;

class DemoFlexRequestArchiveTest {

    private static final String CP = "ean.871685900012636543";
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final Duration PT15M = Duration.ofMinutes(15);
    private static final IspCalendar CALENDAR = new IspCalendar(ZONE, PT15M);
    private static final DemoFlexRequestArchive ARCHIVE = new DemoFlexRequestArchive(CP, "dso.flexhub.test",
            "agr.flexhub.test", ZONE, PT15M);
    private static final LocalDate FROM = LocalDate.of(2025, 1, 1);
    private static final LocalDate TO = LocalDate.of(2025, 12, 31);
    private static final List<FlexRequest> YEAR = ARCHIVE.requests(FROM, TO);

    @Test
    void should_send_the_same_requests_for_a_day_whenever_it_is_generated() {
        List<FlexRequest> again = ARCHIVE.requests(LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 30));
        UftpJaxb jaxb = new UftpJaxb(new UftpXsd());

        List<FlexRequest> june = YEAR.stream().filter(r -> r.getPeriod().getMonthValue() == 6).toList();

        assertThat(again).hasSameSizeAs(june);
        for (int i = 0; i < june.size(); i++) {
            assertThat(jaxb.marshal(again.get(i))).isEqualTo(jaxb.marshal(june.get(i)));
        }
        assertThat(june.get(0).getMessageID()).isEqualTo(ARCHIVE.messageId(june.get(0).getPeriod(), 1));
    }

    @Test
    void should_write_only_requests_the_hub_would_accept() {
        UftpJaxb jaxb = new UftpJaxb(new UftpXsd());
        UftpMessageValidator validator = UftpMessageValidator.selfContained();
        MarketContext market = new MarketContext(ZONE, PT15M, Clock.systemUTC());

        for (FlexRequest request : YEAR) {
            // marshalling validates against the UFTP XSD
            jaxb.unmarshal(jaxb.marshal(request));
            assertThat(validator.validate(request, null, market).rejectionReason()).as(request.getPeriod().toString())
                    .isEmpty();
            long covered = request.getISPS().stream().mapToLong(FlexRequestISPType::getDuration).sum();
            assertThat(covered).as("every ISP of %s listed once", request.getPeriod())
                    .isEqualTo(CALENDAR.ispCount(request.getPeriod()));
        }
        assertThat(YEAR.stream().filter(r -> r.getPeriod().equals(LocalDate.of(2025, 3, 30))))
                .allSatisfy(r -> assertThat(r.getISPS().stream().mapToLong(FlexRequestISPType::getDuration).sum())
                        .isEqualTo(92));
    }

    @Test
    void should_ask_to_reduce_winter_evenings_on_working_days_and_to_increase_summer_middays() {
        Map<LocalDate, FlexRequest> latest = YEAR.stream()
                .collect(Collectors.toMap(FlexRequest::getPeriod, r -> r, (a, b) -> a.getRevision() > b.getRevision() ? a : b));
        long januaryWorkingDays = days(1).stream().filter(DemoFlexRequestArchiveTest::working).count();
        long januaryReduced = days(1).stream().filter(DemoFlexRequestArchiveTest::working)
                .filter(d -> requested(latest.get(d), d, 18, true)).count();
        long julyIncreased = days(7).stream().filter(d -> requested(latest.get(d), d, 13, false)).count();
        long sundayEvenings = latest.keySet().stream().filter(d -> d.getDayOfWeek() == DayOfWeek.SUNDAY)
                .filter(d -> requested(latest.get(d), d, 18, true)).count();
        long januaryMiddays = days(1).stream().filter(d -> requested(latest.get(d), d, 13, false)).count();

        assertThat(januaryReduced).as("most January working days").isGreaterThan(januaryWorkingDays * 6 / 10);
        assertThat(julyIncreased).isBetween(15L, 31L);
        assertThat(sundayEvenings).isZero();
        assertThat(januaryMiddays).isZero();
        assertThat(latest.size()).as("days with a request").isBetween(120, 260);
    }

    @Test
    void should_start_blocks_at_other_isps_on_other_days_and_revise_some_requests() {
        List<Integer> januaryStarts = YEAR.stream().filter(r -> r.getPeriod().getMonthValue() == 1)
                .filter(r -> r.getRevision() == 1)
                .map(r -> r.getISPS().stream().filter(i -> i.getDisposition() == AvailableRequestedType.REQUESTED)
                        .mapToInt(i -> i.getStart().intValue()).filter(isp -> isp > 60).min().orElse(0))
                .filter(isp -> isp > 0).toList();
        long revisions = YEAR.stream().filter(r -> r.getRevision() == 2).count();

        assertThat(januaryStarts.stream().distinct().count()).as("jitter").isGreaterThanOrEqualTo(4);
        assertThat(januaryStarts).allSatisfy(isp -> assertThat(isp).isBetween(66, 71));
        assertThat(revisions).isBetween(20L, 90L);
    }

    @Test
    void should_send_requests_hours_to_a_day_ahead() {
        for (FlexRequest request : YEAR) {
            int first = request.getISPS().stream().filter(i -> i.getDisposition() == AvailableRequestedType.REQUESTED)
                    .mapToInt(i -> i.getStart().intValue()).min().orElseThrow();
            Duration lead = Duration.between(request.getTimeStamp().toInstant(),
                    CALENDAR.ispStart(request.getPeriod(), first));
            assertThat(lead).as(request.getPeriod() + " revision " + request.getRevision())
                    .isBetween(Duration.ofHours(1), Duration.ofHours(36));
        }
        assertThat(YEAR.stream().map(r -> Duration.between(r.getTimeStamp().toInstant(),
                CALENDAR.startOfPeriod(r.getPeriod()))).filter(d -> d.isNegative()).count())
                .as("sent on the day itself").isPositive();
    }

    private static List<LocalDate> days(int month) {
        return FROM.withMonth(month).datesUntil(FROM.withMonth(month).plusMonths(1)).toList();
    }

    private static boolean working(LocalDate day) {
        return day.getDayOfWeek().getValue() <= 5 && !day.equals(LocalDate.of(2025, 1, 1));
    }

    private static boolean requested(FlexRequest request, LocalDate day, int hour, boolean reduce) {
        if (request == null) {
            return false;
        }
        Instant at = day.atTime(hour, 0).atZone(ZONE).toInstant();
        int isp = CALENDAR.ispAt(at).isp();
        return request.getISPS().stream()
                .filter(i -> i.getStart() <= isp && isp < i.getStart() + i.getDuration())
                .anyMatch(i -> i.getDisposition() == AvailableRequestedType.REQUESTED
                        && (reduce ? i.getMaxPower() < 0 : i.getMinPower() > 0));
    }
}
