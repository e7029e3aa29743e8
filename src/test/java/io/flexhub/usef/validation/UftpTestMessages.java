package io.flexhub.usef.validation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.lfenergy.shapeshifter.api.AGRPortfolioQuery;
import org.lfenergy.shapeshifter.api.AGRPortfolioQueryResponse;
import org.lfenergy.shapeshifter.api.AGRPortfolioUpdate;
import org.lfenergy.shapeshifter.api.AGRPortfolioUpdateResponse;
import org.lfenergy.shapeshifter.api.AcceptedRejectedType;
import org.lfenergy.shapeshifter.api.AvailableRequestedType;
import org.lfenergy.shapeshifter.api.ContractSettlementISPType;
import org.lfenergy.shapeshifter.api.ContractSettlementPeriodType;
import org.lfenergy.shapeshifter.api.ContractSettlementType;
import org.lfenergy.shapeshifter.api.DPrognosis;
import org.lfenergy.shapeshifter.api.DPrognosisISPType;
import org.lfenergy.shapeshifter.api.DPrognosisResponse;
import org.lfenergy.shapeshifter.api.FlexMessageType;
import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexOfferOptionISPType;
import org.lfenergy.shapeshifter.api.FlexOfferOptionType;
import org.lfenergy.shapeshifter.api.FlexOfferResponse;
import org.lfenergy.shapeshifter.api.FlexOfferRevocation;
import org.lfenergy.shapeshifter.api.FlexOfferRevocationResponse;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderISPType;
import org.lfenergy.shapeshifter.api.FlexOrderSettlementISPType;
import org.lfenergy.shapeshifter.api.FlexOrderSettlementType;
import org.lfenergy.shapeshifter.api.FlexOrderStatusType;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestISPType;
import org.lfenergy.shapeshifter.api.FlexReservationUpdate;
import org.lfenergy.shapeshifter.api.FlexReservationUpdateISPType;
import org.lfenergy.shapeshifter.api.FlexSettlement;
import org.lfenergy.shapeshifter.api.Metering;
import org.lfenergy.shapeshifter.api.MeteringISPType;
import org.lfenergy.shapeshifter.api.MeteringProfileEnum;
import org.lfenergy.shapeshifter.api.MeteringProfileType;
import org.lfenergy.shapeshifter.api.MeteringResponse;
import org.lfenergy.shapeshifter.api.MeteringUnitType;
import org.lfenergy.shapeshifter.api.PayloadMessageResponseType;
import org.lfenergy.shapeshifter.api.PayloadMessageType;
import org.lfenergy.shapeshifter.api.TestMessage;

/**
 * Valid UFTP messages of one conversation between the hub (AGR) and a DSO, for Period 2026-03-30 (a normal day
 * of 96 ISPs) with the clock on Saturday 2026-03-28 11:00 in Amsterdam. Tests change one thing at a time.
 */
final class UftpTestMessages {

