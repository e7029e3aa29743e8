package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpTestMessages.flexRequest;
import static io.flexhub.usef.validation.UftpTestMessages.flexReservationUpdate;
import static io.flexhub.usef.validation.UftpTestMessages.metering;
import static io.flexhub.usef.validation.UftpTestMessages.requestIsp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lfenergy.shapeshifter.api.AvailableRequestedType.AVAILABLE;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexReservationUpdate;
import org.lfenergy.shapeshifter.api.Metering;
import org.lfenergy.shapeshifter.api.MeteringISPType;

class GeneralRulesTest extends ValidatorTestSupport {

    @Test
    void should_accept_when_the_flex_request_is_valid() {
        ValidationResult result = validate(flexRequest());

        assertThat(result.outcome()).isEqualTo(ValidationResult.Outcome.ACCEPTED);
        assertThat(result.reasons()).isEmpty();
        assertThat(result.rejectionReason()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.0.0", "3.1.0", "3.10.2"})
    void should_accept_when_the_version_is_major_3(String version) {
        FlexRequest request = flexRequest();
        request.setVersion(version);

        assertThat(reasons(request)).isEmpty();
    }

    @Test
    void should_reject_as_invalid_message_when_the_version_is_not_major_3() {
        FlexRequest request = flexRequest();
        request.setVersion("2.0.0");

        assertThat(reasons(request)).containsExactly("Invalid Message: unsupported Version 2.0.0");
    }

    @Test
    void should_reject_as_invalid_message_when_the_version_is_missing() {
        FlexRequest request = flexRequest();
        request.setVersion(null);

        assertThat(reasons(request)).containsExactly("Invalid Message: missing Version");
    }

    @Test
    void should_reject_when_the_recipient_domain_is_not_ours() {
        FlexRequest request = flexRequest();
        request.setRecipientDomain("someone-else.example.com");

        assertThat(reasons(request)).containsExactly("Unknown RecipientDomain (someone-else.example.com)");
    }

    @Test
    void should_reject_every_message_type_when_the_sender_is_barred() {
        context.barredSenders(UftpTestMessages.DSO);

        assertThat(reasons(flexRequest())).containsExactly("Barred Sender");
        assertThat(validate(UftpTestMessages.testMessage()).reasons()).containsExactly("Barred Sender");
    }

    @Test
    void should_accept_when_only_another_sender_is_barred() {
        context.barredSenders(UftpTestMessages.OTHER_DSO);

        assertThat(reasons(flexRequest())).isEmpty();
    }

    @Test
    void should_list_all_missing_attributes_in_one_reason_when_required_attributes_are_missing() {
        FlexRequest request = flexRequest();
        request.setMessageID(null);
        request.setCongestionPoint(null);

        assertThat(reasons(request)).containsExactly("Invalid Message: missing MessageID, CongestionPoint");
    }

    @Test
    void should_reject_when_the_isp_duration_is_not_the_market_duration() {
        FlexRequest request = flexRequest();
        request.setISPDuration(Duration.ofMinutes(30));

        assertThat(reasons(request)).containsExactly("ISP duration rejected (PT30M, market PT15M)");
    }

    @Test
    void should_accept_when_the_time_zone_has_the_market_offsets_under_another_name() {
        FlexRequest request = flexRequest();
        request.setTimeZone("Europe/Brussels");

        assertThat(reasons(request)).isEmpty();
    }

    @Test
    void should_reject_when_the_time_zone_has_other_offsets_than_the_market() {
        FlexRequest request = flexRequest();
        request.setTimeZone("Europe/London");

        assertThat(reasons(request))
                .containsExactly("TimeZone rejected (Europe/London has other UTC offsets than Europe/Amsterdam on 2026-03-30)");
    }

    @Test
    void should_judge_the_time_zone_per_period_when_a_zone_without_dst_matches_only_in_winter() {
        FlexRequest winter = flexRequest();
        winter.setTimeZone("Africa/Lagos");
        winter.setPeriod(LocalDate.of(2026, 11, 16));
        FlexRequest summer = flexRequest();
        summer.setTimeZone("Africa/Lagos");

        assertThat(reasons(winter)).isEmpty();
        assertThat(reasons(summer))
                .containsExactly("TimeZone rejected (Africa/Lagos has other UTC offsets than Europe/Amsterdam on 2026-03-30)");
    }

    @Test
    void should_reject_when_the_time_zone_switches_on_another_moment_of_the_dst_day() {
        FlexRequest request = flexRequest(LocalDate.of(2026, 3, 29), 92);
        request.setTimeZone("Europe/London");

        assertThat(reasons(request))
                .containsExactly("TimeZone rejected (Europe/London has other UTC offsets than Europe/Amsterdam on 2026-03-29)");
    }

    @Test
    void should_reject_when_the_time_zone_is_unknown() {
        FlexRequest request = flexRequest();
        request.setTimeZone("Europe/Atlantis");

        assertThat(reasons(request)).containsExactly("TimeZone rejected (unknown time zone Europe/Atlantis)");
    }

    @Test
    void should_reject_when_the_congestion_point_is_unknown() {
        context.congestionPoints("ea1.1992-10.com.example:grid-2");

        assertThat(reasons(flexRequest())).containsExactly("Invalid CongestionPoint (ea1.1992-10.com.example:grid-1)");
    }

    @Test
    void should_accept_when_the_congestion_point_is_known() {
        context.congestionPoints(UftpTestMessages.CONGESTION_POINT);

        assertThat(reasons(flexRequest())).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"2026-03-30, 96", "2026-03-29, 92", "2026-10-25, 100"})
    void should_accept_every_isp_of_the_day_when_the_period_has_a_dst_change_or_not(LocalDate period, int isps) {
        assertThat(reasons(flexRequest(period, isps))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "2026-03-30, 97, ISPs out of bounds (ISP 97 > 96 on 2026-03-30)",
            "2026-03-29, 93, ISPs out of bounds (ISP 93 > 92 on 2026-03-29)",
            "2026-10-25, 101, ISPs out of bounds (ISP 101 > 100 on 2026-10-25)"
    })
    void should_reject_when_an_isp_lies_after_the_last_isp_of_the_day(LocalDate period, int lastIsp, String reason) {
        assertThat(reasons(flexRequest(period, lastIsp))).containsExactly(reason);
    }

    @Test
    void should_reject_when_an_isp_starts_before_isp_1() {
        FlexRequest request = flexRequest();
        request.getISPS().add(requestIsp(0, 1, AVAILABLE, -15, 15));

        assertThat(reasons(request)).containsExactly("ISPs out of bounds (Start 0 < 1)");
    }

    @Test
    void should_join_all_reasons_with_a_semicolon_when_several_rules_fail() {
        FlexRequest request = flexRequest();
        request.getISPS().clear();

        ValidationResult result = validate(request);

        assertThat(result.outcome()).isEqualTo(ValidationResult.Outcome.REJECTED);
        assertThat(result.rejectionReason()).contains("ISPs out of bounds (no ISPs); Lacking Requested Disposition");
    }

    @Test
    void should_report_every_failing_rule_when_a_message_has_many_faults() {
        FlexRequest request = flexRequest();
        request.setVersion("4.0.0");
        request.setRecipientDomain("someone-else.example.com");
        request.setISPDuration(Duration.ofMinutes(5));
        request.setTimeZone("America/New_York");

        assertThat(validate(request).rejectionReason()).contains("Invalid Message: unsupported Version 4.0.0"
                + "; Unknown RecipientDomain (someone-else.example.com)"
                + "; ISP duration rejected (PT5M, market PT15M)"
                + "; TimeZone rejected (America/New_York has other UTC offsets than Europe/Amsterdam on 2026-03-30)");
    }

    @Test
    void should_reject_when_an_isp_is_covered_twice() {
        FlexRequest request = flexRequest();
        request.getISPS().add(requestIsp(2, 1, AVAILABLE, -15, 15));

        assertThat(reasons(request)).containsExactly("ISP conflict (ISP 2 defined more than once)");
    }

    @Test
    void should_list_every_conflicting_element_when_several_overlap() {
        FlexRequest request = flexRequest();
        request.getISPS().add(requestIsp(2, 1, AVAILABLE, -15, 15));
        request.getISPS().add(requestIsp(47, 2, AVAILABLE, -15, 15));

        assertThat(reasons(request)).containsExactly("ISP conflict (ISPs 2, 47 defined more than once)");
    }

    @Test
    void should_reject_when_the_period_is_before_today_in_the_market_zone() {
        FlexReservationUpdate update = flexReservationUpdate();
        update.setPeriod(LocalDate.of(2026, 3, 27));

        assertThat(reasons(update)).containsExactly("Period out of bounds (2026-03-27 is before today 2026-03-28)");
    }

    @Test
    void should_accept_when_the_period_is_today() {
        FlexReservationUpdate update = flexReservationUpdate();
        update.setPeriod(LocalDate.of(2026, 3, 28));
        // the ISPs still to come: an update of those that have begun is too late (ReservationDeadlineRule)
        update.getISPS().get(0).setStart(46L);
        update.getISPS().get(0).setDuration(51L);

        assertThat(reasons(update)).isEmpty();
    }

    @Test
    void should_take_today_from_the_market_zone_when_utc_is_still_on_the_previous_day() {
        InMemoryValidationContext lateEvening =
                new InMemoryValidationContext(Clock.fixed(Instant.parse("2026-03-28T23:30:00Z"), ZoneOffset.UTC));
        FlexReservationUpdate update = flexReservationUpdate();
        update.setPeriod(LocalDate.of(2026, 3, 28));

        assertThat(validator.validate(update, null, lateEvening).reasons())
                .containsExactly("Period out of bounds (2026-03-28 is before today 2026-03-29)");
    }

    @Test
    void should_reject_when_the_contract_is_unknown() {
        context.contracts("C-2");

        assertThat(reasons(flexReservationUpdate())).containsExactly("Unknown reference ContractID (C-1)");
    }

    @Test
    void should_name_the_profile_when_a_metering_isp_is_out_of_bounds() {
        Metering metering = metering();
        metering.setSenderDomain(UftpTestMessages.DSO);
        metering.setRecipientDomain(UftpTestMessages.AGR);
        MeteringISPType extra = new MeteringISPType();
        extra.setStart(97L);
        metering.getProfiles().get(0).getISPS().add(extra);

        assertThat(reasons(metering)).containsExactly("ISPs out of bounds (Profile Power: ISP 97 > 96 on 2026-03-27)");
    }

    @Test
    void should_validate_against_the_configured_market_when_it_differs_from_the_default() {
        context.ispDuration(Duration.ofMinutes(30));
        FlexRequest request = flexRequest();
        request.setISPDuration(Duration.ofMinutes(30));
        request.getISPS().set(0, requestIsp(1, 20, AVAILABLE, -15, 15));
        request.getISPS().set(2, requestIsp(25, 24, AVAILABLE, -15, 15));
        request.getISPS().get(1).setStart(21L);
        request.getISPS().get(1).setDuration(4L);

        assertThat(reasons(request)).isEmpty();
    }
}
