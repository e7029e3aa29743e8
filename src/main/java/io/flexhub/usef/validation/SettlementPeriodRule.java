package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpMessageType.FLEX_SETTLEMENT;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.lfenergy.shapeshifter.api.FlexSettlement;

/** The settlement period must be a range, and every settled day must lie within it. */
final class SettlementPeriodRule implements ValidationRule {

    @Override
    public Set<UftpMessageType> appliesTo() {
        return Set.of(FLEX_SETTLEMENT);
    }

    @Override
    public List<String> check(ValidationInput input) {
        FlexSettlement settlement = input.message(FlexSettlement.class);
        LocalDate start = settlement.getPeriodStart();
        LocalDate end = settlement.getPeriodEnd();
        if (start == null || end == null) {
            return List.of(RejectionReasons.invalidMessage("missing PeriodStart or PeriodEnd"));
        }
        if (start.isAfter(end)) {
            return List.of(RejectionReasons.withDetail(RejectionReasons.PERIOD_OUT_OF_BOUNDS,
                    "PeriodStart " + start + " is after PeriodEnd " + end));
        }
        return input.ispLists().stream()
                .filter(item -> item.period() != null)
                .filter(item -> item.period().isBefore(start) || item.period().isAfter(end))
                .map(item -> RejectionReasons.withDetail(RejectionReasons.PERIOD_OUT_OF_BOUNDS,
                        item.detail("Period " + item.period() + " is outside " + start + ".." + end)))
                .toList();
    }
}
