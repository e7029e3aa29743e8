package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpTestMessages.flexRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lfenergy.shapeshifter.api.AvailableRequestedType.AVAILABLE;
import static org.lfenergy.shapeshifter.api.AvailableRequestedType.REQUESTED;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestISPType;

class FlexRequestRulesTest extends ValidatorTestSupport {

    private final FlexRequest request = flexRequest();

    @Test
    void should_reject_when_the_expiration_is_in_the_past() {
        request.setExpirationDateTime(OffsetDateTime.parse("2026-03-28T09:00:00Z"));

        assertThat(reasons(request))
                .containsExactly("ExpirationDateTime out of bounds (2026-03-28T09:00Z is in the past)");
    }

    @Test
    void should_reject_when_the_expiration_is_now() {
        request.setExpirationDateTime(OffsetDateTime.parse("2026-03-28T11:00:00+01:00"));

        assertThat(reasons(request))
                .containsExactly("ExpirationDateTime out of bounds (2026-03-28T11:00+01:00 is in the past)");
    }

    @Test
    void should_reject_when_the_expiration_is_after_the_end_of_the_last_listed_isp() {
        request.getISPS().remove(2);
        request.setExpirationDateTime(OffsetDateTime.parse("2026-03-30T10:00:01Z"));

        assertThat(reasons(request)).containsExactly("ExpirationDateTime out of bounds "
                + "(2026-03-30T10:00:01Z is after the end of ISP 48 at 2026-03-30T10:00:00Z)");
    }

    @Test
    void should_accept_when_the_expiration_is_exactly_the_end_of_the_last_listed_isp() {
        request.getISPS().remove(2);
        request.setExpirationDateTime(OffsetDateTime.parse("2026-03-30T12:00:00+02:00"));

        assertThat(reasons(request)).isEmpty();
    }

    @Test
    void should_end_the_last_isp_at_the_next_local_midnight_when_the_period_is_the_spring_dst_day() {
        FlexRequest atEnd = flexRequest(LocalDate.of(2026, 3, 29), 92);
        atEnd.setExpirationDateTime(OffsetDateTime.parse("2026-03-30T00:00:00+02:00"));
        FlexRequest later = flexRequest(LocalDate.of(2026, 3, 29), 92);
        later.setExpirationDateTime(OffsetDateTime.parse("2026-03-30T00:15:00+02:00"));

        assertThat(reasons(atEnd)).isEmpty();
        assertThat(reasons(later)).containsExactly("ExpirationDateTime out of bounds "
                + "(2026-03-30T00:15+02:00 is after the end of ISP 92 at 2026-03-29T22:00:00Z)");
    }

    @Test
    void should_reject_when_no_isp_is_requested() {
        request.getISPS().get(1).setDisposition(AVAILABLE);

        assertThat(reasons(request)).containsExactly("Lacking Requested Disposition");
    }

    @Test
    void should_count_a_missing_disposition_as_available_when_checking_for_requested_isps() {
        request.getISPS().get(1).setDisposition(null);

        assertThat(reasons(request)).containsExactly("Lacking Requested Disposition");
    }

    @Test
    void should_reject_when_a_requested_isp_allows_both_directions() {
        setPowerRange(1, -10, 20);

        assertThat(reasons(request))
                .containsExactly("Requested Power discrepancy (MinPower < 0 and MaxPower > 0 at ISPs 41-48)");
    }

    @Test
    void should_accept_both_directions_when_the_isp_is_only_available() {
        setPowerRange(0, -1000, 1000);

        assertThat(reasons(request)).isEmpty();
    }

    @Test
    void should_accept_a_requested_isp_when_it_has_a_direction_with_a_zero_bound() {
        setPowerRange(1, -3000, 0);

        assertThat(reasons(request)).isEmpty();
    }

    @Test
    void should_reject_when_min_power_exceeds_max_power() {
        setPowerRange(1, 3200, 2000);
        request.getISPS().get(2).setMinPower(20L);

        assertThat(reasons(request)).containsExactly("Power discrepancy (MinPower > MaxPower at ISPs 41-48, 49-96)");
    }

    @Test
    void should_name_a_single_isp_when_one_element_of_one_isp_fails() {
        request.getISPS().get(1).setDuration(7L);
        request.getISPS().add(UftpTestMessages.requestIsp(48, 1, REQUESTED, 10, -10));

        assertThat(reasons(request)).containsExactly("Power discrepancy (MinPower > MaxPower at ISP 48)");
    }

    @Test
    void should_reject_as_subordinate_when_the_revision_equals_an_accepted_one() {
        context.store(revision(3), MessageStatus.ACCEPTED);
        request.setRevision(3);

        assertThat(reasons(request))
                .containsExactly("Subordinate sequence number (Revision 3 is not higher than accepted Revision 3)");
    }

    @Test
    void should_reject_as_subordinate_when_the_revision_is_lower_than_an_accepted_one() {
        context.store(revision(1), MessageStatus.ACCEPTED).store(revision(3), MessageStatus.ACCEPTED);
        request.setRevision(2);

        assertThat(reasons(request))
                .containsExactly("Subordinate sequence number (Revision 2 is not higher than accepted Revision 3)");
    }

    @Test
    void should_accept_when_the_revision_is_higher_than_every_accepted_one() {
        context.store(revision(3), MessageStatus.ACCEPTED).store(revision(7), MessageStatus.REJECTED);
        request.setRevision(4);

        assertThat(reasons(request)).isEmpty();
    }

    @Test
    void should_accept_a_lower_revision_when_the_accepted_one_is_for_another_period() {
        FlexRequest otherDay = revision(9);
        otherDay.setPeriod(LocalDate.of(2026, 3, 31));
        context.store(otherDay, MessageStatus.ACCEPTED);

        assertThat(reasons(request)).isEmpty();
    }

    private void setPowerRange(int element, long minPower, long maxPower) {
        FlexRequestISPType isp = request.getISPS().get(element);
        isp.setMinPower(minPower);
        isp.setMaxPower(maxPower);
    }

    private static FlexRequest revision(long revision) {
        FlexRequest earlier = flexRequest();
        earlier.setRevision(revision);
        return earlier;
    }
}
