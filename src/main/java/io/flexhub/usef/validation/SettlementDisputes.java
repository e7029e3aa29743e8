package io.flexhub.usef.validation;

import io.flexhub.usef.time.IspCalendar;
import io.flexhub.usef.time.IspRange;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderISPType;
import org.lfenergy.shapeshifter.api.FlexOrderSettlementISPType;
import org.lfenergy.shapeshifter.api.FlexOrderSettlementType;
import org.lfenergy.shapeshifter.api.FlexSettlement;

/**
 * Where an accepted FlexSettlement disagrees with the orders the hub accepted: the spec answers such a settlement
 * Accepted with the order Disputed and a DisputeReason, not Rejected. The hub compares what it knows of the order
 * (that it was placed, where, at which price and power); delivery and penalties it leaves to the DSO's metering.
 * Items without an OrderReference settle a contract rather than an order and are never disputed here.
 */
public final class SettlementDisputes {

    private SettlementDisputes() {
    }

    /** DisputeReason per OrderReference of the settled orders the hub disputes; empty when it agrees. */
    public static Map<String, String> of(FlexSettlement settlement, UftpValidationContext context) {
        IspCalendar calendar = new IspCalendar(context.marketTimeZone(), context.ispDuration());
        Map<String, String> disputes = new LinkedHashMap<>();
        for (FlexOrderSettlementType item : settlement.getFlexOrderSettlements()) {
            String reference = item.getOrderReference();
            if (!MessageAttributes.isPresent(reference)) {
                continue;
            }
            Optional<FlexOrder> order = context
                    .findFlexOrderByOrderReference(settlement.getSenderDomain(), reference)
                    .filter(stored -> stored.type() == UftpMessageType.FLEX_ORDER)
                    .map(stored -> stored.payload(FlexOrder.class));
            List<String> reasons = order.isEmpty()
                    ? List.of("no FlexOrder with OrderReference " + reference + " was accepted")
                    : differences(calendar, item, order.get());
            if (!reasons.isEmpty()) {
                disputes.merge(reference, String.join("; ", reasons), (a, b) -> a + "; " + b);
            }
        }
        return disputes;
    }

    private static List<String> differences(IspCalendar calendar, FlexOrderSettlementType item, FlexOrder order) {
        List<String> reasons = new ArrayList<>();
        if (!Objects.equals(item.getCongestionPoint(), order.getCongestionPoint())) {
            reasons.add("CongestionPoint " + item.getCongestionPoint() + ", the FlexOrder has "
                    + order.getCongestionPoint());
        }
        if (item.getPrice() != null && order.getPrice() != null && item.getPrice().compareTo(order.getPrice()) != 0) {
            reasons.add("Price " + item.getPrice().toPlainString() + ", the FlexOrder has "
                    + order.getPrice().toPlainString());
        }
        // another day is a Reference Period mismatch, rejected by SettlementOrderRule
        if (Objects.equals(item.getPeriod(), order.getPeriod())) {
            SortedSet<Integer> differing = differingOrderedPower(calendar, order.getPeriod(), item, order);
            if (!differing.isEmpty()) {
                reasons.add("OrderedFlexPower differs from the FlexOrder in " + IspNumbers.compact(differing));
            }
        }
        return reasons;
    }

    /** ISPs absent from one side count as 0 W there: a settlement may list only the ordered ISPs, or all of them. */
    private static SortedSet<Integer> differingOrderedPower(IspCalendar calendar, LocalDate period,
            FlexOrderSettlementType item, FlexOrder order) {
        Map<Integer, Long> settled = new HashMap<>();
        for (FlexOrderSettlementISPType isp : item.getISPS()) {
            for (int number : calendar.expand(period, List.of(IspRange.of(isp.getStart(), isp.getDuration())))) {
                settled.put(number, isp.getOrderedFlexPower());
            }
        }
        Map<Integer, Long> ordered = new HashMap<>();
        for (FlexOrderISPType isp : order.getISPS()) {
            for (int number : calendar.expand(period, List.of(IspRange.of(isp.getStart(), isp.getDuration())))) {
                ordered.put(number, isp.getPower());
            }
        }
        SortedSet<Integer> differing = new TreeSet<>();
        SortedSet<Integer> all = new TreeSet<>(settled.keySet());
        all.addAll(ordered.keySet());
        for (int number : all) {
            if (settled.getOrDefault(number, 0L).longValue() != ordered.getOrDefault(number, 0L).longValue()) {
                differing.add(number);
            }
        }
        return differing;
    }
}