    static final String AGR = "agr.example.com";
    static final String DSO = "dso.example.com";
    static final String OTHER_DSO = "other-dso.example.com";
    static final String CRO = "cro.example.com";
    static final String CONGESTION_POINT = "ea1.1992-10.com.example:grid-1";
    static final String CONVERSATION = "9d1e6c0a-0000-4000-8000-000000000001";
    static final LocalDate PERIOD = LocalDate.of(2026, 3, 30);
    static final Instant NOW = Instant.parse("2026-03-28T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private UftpTestMessages() {
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    static <T extends PayloadMessageType> T metadata(T message, String sender, String recipient) {
        message.setVersion("3.0.0");
        message.setSenderDomain(sender);
        message.setRecipientDomain(recipient);
        message.setTimeStamp(OffsetDateTime.ofInstant(NOW.minusSeconds(60), ZoneOffset.UTC));
        message.setMessageID(newId());
        message.setConversationID(CONVERSATION);
        return message;
    }

    static <T extends FlexMessageType> T flexMetadata(T message, String sender, String recipient) {
        metadata(message, sender, recipient);
        message.setISPDuration(Duration.ofMinutes(15));
        message.setTimeZone("Europe/Amsterdam");
        message.setPeriod(PERIOD);
        message.setCongestionPoint(CONGESTION_POINT);
        return message;
    }

    /** ISPs 1-40 and 49-96 Available, 41-48 Requested (10:00-12:00 local). */
    static FlexRequest flexRequest() {
        FlexRequest request = flexMetadata(new FlexRequest(), DSO, AGR);
        request.setRevision(1);
        request.setExpirationDateTime(OffsetDateTime.parse("2026-03-29T12:00:00Z"));
        request.getISPS().add(requestIsp(1, 40, AvailableRequestedType.AVAILABLE, -15, 15));
        request.getISPS().add(requestIsp(41, 8, AvailableRequestedType.REQUESTED, 2000, 3200));
        request.getISPS().add(requestIsp(49, 48, AvailableRequestedType.AVAILABLE, -15, 15));
        return request;
    }

    /** {@link #flexRequest()} for another Period, its last Available element stretched to end at ISP lastIsp. */
    static FlexRequest flexRequest(LocalDate period, int lastIsp) {
        FlexRequest request = flexRequest();
        request.setPeriod(period);
        request.getISPS().get(2).setDuration(lastIsp - 48L);
        return request;
    }

    static FlexRequestISPType requestIsp(long start, long duration, AvailableRequestedType disposition, long min,
            long max) {
        FlexRequestISPType isp = new FlexRequestISPType();
        isp.setStart(start);
        isp.setDuration(duration);
        isp.setDisposition(disposition);
        isp.setMinPower(min);
        isp.setMaxPower(max);
        return isp;
    }

    /** The hub's offer: option A, 2500 W in ISPs 41-48 for 100 EUR, orderable from 50 %. */
    static FlexOffer flexOffer(FlexRequest request) {
        FlexOffer offer = flexMetadata(new FlexOffer(), AGR, DSO);
        offer.setPeriod(request.getPeriod());
        offer.setFlexRequestMessageID(request.getMessageID());
        offer.setExpirationDateTime(OffsetDateTime.parse("2026-03-29T18:00:00Z"));
        offer.setCurrency("EUR");
        offer.getOfferOptions().add(option("A", "100.0000", "0.50", offerIsp(41, 8, 2500)));
        return offer;
    }

    static FlexOfferOptionType option(String reference, String price, String minActivationFactor,
            FlexOfferOptionISPType... isps) {
        FlexOfferOptionType option = new FlexOfferOptionType();
        option.setOptionReference(reference);
        option.setPrice(new BigDecimal(price));
        option.setMinActivationFactor(minActivationFactor == null ? null : new BigDecimal(minActivationFactor));
        option.getISPS().addAll(List.of(isps));
        return option;
    }

    static FlexOfferOptionISPType offerIsp(long start, long duration, long power) {
        FlexOfferOptionISPType isp = new FlexOfferOptionISPType();
        isp.setStart(start);
        isp.setDuration(duration);
        isp.setPower(power);
        return isp;
    }

    /** Orders option A of the offer completely. */
    static FlexOrder flexOrder(FlexOffer offer) {
        FlexOrder order = flexMetadata(new FlexOrder(), DSO, AGR);
        order.setPeriod(offer.getPeriod());
        order.setFlexOfferMessageID(offer.getMessageID());
        order.setOptionReference("A");
        order.setOrderReference("ORD-1");
        order.setPrice(new BigDecimal("100.0000"));
        order.setCurrency("EUR");
        order.getISPS().add(orderIsp(41, 8, 2500));
        return order;
    }

    static FlexOrderISPType orderIsp(long start, long duration, long power) {
        FlexOrderISPType isp = new FlexOrderISPType();
        isp.setStart(start);
        isp.setDuration(duration);
        isp.setPower(power);
        return isp;
    }

    static FlexReservationUpdate flexReservationUpdate() {
        FlexReservationUpdate update = flexMetadata(new FlexReservationUpdate(), DSO, AGR);
        update.setContractID("C-1");
        update.setReference("R-1");
        FlexReservationUpdateISPType isp = new FlexReservationUpdateISPType();
        isp.setStart(1L);
        isp.setDuration(96L);
        isp.setPower(500L);
        update.getISPS().add(isp);
        return update;
    }

    /** March 2026, settling the order with OrderReference ORD-1 and reservation contract C-1. */
    static FlexSettlement flexSettlement() {
        FlexSettlement settlement = metadata(new FlexSettlement(), DSO, AGR);
        settlement.setConversationID("9d1e6c0a-0000-4000-8000-000000000002");
        settlement.setResult(AcceptedRejectedType.ACCEPTED);
        settlement.setPeriodStart(LocalDate.of(2026, 3, 1));
        settlement.setPeriodEnd(LocalDate.of(2026, 3, 31));
        settlement.setCurrency("EUR");
        settlement.getFlexOrderSettlements().add(orderSettlement("ORD-1", PERIOD));
        ContractSettlementType contract = new ContractSettlementType();
        contract.setContractID("C-1");
        ContractSettlementPeriodType period = new ContractSettlementPeriodType();
        period.setPeriod(PERIOD);
        ContractSettlementISPType isp = new ContractSettlementISPType();
        isp.setStart(1L);
        isp.setDuration(96L);
        isp.setReservedPower(500L);
        period.getISPS().add(isp);
        contract.getPeriods().add(period);
        settlement.getContractSettlements().add(contract);
        return settlement;
    }

    static FlexOrderSettlementType orderSettlement(String orderReference, LocalDate period) {
        FlexOrderSettlementType item = new FlexOrderSettlementType();
        item.setOrderReference(orderReference);
        item.setPeriod(period);
        item.setCongestionPoint(CONGESTION_POINT);
        item.setPrice(new BigDecimal("100.0000"));
        item.setNetSettlement(new BigDecimal("100.0000"));
        FlexOrderSettlementISPType isp = new FlexOrderSettlementISPType();
        isp.setStart(41L);
        isp.setDuration(8L);
        isp.setBaselinePower(10000L);
        isp.setOrderedFlexPower(2500L);
        isp.setActualPower(12500L);
        isp.setDeliveredFlexPower(2500L);
        item.getISPS().add(isp);
        return item;
    }

    static FlexOfferResponse flexOfferResponse(FlexOffer offer) {
        FlexOfferResponse response = response(new FlexOfferResponse(), DSO);
        response.setFlexOfferMessageID(offer.getMessageID());
        return response;
    }

    static FlexOfferRevocation flexOfferRevocation(FlexOffer offer) {
        FlexOfferRevocation revocation = metadata(new FlexOfferRevocation(), AGR, DSO);
        revocation.setFlexOfferMessageID(offer.getMessageID());
        return revocation;
    }

    static FlexOfferRevocationResponse flexOfferRevocationResponse(FlexOfferRevocation revocation) {
        FlexOfferRevocationResponse response = response(new FlexOfferRevocationResponse(), DSO);
        response.setFlexOfferRevocationMessageID(revocation.getMessageID());
        return response;
    }

    static DPrognosis dPrognosis() {
        DPrognosis prognosis = flexMetadata(new DPrognosis(), AGR, DSO);
        prognosis.setConversationID("9d1e6c0a-0000-4000-8000-000000000003");
        prognosis.setRevision(1);
        DPrognosisISPType isp = new DPrognosisISPType();
        isp.setStart(1L);
        isp.setDuration(96L);
        isp.setPower(12000L);
        prognosis.getISPS().add(isp);
        return prognosis;
    }

    static DPrognosisResponse dPrognosisResponse(DPrognosis prognosis, String... flexOrderMessageIds) {
        DPrognosisResponse response = response(new DPrognosisResponse(), DSO);
        response.setConversationID(prognosis.getConversationID());
        response.setDPrognosisMessageID(prognosis.getMessageID());
        for (String id : flexOrderMessageIds) {
            FlexOrderStatusType status = new FlexOrderStatusType();
            status.setFlexOrderMessageID(id);
            status.setIsValidated(true);
            response.getFlexOrderStatuses().add(status);
        }
        return response;
    }

    static Metering metering() {
        Metering metering = metadata(new Metering(), AGR, DSO);
        metering.setRevision(1);
        metering.setISPDuration(Duration.ofMinutes(15));
        metering.setTimeZone("Europe/Amsterdam");
        metering.setPeriod(LocalDate.of(2026, 3, 27));
        metering.setEAN("E1234567890123456");
        MeteringProfileType profile = new MeteringProfileType();
        profile.setProfileType(MeteringProfileEnum.POWER);
        profile.setUnit(MeteringUnitType.K_W);
        for (long start = 1; start <= 96; start++) {
            MeteringISPType isp = new MeteringISPType();
            isp.setStart(start);
            isp.setValue(new BigDecimal("1.5"));
            profile.getISPS().add(isp);
        }
        metering.getProfiles().add(profile);
        return metering;
    }

    static MeteringResponse meteringResponse(Metering metering) {
        MeteringResponse response = response(new MeteringResponse(), DSO);
        response.setMeteringMessageID(metering.getMessageID());
        return response;
    }

    static AGRPortfolioUpdate agrPortfolioUpdate() {
        AGRPortfolioUpdate update = metadata(new AGRPortfolioUpdate(), AGR, CRO);
        update.setTimeZone("Europe/Amsterdam");
        return update;
    }

    static AGRPortfolioUpdateResponse agrPortfolioUpdateResponse(AGRPortfolioUpdate update) {
        AGRPortfolioUpdateResponse response = response(new AGRPortfolioUpdateResponse(), CRO);
        response.setAGRPortfolioUpdateMessageID(update.getMessageID());
        return response;
    }

    static AGRPortfolioQuery agrPortfolioQuery() {
        AGRPortfolioQuery query = metadata(new AGRPortfolioQuery(), AGR, CRO);
        query.setTimeZone("Europe/Amsterdam");
        query.setPeriod(PERIOD);
        return query;
    }

    static AGRPortfolioQueryResponse agrPortfolioQueryResponse(AGRPortfolioQuery query) {
        AGRPortfolioQueryResponse response = response(new AGRPortfolioQueryResponse(), CRO);
        response.setAGRPortfolioQueryMessageID(query.getMessageID());
        response.setTimeZone("Europe/Amsterdam");
        response.setPeriod(query.getPeriod());
        return response;
    }

    static TestMessage testMessage() {
        return metadata(new TestMessage(), DSO, AGR);
    }

    private static <T extends PayloadMessageResponseType> T response(T response, String sender) {
        metadata(response, sender, AGR);
        response.setResult(AcceptedRejectedType.ACCEPTED);
        return response;
    }
}
