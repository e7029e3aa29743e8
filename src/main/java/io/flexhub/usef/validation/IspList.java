package io.flexhub.usef.validation;

import io.flexhub.usef.time.IspCalendar;
import io.flexhub.usef.time.IspRange;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.lfenergy.shapeshifter.api.ContractSettlementISPType;
import org.lfenergy.shapeshifter.api.ContractSettlementPeriodType;
import org.lfenergy.shapeshifter.api.ContractSettlementType;
import org.lfenergy.shapeshifter.api.DPrognosis;
import org.lfenergy.shapeshifter.api.DPrognosisISPType;
import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexOfferOptionISPType;
import org.lfenergy.shapeshifter.api.FlexOfferOptionType;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderISPType;
import org.lfenergy.shapeshifter.api.FlexOrderSettlementISPType;
import org.lfenergy.shapeshifter.api.FlexOrderSettlementType;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestISPType;
import org.lfenergy.shapeshifter.api.FlexReservationUpdate;
import org.lfenergy.shapeshifter.api.FlexReservationUpdateISPType;
import org.lfenergy.shapeshifter.api.FlexSettlement;
import org.lfenergy.shapeshifter.api.Metering;
import org.lfenergy.shapeshifter.api.MeteringProfileType;
import org.lfenergy.shapeshifter.api.PayloadMessageType;

/**
 * One list of ISP elements that must cover distinct ISPs of one Period. Most messages have one; a FlexOffer has
 * one per option, Metering one per profile and a FlexSettlement one per settled order or contract period.
 *
 * @param label names the list in reasons where a message has several; null where it has one
 */
record IspList(String label, LocalDate period, List<IspRange> ranges) {

    static List<IspList> of(PayloadMessageType message) {
        if (message instanceof FlexRequest m) {
            return List.of(unlabelled(m.getPeriod(),
                    ranges(m.getISPS(), FlexRequestISPType::getStart, FlexRequestISPType::getDuration)));
        }
        if (message instanceof FlexOrder m) {
            return List.of(unlabelled(m.getPeriod(),
                    ranges(m.getISPS(), FlexOrderISPType::getStart, FlexOrderISPType::getDuration)));
        }
        if (message instanceof FlexReservationUpdate m) {
            return List.of(unlabelled(m.getPeriod(), ranges(m.getISPS(),
                    FlexReservationUpdateISPType::getStart, FlexReservationUpdateISPType::getDuration)));
        }
        if (message instanceof DPrognosis m) {
            return List.of(unlabelled(m.getPeriod(),
                    ranges(m.getISPS(), DPrognosisISPType::getStart, DPrognosisISPType::getDuration)));
        }
        if (message instanceof FlexOffer m) {
            return m.getOfferOptions().stream()
                    .map(option -> new IspList("OfferOption " + option.getOptionReference(), m.getPeriod(),
                            optionRanges(option)))
                    .toList();
        }
        if (message instanceof Metering m) {
            return m.getProfiles().stream().map(profile -> meteringList(m.getPeriod(), profile)).toList();
        }
        if (message instanceof FlexSettlement m) {
            return settlementLists(m);
        }
        return List.of();
    }

    static List<IspRange> optionRanges(FlexOfferOptionType option) {
        return ranges(option.getISPS(), FlexOfferOptionISPType::getStart, FlexOfferOptionISPType::getDuration);
    }

    static List<IspRange> orderRanges(FlexOrder order) {
        return ranges(order.getISPS(), FlexOrderISPType::getStart, FlexOrderISPType::getDuration);
    }

    /** The first element outside the Period, as reason detail; also "no ISPs" since at least one is required. */
    Optional<String> outOfBounds(IspCalendar calendar) {
        if (ranges.isEmpty()) {
            return Optional.of(detail("no ISPs"));
        }
        if (period == null) {
            return Optional.empty();
        }
        int count = calendar.ispCount(period);
        for (IspRange range : ranges) {
            if (range.start() < 1) {
                return Optional.of(detail("Start " + range.start() + " < 1"));
            }
            if (range.duration() < 1) {
                return Optional.of(detail("Duration " + range.duration() + " < 1 at ISP " + range.start()));
            }
            if (range.last() > count) {
                return Optional.of(detail("ISP " + range.last() + " > " + count + " on " + period));
            }
        }
        return Optional.empty();
    }

    /** Start of each element that covers an ISP an earlier element (by Start) already covers. */
    List<Long> conflicts() {
        List<IspRange> sorted = ranges.stream()
                .filter(range -> range.duration() >= 1)
                .sorted(Comparator.comparingLong(IspRange::start))
                .toList();
        List<Long> conflicts = new ArrayList<>();
        long coveredUpTo = Long.MIN_VALUE;
        for (IspRange range : sorted) {
            if (range.start() <= coveredUpTo) {
                conflicts.add(range.start());
            }
            coveredUpTo = Math.max(coveredUpTo, range.last());
        }
        return conflicts;
    }

    String detail(String text) {
        return label == null ? text : label + ": " + text;
    }

    private static IspList unlabelled(LocalDate period, List<IspRange> ranges) {
        return new IspList(null, period, ranges);
    }

    private static IspList meteringList(LocalDate period, MeteringProfileType profile) {
        List<IspRange> ranges = profile.getISPS().stream().map(isp -> IspRange.of(isp.getStart(), 1)).toList();
        String type = profile.getProfileType() == null ? "?" : profile.getProfileType().value();
        return new IspList("Profile " + type, period, ranges);
    }

    private static List<IspList> settlementLists(FlexSettlement settlement) {
        List<IspList> lists = new ArrayList<>();
        for (FlexOrderSettlementType order : settlement.getFlexOrderSettlements()) {
            lists.add(new IspList("FlexOrderSettlement " + order.getOrderReference(), order.getPeriod(),
                    ranges(order.getISPS(), FlexOrderSettlementISPType::getStart,
                            FlexOrderSettlementISPType::getDuration)));
        }
        for (ContractSettlementType contract : settlement.getContractSettlements()) {
            for (ContractSettlementPeriodType period : contract.getPeriods()) {
                lists.add(new IspList("ContractSettlement " + contract.getContractID(),
                        period.getPeriod(), ranges(period.getISPS(), ContractSettlementISPType::getStart,
                                ContractSettlementISPType::getDuration)));
            }
        }
        return lists;
    }

    private static <T> List<IspRange> ranges(List<T> isps, Function<T, Long> start, ToLongFunction<T> duration) {
        return isps.stream().map(isp -> IspRange.of(start.apply(isp), duration.applyAsLong(isp))).toList();
    }
}
