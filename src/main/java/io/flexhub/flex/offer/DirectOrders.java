package io.flexhub.flex.offer;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import org.lfenergy.shapeshifter.api.AvailableRequestedType;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderISPType;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestISPType;

import io.flexhub.flex.optimizer.FlexOfferSolution;
import io.flexhub.usef.time.IspCalendar;
import io.flexhub.usef.validation.IspNumbers;

/**
 * A direct (unsolicited) FlexOrder as the FlexRequest the offer LP solves for it, and the check of the LP's answer
 * against the ordered powers. The order has passed validation, so its ISPs are within the Period, do not overlap
 * and all order the same direction.
 *
 * <ul>
 * <li>An ISP ordered with a non-zero Power is Requested with MinPower = MaxPower = that Power: the plan has to
 * deliver exactly the order there.</li>
 * <li>An ISP ordered with Power 0 is left out of the request, so every device keeps its baseline in it.</li>
 * <li>An ISP the order does not list, and that has not begun, is Available with room up to the largest ordered
 * |Power| in the opposite direction: load shifted out of (or into) the ordered ISPs has to go somewhere, the order
 * does not say where, and a rebound step no larger than the step the DSO ordered itself is what it can expect.
 * The AGR's next D-Prognosis shows it.</li>
 * </ul>
 *
 * <p>An ordered ISP counts as delivered when the plan's deviation is within 1 % of its Power, and at least within
 * 10 W: settlement compares delivered with ordered power from meter readings, which class-1 meters take to 1 %, so
 * a plan closer than that cannot be told from exact; the floor absorbs the whole-watt rounding of each device's
 * setpoints. Plain Java.
 */
public final class DirectOrders {

    static final double TOLERANCE_SHARE = 0.01;
    static final long TOLERANCE_FLOOR_W = 10;
    /** ISPs whose shortfall a rejection spells out; the rest are only numbered. */
    private static final int SHOWN = 4;

    private DirectOrders() {
    }

    /** The request the order answers; MessageID, ConversationID and sender are the order's. */
    public static FlexRequest request(FlexOrder order, Instant now) {
        IspCalendar calendar = calendar(order);
        int count = calendar.ispCount(order.getPeriod());
        SortedMap<Integer, Long> ordered = orderedPower(order);
        long room = ordered.values().stream().mapToLong(Math::abs).max().orElse(0L);
        FlexRequest request = new FlexRequest();
        request.setVersion(order.getVersion());
        request.setSenderDomain(order.getSenderDomain());
        request.setRecipientDomain(order.getRecipientDomain());
        request.setTimeStamp(order.getTimeStamp());
        request.setMessageID(order.getMessageID());
        request.setConversationID(order.getConversationID());
        request.setISPDuration(order.getISPDuration());
        request.setTimeZone(order.getTimeZone());
        request.setPeriod(order.getPeriod());
        request.setCongestionPoint(order.getCongestionPoint());
        request.setContractID(order.getContractID());
        request.setServiceType(order.getServiceType());
        for (int isp = 1; isp <= count; isp++) {
            Long power = ordered.get(isp);
            if (power != null && power != 0) {
                request.getISPS().add(isp(isp, AvailableRequestedType.REQUESTED, power, power));
            } else if (power == null && calendar.ispStart(order.getPeriod(), isp).isAfter(now)) {
                request.getISPS().add(isp(isp, AvailableRequestedType.AVAILABLE, -room, room));
            }
        }
        return request;
    }

    /** Ordered ISPs with a non-zero Power that have already begun: too late for any device. */
    public static Optional<String> begun(FlexOrder order, Instant now) {
        int firstOpen = calendar(order).firstIspAfter(order.getPeriod(), now);
        SortedSet<Integer> begun = new TreeSet<>();
        orderedPower(order).forEach((isp, power) -> {
            if (power != 0 && isp < firstOpen) {
                begun.add(isp);
            }
        });
        return begun.isEmpty() ? Optional.empty()
                : Optional.of(IspNumbers.compact(begun) + " began before the order could be planned");
    }

    /**
     * @return empty when the plan delivers every ordered ISP within the tolerance, otherwise the ISPs it misses with
     *         what it can deliver there
     */
    public static Optional<String> undelivered(FlexOrder order, FlexOfferSolution solution) {
        long[] planned = solution.offerPowerW();
        SortedSet<Integer> missed = new TreeSet<>();
        List<String> detail = new ArrayList<>();
        orderedPower(order).forEach((isp, power) -> {
            long plan = planned[isp - 1];
            if (Math.abs(plan - power) > tolerance(power)) {
                missed.add(isp);
                if (detail.size() < SHOWN) {
                    detail.add("ISP " + isp + " " + plan + " of " + power + " W");
                }
            }
        });
        if (missed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(IspNumbers.compact(missed) + " cannot be delivered by the devices (best plan: "
                + String.join(", ", detail) + (missed.size() > SHOWN ? ", ..." : "") + ")");
    }

    static long tolerance(long orderedW) {
        return Math.max(TOLERANCE_FLOOR_W, Math.round(Math.abs(orderedW) * TOLERANCE_SHARE));
    }

    /** Ordered Power per ISP number of the Period, the ISP elements' Durations expanded. */
    static SortedMap<Integer, Long> orderedPower(FlexOrder order) {
        SortedMap<Integer, Long> power = new TreeMap<>();
        for (FlexOrderISPType isp : order.getISPS()) {
            long duration = isp.getDuration();
            for (long n = isp.getStart(); n < isp.getStart() + duration; n++) {
                power.put(Math.toIntExact(n), isp.getPower());
            }
        }
        return power;
    }

    private static IspCalendar calendar(FlexOrder order) {
        return new IspCalendar(ZoneId.of(order.getTimeZone()), order.getISPDuration());
    }

    private static FlexRequestISPType isp(int start, AvailableRequestedType disposition, long min, long max) {
        FlexRequestISPType isp = new FlexRequestISPType();
        isp.setStart((long) start);
        isp.setDuration(1L);
        isp.setDisposition(disposition);
        isp.setMinPower(min);
        isp.setMaxPower(max);
        return isp;
    }
}
