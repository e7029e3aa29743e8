package io.flexhub.usef.mapping;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The UFTP 3.x payload messages (root elements of {@code UFTP.xsd}) and their NGSI-LD entity types.
 *
 * <p>The NGSI-LD type is the root element name without hyphens ({@code D-Prognosis} becomes
 * {@code DPrognosis}) because the NGSI-LD query language does not allow hyphens in type and attribute names.
 * {@code SignedMessage} is deliberately absent: it is the transport envelope and has no MessageID to build an
 * entity id from. The validation's catalogue ({@code io.flexhub.usef.validation.UftpMessageType}) adds each type's
 * JAXB class and roles; it is not used here so that the translator stays free of JAXB. UftpCatalogueTest keeps the
 * two, this package's table and the XSD in step.
 */
public enum UftpMessageType {
    FLEX_REQUEST("FlexRequest"),
    FLEX_REQUEST_RESPONSE("FlexRequestResponse"),
    FLEX_OFFER("FlexOffer"),
    FLEX_OFFER_RESPONSE("FlexOfferResponse"),
    FLEX_OFFER_REVOCATION("FlexOfferRevocation"),
    FLEX_OFFER_REVOCATION_RESPONSE("FlexOfferRevocationResponse"),
    FLEX_ORDER("FlexOrder"),
    FLEX_ORDER_RESPONSE("FlexOrderResponse"),
    FLEX_RESERVATION_UPDATE("FlexReservationUpdate"),
    FLEX_RESERVATION_UPDATE_RESPONSE("FlexReservationUpdateResponse"),
    D_PROGNOSIS("D-Prognosis"),
    D_PROGNOSIS_RESPONSE("D-PrognosisResponse"),
    FLEX_SETTLEMENT("FlexSettlement"),
    FLEX_SETTLEMENT_RESPONSE("FlexSettlementResponse"),
    METERING("Metering"),
    METERING_RESPONSE("MeteringResponse"),
    TEST_MESSAGE("TestMessage"),
    TEST_MESSAGE_RESPONSE("TestMessageResponse"),
    AGR_PORTFOLIO_UPDATE("AGRPortfolioUpdate"),
    AGR_PORTFOLIO_UPDATE_RESPONSE("AGRPortfolioUpdateResponse"),
    AGR_PORTFOLIO_QUERY("AGRPortfolioQuery"),
    AGR_PORTFOLIO_QUERY_RESPONSE("AGRPortfolioQueryResponse"),
    DSO_PORTFOLIO_UPDATE("DSOPortfolioUpdate"),
    DSO_PORTFOLIO_UPDATE_RESPONSE("DSOPortfolioUpdateResponse"),
    DSO_PORTFOLIO_QUERY("DSOPortfolioQuery"),
    DSO_PORTFOLIO_QUERY_RESPONSE("DSOPortfolioQueryResponse");

    private static final String URN_PREFIX = "urn:ngsi-ld:";
    private static final Map<String, UftpMessageType> BY_XML_NAME = new HashMap<>();
    private static final Map<String, UftpMessageType> BY_NGSI_TYPE = new HashMap<>();

    static {
        for (UftpMessageType type : values()) {
            BY_XML_NAME.put(type.xmlName, type);
            BY_NGSI_TYPE.put(type.ngsiType, type);
        }
    }

    private final String xmlName;
    private final String ngsiType;
    private final String entityIdPrefix;

    UftpMessageType(String xmlName) {
        this.xmlName = xmlName;
        this.ngsiType = xmlName.replace("-", "");
        this.entityIdPrefix = URN_PREFIX + ngsiType + ":";
    }

    /** The UFTP root element name, e.g. {@code D-Prognosis}. */
    public String xmlName() {
        return xmlName;
    }

    /** The NGSI-LD entity type, e.g. {@code DPrognosis}. */
    public String ngsiType() {
        return ngsiType;
    }

    /** {@code urn:ngsi-ld:<ngsiType>:}, the prefix of every entity id of this type. */
    public String entityIdPrefix() {
        return entityIdPrefix;
    }

    /** The NGSI-LD entity id of the message with this MessageID. */
    public String entityId(String messageId) {
        return entityIdPrefix + messageId;
    }

    public static Optional<UftpMessageType> fromXmlName(String xmlName) {
        return Optional.ofNullable(BY_XML_NAME.get(xmlName));
    }

    public static Optional<UftpMessageType> fromNgsiType(String ngsiType) {
        return Optional.ofNullable(BY_NGSI_TYPE.get(ngsiType));
    }
}
