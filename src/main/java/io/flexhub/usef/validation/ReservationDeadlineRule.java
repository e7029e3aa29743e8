package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpMessageType.FLEX_RESERVATION_UPDATE;

import io.flexhub.usef.time.IspRange;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.lfenergy.shapeshifter.api.FlexReservationUpdate;
import org.lfenergy.shapeshifter.api.FlexReservationUpdateISPType;

/**
 * A reservation can be released only before its ISP starts: the spec allows rejecting an update whose deadline has
 * passed. The contract may set an earlier deadline, but the hub keeps no contract terms, so the ISP start is the
 * deadline it can check. A past Period is PeriodNotPastRule's.
 */
final class ReservationDeadlineRule implements ValidationRule {

    @Override
    public Set<UftpMessageType> appliesTo() {
        return Set.of(FLEX_RESERVATION_UPDATE);
    }

    @Override
    public List<String> check(ValidationInput input) {
        FlexReservationUpdate update = input.message(FlexReservationUpdate.class);
        LocalDate period = update.getPeriod();
        if (period == null || !period.equals(input.today()) || !input.ispsWellFormed()) {
            return List.of();
        }
        SortedSet<Integer> begun = new TreeSet<>();
        for (FlexReservationUpdateISPType isp : update.getISPS()) {
            for (int number : input.calendar().expand(period, List.of(IspRange.of(isp.getStart(), isp.getDuration())))) {
                if (!input.calendar().ispStart(period, number).isAfter(input.now())) {
                    begun.add(number);
                }
            }
        }
        return begun.isEmpty()
                ? List.of()
                : List.of(RejectionReasons.withDetail(RejectionReasons.PERIOD_OUT_OF_BOUNDS,
                        IspNumbers.compact(begun) + " of " + period + " have begun"));
    }
}
