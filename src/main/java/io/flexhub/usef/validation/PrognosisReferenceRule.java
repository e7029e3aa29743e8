package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpMessageType.FLEX_OFFER;
import static io.flexhub.usef.validation.UftpMessageType.FLEX_ORDER;
import static io.flexhub.usef.validation.UftpMessageType.FLEX_SETTLEMENT;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.lfenergy.shapeshifter.api.DPrognosis;
import org.lfenergy.shapeshifter.api.FlexMessageType;
import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderSettlementType;
import org.lfenergy.shapeshifter.api.FlexSettlement;

/**
 * A D-PrognosisMessageID names the D-Prognosis that is the baseline of the flexibility: one exchanged with the
 * sender, for the same congestion point and day. A D-Prognosis opens a conversation of its own, so it is looked up
 * by MessageID across conversations (shapeshifter-library-java looks in the referring message's conversation,
 * where it can never be).
 */
final class PrognosisReferenceRule implements ValidationRule {

    private record Reference(String label, String messageId, String congestionPoint, LocalDate period) {
    }

    @Override
    public Set<UftpMessageType> appliesTo() {
        return Set.of(FLEX_OFFER, FLEX_ORDER, FLEX_SETTLEMENT);
    }

    @Override
    public List<String> check(ValidationInput input) {
        List<String> reasons = new ArrayList<>();
        for (Reference reference : references(input)) {
            Optional<DPrognosis> prognosis = input.context()
                    .findDPrognosis(input.message().getSenderDomain(), reference.messageId())
                    .filter(stored -> stored.type() == UftpMessageType.D_PROGNOSIS)
                    .map(stored -> stored.payload(DPrognosis.class));
            if (prognosis.isEmpty()) {
                reasons.add(RejectionReasons.unknownReference("D-PrognosisMessageID",
                        detail(reference, reference.messageId())));
                continue;
            }
            if (reference.period() != null && !reference.period().equals(prognosis.get().getPeriod())) {
                reasons.add(RejectionReasons.withDetail(RejectionReasons.REFERENCE_PERIOD_MISMATCH,
                        detail(reference, reference.period() + ", D-Prognosis has " + prognosis.get().getPeriod())));
            }
            if (reference.congestionPoint() != null
                    && !Objects.equals(reference.congestionPoint(), prognosis.get().getCongestionPoint())) {
                reasons.add(RejectionReasons.withDetail(RejectionReasons.CONGESTION_POINT_MISMATCH,
                        detail(reference, reference.congestionPoint() + ", D-Prognosis has "
                                + prognosis.get().getCongestionPoint())));
            }
        }
        return reasons;
    }

    private static String detail(Reference reference, String text) {
        return reference.label() == null ? text : reference.label() + ": " + text;
    }

    private static List<Reference> references(ValidationInput input) {
        List<Reference> references = new ArrayList<>();
        if (input.message() instanceof FlexOrder order) {
            add(references, null, order.getDPrognosisMessageID(), order);
        } else if (input.message() instanceof FlexOffer offer) {
            add(references, null, offer.getDPrognosisMessageID(), offer);
        } else if (input.message() instanceof FlexSettlement settlement) {
            for (FlexOrderSettlementType item : settlement.getFlexOrderSettlements()) {
                if (MessageAttributes.isPresent(item.getDPrognosisMessageID())) {
                    references.add(new Reference("FlexOrderSettlement " + item.getOrderReference(),
                            item.getDPrognosisMessageID(), item.getCongestionPoint(), item.getPeriod()));
                }
            }
        }
        return references;
    }

    private static void add(List<Reference> references, String label, String messageId, FlexMessageType message) {
        if (MessageAttributes.isPresent(messageId)) {
            references.add(new Reference(label, messageId, message.getCongestionPoint(), message.getPeriod()));
        }
    }
}
