package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpMessageType.FLEX_ORDER;

import io.flexhub.usef.time.IspRange;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderISPType;

/**
 * Flexibility cannot be delivered in an ISP that has begun, nor in one starting within the hub's lead time: the
 * devices could not be told in time. A FlexOrder is answered as a whole (UFTP has no partial acceptance), so an
 * order that deviates in such an ISP is rejected, with the spec's reason for a Period that is partly past. ISPs
 * ordered at 0 W ask nothing of the devices and may lie in the past. A past Period is PeriodNotPastRule's.
 */
final class FlexOrderLeadTimeRule implements ValidationRule {

    @Override
    public Set<UftpMessageType> appliesTo() {
        return Set.of(FLEX_ORDER);
    }

    @Override
    public List<String> check(ValidationInput input) {
        FlexOrder order = input.message(FlexOrder.class);
        LocalDate period = order.getPeriod();
        if (period == null || period.isBefore(input.today()) || !input.ispsWellFormed()) {
            return List.of();
        }
        int firstOpen = input.calendar().firstIspAfter(period, input.now().plus(input.context().minLeadTime()));
        SortedSet<Integer> tooLate = new TreeSet<>();
        for (FlexOrderISPType isp : order.getISPS()) {
            if (isp.getPower() == null || isp.getPower() == 0) {
                continue;
            }
            for (int number : input.calendar().expand(period, List.of(IspRange.of(isp.getStart(), isp.getDuration())))) {
                if (number < firstOpen) {
                    tooLate.add(number);
                }
            }
        }
        return tooLate.isEmpty()
                ? List.of()
                : List.of(RejectionReasons.withDetail(RejectionReasons.PERIOD_OUT_OF_BOUNDS,
                        IspNumbers.compact(tooLate) + " of " + period + ": begun, or beginning within the "
                                + input.context().minLeadTime().toMinutes() + " min lead time"));
    }
}
