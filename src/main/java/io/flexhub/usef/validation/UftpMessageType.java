package io.flexhub.usef.validation;

import static org.lfenergy.shapeshifter.api.USEFRoleType.AGR;
import static org.lfenergy.shapeshifter.api.USEFRoleType.CRO;
import static org.lfenergy.shapeshifter.api.USEFRoleType.DSO;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.lfenergy.shapeshifter.api.AGRPortfolioQuery;
import org.lfenergy.shapeshifter.api.AGRPortfolioQueryResponse;
import org.lfenergy.shapeshifter.api.AGRPortfolioUpdate;
import org.lfenergy.shapeshifter.api.AGRPortfolioUpdateResponse;
import org.lfenergy.shapeshifter.api.DPrognosis;
import org.lfenergy.shapeshifter.api.DPrognosisResponse;
import org.lfenergy.shapeshifter.api.DSOPortfolioQuery;
import org.lfenergy.shapeshifter.api.DSOPortfolioQueryResponse;
import org.lfenergy.shapeshifter.api.DSOPortfolioUpdate;
import org.lfenergy.shapeshifter.api.DSOPortfolioUpdateResponse;
import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexOfferResponse;
import org.lfenergy.shapeshifter.api.FlexOfferRevocation;
import org.lfenergy.shapeshifter.api.FlexOfferRevocationResponse;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderResponse;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestResponse;
import org.lfenergy.shapeshifter.api.FlexReservationUpdate;
import org.lfenergy.shapeshifter.api.FlexReservationUpdateResponse;
import org.lfenergy.shapeshifter.api.FlexSettlement;
import org.lfenergy.shapeshifter.api.FlexSettlementResponse;
import org.lfenergy.shapeshifter.api.Metering;
import org.lfenergy.shapeshifter.api.MeteringResponse;
import org.lfenergy.shapeshifter.api.PayloadMessageType;
import org.lfenergy.shapeshifter.api.TestMessage;
import org.lfenergy.shapeshifter.api.TestMessageResponse;
import org.lfenergy.shapeshifter.api.USEFRoleType;

/**
 * The UFTP 3.x message catalogue: XML root name, JAXB class, sending role, and for a response the request it
 * answers and the attribute that carries the request's MessageID.
 *
 * <p>The translator to NGSI-LD has its own list of the same types ({@code io.flexhub.usef.mapping.UftpMessageType},
 * without JAXB); UftpCatalogueTest checks both against each other and against the XSD.
 *
 * <p>Roles follow shapeshifter-library-java's {@code UftpRoleInformation}, except that Metering is taken as an
 * AGR message answered by the DSO (that library also lets DSO and CRO send both). Test messages may come from any
 * role. Requests are declared before responses because a response constant refers to its request.
 */
public enum UftpMessageType {

    FLEX_REQUEST("FlexRequest", FlexRequest.class, FlexRequest::new, DSO),
    FLEX_OFFER("FlexOffer", FlexOffer.class, FlexOffer::new, AGR),
    FLEX_OFFER_REVOCATION("FlexOfferRevocation", FlexOfferRevocation.class, FlexOfferRevocation::new, AGR),
    FLEX_ORDER("FlexOrder", FlexOrder.class, FlexOrder::new, DSO),
    FLEX_RESERVATION_UPDATE("FlexReservationUpdate", FlexReservationUpdate.class, FlexReservationUpdate::new, DSO),
    D_PROGNOSIS("D-Prognosis", DPrognosis.class, DPrognosis::new, AGR),
    FLEX_SETTLEMENT("FlexSettlement", FlexSettlement.class, FlexSettlement::new, DSO),
    METERING("Metering", Metering.class, Metering::new, AGR),
    TEST_MESSAGE("TestMessage", TestMessage.class, TestMessage::new, AGR, CRO, DSO),
    AGR_PORTFOLIO_UPDATE("AGRPortfolioUpdate", AGRPortfolioUpdate.class, AGRPortfolioUpdate::new, AGR),
    AGR_PORTFOLIO_QUERY("AGRPortfolioQuery", AGRPortfolioQuery.class, AGRPortfolioQuery::new, AGR),
    DSO_PORTFOLIO_UPDATE("DSOPortfolioUpdate", DSOPortfolioUpdate.class, DSOPortfolioUpdate::new, DSO),
    DSO_PORTFOLIO_QUERY("DSOPortfolioQuery", DSOPortfolioQuery.class, DSOPortfolioQuery::new, DSO),

