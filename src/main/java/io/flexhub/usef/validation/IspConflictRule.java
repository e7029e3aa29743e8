package io.flexhub.usef.validation;

import java.util.List;
import java.util.Set;

/** "Each ISP in a period may only be addressed once", also when elements cover several ISPs via Duration. */
final class IspConflictRule implements ValidationRule {

    @Override
    public Set<UftpMessageType> appliesTo() {
        return MessageGroups.WITH_ISPS;
    }

    @Override
    public List<String> check(ValidationInput input) {
        return input.ispLists().stream()
                .filter(list -> !list.conflicts().isEmpty())
                .map(list -> RejectionReasons.withDetail(RejectionReasons.ISP_CONFLICT, list.detail(text(list))))
                .toList();
    }

    private static String text(IspList list) {
        return IspNumbers.labels(list.conflicts().stream().map(String::valueOf).toList()) + " defined more than once";
    }
}
