package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpMessageType.FLEX_RESERVATION_UPDATE;

import io.flexhub.usef.time.IspRange;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.lfenergy.shapeshifter.api.FlexReservationUpdate;
import org.lfenergy.shapeshifter.api.FlexReservationUpdateISPType;

/**
 * A FlexReservationUpdate "can only reduce the amount of power that the AGR is obliged to offer": per ISP the
 * remaining reservation may shrink towards 0 in its direction, never grow or change direction. The hub learns a
 * reservation only from the updates it accepted (the original is agreed bilaterally, outside UFTP), so an update is
 * compared with what earlier accepted updates with the same Reference left reserved for that ISP; the first update
 * of a Reference, and ISPs no earlier update named, cannot be checked.
 */
final class ReservationIncreaseRule implements ValidationRule {

    @Override
    public Set<UftpMessageType> appliesTo() {
        return Set.of(FLEX_RESERVATION_UPDATE);
    }

    @Override
    public List<String> check(ValidationInput input) {
        FlexReservationUpdate update = input.message(FlexReservationUpdate.class);
        LocalDate period = update.getPeriod();
        if (period == null || update.getCongestionPoint() == null || !MessageAttributes.isPresent(update.getReference())
                || !input.ispsWellFormed()) {
            return List.of();
        }
        Map<Integer, Long> reserved = new HashMap<>();
        input.context().acceptedReservationUpdates(update.getSenderDomain(), update.getCongestionPoint(), period)
                .stream()
                .map(stored -> stored.payload(FlexReservationUpdate.class))
                .filter(earlier -> Objects.equals(earlier.getReference(), update.getReference()))
                .forEach(earlier -> reserved.putAll(powerPerIsp(input, earlier)));
        SortedSet<Integer> increased = new TreeSet<>();
        powerPerIsp(input, update).forEach((isp, power) -> {
            Long before = reserved.get(isp);
            if (before != null && !reduces(before, power)) {
                increased.add(isp);
            }
        });
        return increased.isEmpty()
                ? List.of()
                : List.of(RejectionReasons.withDetail(RejectionReasons.RESERVATION_INCREASE,
                        IspNumbers.compact(increased) + " above what Reference " + update.getReference()
                                + " left reserved"));
    }

    private static boolean reduces(long before, long after) {
        return after == 0 || Long.signum(after) == Long.signum(before) && Math.abs(after) <= Math.abs(before);
    }

    private static Map<Integer, Long> powerPerIsp(ValidationInput input, FlexReservationUpdate update) {
        Map<Integer, Long> power = new HashMap<>();
        for (FlexReservationUpdateISPType isp : update.getISPS()) {
            for (int number : input.calendar().expand(update.getPeriod(),
                    List.of(IspRange.of(isp.getStart(), isp.getDuration())))) {
                power.put(number, isp.getPower());
            }
        }
        return power;
    }
}