    FLEX_REQUEST_RESPONSE("FlexRequestResponse", FlexRequestResponse.class, FlexRequestResponse::new, AGR,
            FLEX_REQUEST, reference("FlexRequestMessageID", FlexRequestResponse.class,
                    FlexRequestResponse::getFlexRequestMessageID, FlexRequestResponse::setFlexRequestMessageID)),
    FLEX_OFFER_RESPONSE("FlexOfferResponse", FlexOfferResponse.class, FlexOfferResponse::new, DSO,
            FLEX_OFFER, reference("FlexOfferMessageID", FlexOfferResponse.class,
                    FlexOfferResponse::getFlexOfferMessageID, FlexOfferResponse::setFlexOfferMessageID)),
    FLEX_OFFER_REVOCATION_RESPONSE("FlexOfferRevocationResponse", FlexOfferRevocationResponse.class,
            FlexOfferRevocationResponse::new, DSO,
            FLEX_OFFER_REVOCATION, reference("FlexOfferRevocationMessageID", FlexOfferRevocationResponse.class,
                    FlexOfferRevocationResponse::getFlexOfferRevocationMessageID,
                    FlexOfferRevocationResponse::setFlexOfferRevocationMessageID)),
    FLEX_ORDER_RESPONSE("FlexOrderResponse", FlexOrderResponse.class, FlexOrderResponse::new, AGR,
            FLEX_ORDER, reference("FlexOrderMessageID", FlexOrderResponse.class,
                    FlexOrderResponse::getFlexOrderMessageID, FlexOrderResponse::setFlexOrderMessageID)),
    FLEX_RESERVATION_UPDATE_RESPONSE("FlexReservationUpdateResponse", FlexReservationUpdateResponse.class,
            FlexReservationUpdateResponse::new, AGR,
            FLEX_RESERVATION_UPDATE, reference("FlexReservationUpdateMessageID", FlexReservationUpdateResponse.class,
                    FlexReservationUpdateResponse::getFlexReservationUpdateMessageID,
                    FlexReservationUpdateResponse::setFlexReservationUpdateMessageID)),
    D_PROGNOSIS_RESPONSE("D-PrognosisResponse", DPrognosisResponse.class, DPrognosisResponse::new, DSO,
            D_PROGNOSIS, reference("D-PrognosisMessageID", DPrognosisResponse.class,
                    DPrognosisResponse::getDPrognosisMessageID, DPrognosisResponse::setDPrognosisMessageID)),
    FLEX_SETTLEMENT_RESPONSE("FlexSettlementResponse", FlexSettlementResponse.class, FlexSettlementResponse::new,
            AGR, FLEX_SETTLEMENT, reference("FlexSettlementMessageID", FlexSettlementResponse.class,
                    FlexSettlementResponse::getFlexSettlementMessageID,
                    FlexSettlementResponse::setFlexSettlementMessageID)),
    METERING_RESPONSE("MeteringResponse", MeteringResponse.class, MeteringResponse::new, DSO,
            METERING, reference("MeteringMessageID", MeteringResponse.class,
                    MeteringResponse::getMeteringMessageID, MeteringResponse::setMeteringMessageID)),
    /** No reference attribute and no Result in 3.x: the ConversationID is the only link. */
    TEST_MESSAGE_RESPONSE("TestMessageResponse", TestMessageResponse.class, TestMessageResponse::new,
            Set.of(AGR, CRO, DSO), TEST_MESSAGE, null),
    AGR_PORTFOLIO_UPDATE_RESPONSE("AGRPortfolioUpdateResponse", AGRPortfolioUpdateResponse.class,
            AGRPortfolioUpdateResponse::new, CRO,
            AGR_PORTFOLIO_UPDATE, reference("AGRPortfolioUpdateMessageID", AGRPortfolioUpdateResponse.class,
                    AGRPortfolioUpdateResponse::getAGRPortfolioUpdateMessageID,
                    AGRPortfolioUpdateResponse::setAGRPortfolioUpdateMessageID)),
    AGR_PORTFOLIO_QUERY_RESPONSE("AGRPortfolioQueryResponse", AGRPortfolioQueryResponse.class,
            AGRPortfolioQueryResponse::new, CRO,
            AGR_PORTFOLIO_QUERY, reference("AGRPortfolioQueryMessageID", AGRPortfolioQueryResponse.class,
                    AGRPortfolioQueryResponse::getAGRPortfolioQueryMessageID,
                    AGRPortfolioQueryResponse::setAGRPortfolioQueryMessageID)),
    /** The 3.x XSD really names the attribute DSOPortfolioUpdateResponseMessageID. */
    DSO_PORTFOLIO_UPDATE_RESPONSE("DSOPortfolioUpdateResponse", DSOPortfolioUpdateResponse.class,
            DSOPortfolioUpdateResponse::new, CRO,
            DSO_PORTFOLIO_UPDATE, reference("DSOPortfolioUpdateResponseMessageID", DSOPortfolioUpdateResponse.class,
                    DSOPortfolioUpdateResponse::getDSOPortfolioUpdateResponseMessageID,
                    DSOPortfolioUpdateResponse::setDSOPortfolioUpdateResponseMessageID)),
    DSO_PORTFOLIO_QUERY_RESPONSE("DSOPortfolioQueryResponse", DSOPortfolioQueryResponse.class,
            DSOPortfolioQueryResponse::new, CRO,
            DSO_PORTFOLIO_QUERY, reference("DSOPortfolioQueryMessageID", DSOPortfolioQueryResponse.class,
                    DSOPortfolioQueryResponse::getDSOPortfolioQueryMessageID,
                    DSOPortfolioQueryResponse::setDSOPortfolioQueryMessageID));

