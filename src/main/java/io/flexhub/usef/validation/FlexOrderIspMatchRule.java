package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpMessageType.FLEX_ORDER;

import io.flexhub.usef.time.IspCalendar;
import io.flexhub.usef.time.IspRange;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexOfferOptionISPType;
import org.lfenergy.shapeshifter.api.FlexOfferOptionType;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderISPType;

/**
 * The ordered ISPs must be exactly the ISPs of the chosen option ("AGR implementations will (and must) reject
 * FlexOrder messages where the ISP list is not exactly the same as offered"), compared per ISP so that one
 * element with Duration 4 equals four single elements, and each ordered Power must be the offered Power x
 * ActivationFactor.
 *
 * <p>Powers are whole watts and the spec names no rounding mode, so an ordered Power less than 1 W away from the
 * exact product is accepted (rounded down, up or half-up); with factor 1.00 that means exactly the offered Power.
 */
final class FlexOrderIspMatchRule implements ValidationRule {

    @Override
    public Set<UftpMessageType> appliesTo() {
        return Set.of(FLEX_ORDER);
    }

    @Override
    public List<String> check(ValidationInput input) {
        FlexOrder order = input.message(FlexOrder.class);
        if (!input.ispsWellFormed() || order.getPeriod() == null) {
            return List.of();
        }
        return OrderedOffer.find(input)
                .map(stored -> stored.payload(FlexOffer.class))
                // Another Period makes every ISP differ; ReferencePeriodRule reports that once.
                .filter(offer -> order.getPeriod().equals(offer.getPeriod()))
                .flatMap(offer -> OrderedOffer.chosenOption(order, offer))
                .map(option -> check(input.calendar(), order, option))
                .orElse(List.of());
    }

    private static List<String> check(IspCalendar calendar, FlexOrder order, FlexOfferOptionType option) {
        LocalDate period = order.getPeriod();
        int ispCount = calendar.ispCount(period);
        if (!IspList.optionRanges(option).stream().allMatch(range -> range.isWithin(ispCount))) {
            return List.of();
        }
        SortedMap<Integer, Long> ordered = powerPerIsp(calendar, period, order.getISPS(),
                isp -> IspRange.of(isp.getStart(), isp.getDuration()), FlexOrderISPType::getPower);
        SortedMap<Integer, Long> offered = powerPerIsp(calendar, period, option.getISPS(),
                isp -> IspRange.of(isp.getStart(), isp.getDuration()), FlexOfferOptionISPType::getPower);

        List<String> reasons = new ArrayList<>();
        SortedSet<Integer> missing = new TreeSet<>(offered.keySet());
        missing.removeAll(ordered.keySet());
        SortedSet<Integer> unexpected = new TreeSet<>(ordered.keySet());
        unexpected.removeAll(offered.keySet());
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            List<String> details = new ArrayList<>();
            if (!missing.isEmpty()) {
                details.add("not ordered: " + IspNumbers.compact(missing));
            }
            if (!unexpected.isEmpty()) {
                details.add("not offered: " + IspNumbers.compact(unexpected));
            }
            reasons.add(RejectionReasons.withDetail(RejectionReasons.ISP_MISMATCH, String.join("; ", details)));
        }

        BigDecimal factor = order.getActivationFactor();
        SortedSet<Integer> wrongPower = new TreeSet<>();
        for (Map.Entry<Integer, Long> entry : ordered.entrySet()) {
            Long offeredPower = offered.get(entry.getKey());
            if (offeredPower != null && !matchesScaled(entry.getValue(), offeredPower, factor)) {
                wrongPower.add(entry.getKey());
            }
        }
        if (!wrongPower.isEmpty()) {
            reasons.add(RejectionReasons.withDetail(RejectionReasons.POWER_MISMATCH,
                    IspNumbers.compact(wrongPower) + " not offered Power x ActivationFactor "
                            + factor.toPlainString()));
        }
        return reasons;
    }

    private static boolean matchesScaled(Long orderedPower, long offeredPower, BigDecimal factor) {
        if (orderedPower == null) {
            return false;
        }
        BigDecimal exact = BigDecimal.valueOf(offeredPower).multiply(factor);
        return BigDecimal.valueOf(orderedPower).subtract(exact).abs().compareTo(BigDecimal.ONE) < 0;
    }

    private static <T> SortedMap<Integer, Long> powerPerIsp(IspCalendar calendar, LocalDate period, List<T> isps,
            Function<T, IspRange> range, Function<T, Long> power) {
        SortedMap<Integer, Long> result = new TreeMap<>();
        for (T isp : isps) {
            for (int number : calendar.expand(period, List.of(range.apply(isp)))) {
                result.put(number, power.apply(isp));
            }
        }
        return result;
    }
}
