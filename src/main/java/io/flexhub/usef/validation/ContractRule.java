package io.flexhub.usef.validation;

import static io.flexhub.usef.validation.UftpMessageType.FLEX_ORDER;
import static io.flexhub.usef.validation.UftpMessageType.FLEX_REQUEST;
import static io.flexhub.usef.validation.UftpMessageType.FLEX_RESERVATION_UPDATE;
import static io.flexhub.usef.validation.UftpMessageType.FLEX_SETTLEMENT;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lfenergy.shapeshifter.api.ContractSettlementType;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderSettlementType;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexReservationUpdate;
import org.lfenergy.shapeshifter.api.FlexSettlement;
import org.lfenergy.shapeshifter.api.PayloadMessageType;

final class ContractRule implements ValidationRule {

    @Override
    public Set<UftpMessageType> appliesTo() {
        return Set.of(FLEX_REQUEST, FLEX_ORDER, FLEX_RESERVATION_UPDATE, FLEX_SETTLEMENT);
    }

    @Override
    public List<String> check(ValidationInput input) {
        String sender = input.message().getSenderDomain();
        return contractIds(input.message()).stream()
                .distinct()
                .filter(id -> !input.context().isKnownContract(sender, id))
                .map(id -> RejectionReasons.unknownReference("ContractID", id))
                .toList();
    }

    private static List<String> contractIds(PayloadMessageType message) {
        List<String> ids = new ArrayList<>();
        if (message instanceof FlexRequest m) {
            ids.add(m.getContractID());
        } else if (message instanceof FlexOrder m) {
            ids.add(m.getContractID());
        } else if (message instanceof FlexReservationUpdate m) {
            ids.add(m.getContractID());
        } else if (message instanceof FlexSettlement m) {
            m.getFlexOrderSettlements().stream().map(FlexOrderSettlementType::getContractID).forEach(ids::add);
            m.getContractSettlements().stream().map(ContractSettlementType::getContractID).forEach(ids::add);
        }
        return ids.stream().filter(MessageAttributes::isPresent).toList();
    }
}
