package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpMessageType.FLEX_REQUEST;

import io.flexhub.usef.time.IspRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.lfenergy.shapeshifter.api.AvailableRequestedType;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestISPType;

/**
 * The FlexRequest checks of the spec's validate phase. MinPower/MaxPower bound the requested deviation from the
 * baseline, so a Requested ISP must have a direction (not MinPower &lt; 0 and MaxPower &gt; 0) and a non-empty
 * range. A missing Disposition (optional in the XSD) counts as Available.
 */
final class FlexRequestPowerRule implements ValidationRule {

    @Override
    public Set<UftpMessageType> appliesTo() {
        return Set.of(FLEX_REQUEST);
    }

    @Override
    public List<String> check(ValidationInput input) {
        List<FlexRequestISPType> isps = input.message(FlexRequest.class).getISPS();
        List<String> reasons = new ArrayList<>();
        if (isps.stream().noneMatch(FlexRequestPowerRule::isRequested)) {
            reasons.add(RejectionReasons.LACKING_REQUESTED_DISPOSITION);
        }
        offending(isps, isp -> isRequested(isp) && hasNoDirection(isp)).ifPresent(where -> reasons.add(
                RejectionReasons.withDetail(RejectionReasons.REQUESTED_POWER_DISCREPANCY,
                        "MinPower < 0 and MaxPower > 0 at " + where)));
        offending(isps, FlexRequestPowerRule::isInverted).ifPresent(where -> reasons.add(
                RejectionReasons.withDetail(RejectionReasons.POWER_DISCREPANCY, "MinPower > MaxPower at " + where)));
        return reasons;
    }

    private static boolean isRequested(FlexRequestISPType isp) {
        return isp.getDisposition() == AvailableRequestedType.REQUESTED;
    }

    private static boolean hasNoDirection(FlexRequestISPType isp) {
        return isp.getMinPower() != null && isp.getMaxPower() != null && isp.getMinPower() < 0
                && isp.getMaxPower() > 0;
    }

    private static boolean isInverted(FlexRequestISPType isp) {
        return isp.getMinPower() != null && isp.getMaxPower() != null && isp.getMinPower() > isp.getMaxPower();
    }

    private static Optional<String> offending(List<FlexRequestISPType> isps,
            Predicate<FlexRequestISPType> condition) {
        List<String> labels = isps.stream()
                .filter(condition)
                .map(isp -> IspRange.of(isp.getStart(), isp.getDuration()).label())
                .toList();
        if (labels.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(IspNumbers.labels(labels));
    }
}