    private static final Map<Class<?>, UftpMessageType> BY_CLASS = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(UftpMessageType::javaType, Function.identity()));
    private static final Map<String, UftpMessageType> BY_ROOT_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(UftpMessageType::rootName, Function.identity()));
    private static final Map<UftpMessageType, UftpMessageType> RESPONSE_BY_REQUEST = Arrays.stream(values())
            .filter(type -> type.request != null)
            .collect(Collectors.toUnmodifiableMap(type -> type.request, Function.identity()));

    private final String rootName;
    private final Class<? extends PayloadMessageType> javaType;
    private final Supplier<? extends PayloadMessageType> factory;
    private final Set<USEFRoleType> senderRoles;
    private final UftpMessageType request;
    private final Reference reference;

    <T extends PayloadMessageType> UftpMessageType(String rootName, Class<T> javaType, Supplier<T> factory,
            USEFRoleType... senderRoles) {
        this(rootName, javaType, factory, Set.of(senderRoles), null, null);
    }

    <T extends PayloadMessageType> UftpMessageType(String rootName, Class<T> javaType, Supplier<T> factory,
            USEFRoleType senderRole, UftpMessageType request, Reference reference) {
        this(rootName, javaType, factory, Set.of(senderRole), request, reference);
    }

    <T extends PayloadMessageType> UftpMessageType(String rootName, Class<T> javaType, Supplier<T> factory,
            Set<USEFRoleType> senderRoles, UftpMessageType request, Reference reference) {
        this.rootName = rootName;
        this.javaType = javaType;
        this.factory = factory;
        this.senderRoles = senderRoles;
        this.request = request;
        this.reference = reference;
    }

    public static UftpMessageType of(PayloadMessageType message) {
        return of(message.getClass());
    }

    public static UftpMessageType of(Class<?> javaType) {
        UftpMessageType type = BY_CLASS.get(javaType);
        if (type == null) {
            throw new IllegalArgumentException("Not a UFTP message class: " + javaType.getName());
        }
        return type;
    }

    public static Optional<UftpMessageType> ofRootName(String rootName) {
        return Optional.ofNullable(BY_ROOT_NAME.get(rootName));
    }

    public String rootName() {
        return rootName;
    }

    public Class<? extends PayloadMessageType> javaType() {
        return javaType;
    }

    public Set<USEFRoleType> senderRoles() {
        return senderRoles;
    }

    /** The request this response answers; empty for requests. */
    public Optional<UftpMessageType> request() {
        return Optional.ofNullable(request);
    }

    /** The response that answers this request; empty for responses. */
    public Optional<UftpMessageType> response() {
        return Optional.ofNullable(RESPONSE_BY_REQUEST.get(this));
    }

    /** Name of the response attribute that holds the request's MessageID, e.g. {@code FlexOfferMessageID}. */
    public Optional<String> referenceAttribute() {
        return Optional.ofNullable(reference).map(Reference::attribute);
    }

    /** The MessageID of the request this response answers; empty for requests and TestMessageResponse. */
    public Optional<String> referencedMessageId(PayloadMessageType response) {
        return Optional.ofNullable(reference).map(ref -> ref.getter().apply(javaType.cast(response)));
    }

    PayloadMessageType newInstance() {
        return factory.get();
    }

    void setReferencedMessageId(PayloadMessageType response, String requestMessageId) {
        if (reference != null) {
            reference.setter().accept(javaType.cast(response), requestMessageId);
        }
    }

    private static <T extends PayloadMessageType> Reference reference(String attribute, Class<T> type,
            Function<T, String> getter, BiConsumer<T, String> setter) {
        return new Reference(attribute,
                message -> getter.apply(type.cast(message)),
                (message, id) -> setter.accept(type.cast(message), id));
    }

    private record Reference(String attribute, Function<PayloadMessageType, String> getter,
            BiConsumer<PayloadMessageType, String> setter) {
    }
}
