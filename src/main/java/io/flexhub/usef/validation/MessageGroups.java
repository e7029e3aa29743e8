package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpMessageType.AGR_PORTFOLIO_QUERY_RESPONSE;
import static io.flexhub.usef.validation.UftpMessageType.D_PROGNOSIS;
import static io.flexhub.usef.validation.UftpMessageType.FLEX_OFFER;
import static io.flexhub.usef.validation.UftpMessageType.FLEX_ORDER;
import static io.flexhub.usef.validation.UftpMessageType.FLEX_REQUEST;
import static io.flexhub.usef.validation.UftpMessageType.FLEX_RESERVATION_UPDATE;
import static io.flexhub.usef.validation.UftpMessageType.FLEX_SETTLEMENT;
import static io.flexhub.usef.validation.UftpMessageType.METERING;

import java.util.EnumSet;
import java.util.Set;

/** Message types that share attributes, for the rules' applicability tables. */
final class MessageGroups {

    static final Set<UftpMessageType> ALL = EnumSet.allOf(UftpMessageType.class);

    /** Subclasses of FlexMessageType: ISP-Duration, TimeZone, Period, CongestionPoint. */
    static final Set<UftpMessageType> FLEX_MESSAGES =
            EnumSet.of(FLEX_REQUEST, FLEX_OFFER, FLEX_ORDER, FLEX_RESERVATION_UPDATE, D_PROGNOSIS);

    static final Set<UftpMessageType> WITH_ISP_DURATION = union(FLEX_MESSAGES, METERING);

    static final Set<UftpMessageType> WITH_TIME_ZONE = union(FLEX_MESSAGES, METERING, AGR_PORTFOLIO_QUERY_RESPONSE);

    static final Set<UftpMessageType> WITH_ISPS = union(FLEX_MESSAGES, METERING, FLEX_SETTLEMENT);

    static final Set<UftpMessageType> WITH_CONGESTION_POINT = union(FLEX_MESSAGES, FLEX_SETTLEMENT);

    private MessageGroups() {
    }

    private static Set<UftpMessageType> union(Set<UftpMessageType> base, UftpMessageType... more) {
        EnumSet<UftpMessageType> union = EnumSet.copyOf(base);
        union.addAll(Set.of(more));
        return Set.copyOf(union);
    }
}
