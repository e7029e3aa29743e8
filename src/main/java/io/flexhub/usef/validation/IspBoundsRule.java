package io.flexhub.usef.validation;

import java.util.List;
import java.util.Set;

/** At least one ISP, none before ISP 1 or after the last ISP of the Period (92, 96 or 100 at PT15M). */
final class IspBoundsRule implements ValidationRule {

    @Override
    public Set<UftpMessageType> appliesTo() {
        return MessageGroups.WITH_ISPS;
    }

    @Override
    public List<String> check(ValidationInput input) {
        return input.ispLists().stream()
                .flatMap(list -> list.outOfBounds(input.calendar()).stream())
                .map(detail -> RejectionReasons.withDetail(RejectionReasons.ISPS_OUT_OF_BOUNDS, detail))
                .toList();
    }
}
