package io.flexhub.usef.mapping;

import static io.flexhub.usef.mapping.UftpMessageType.*;
import static io.flexhub.usef.mapping.ValueType.*;

import com.fasterxml.jackson.core.io.SerializedString;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The UFTP 3.x message catalogue as data, transcribed from the XSDs that UFTP.xsd includes (agr-dso, metering,
 * agr-cro, cro-dso, common). Both translation directions walk these tables, so a new attribute or element is
 * one line here, plus its term in the JSON-LD context document.
 *
 * <p>Attributes and children are listed in XSD order (base type first), which is the order the XML is written
 * in. JSON names are derived once, here: lowerCamelCase of the XML name, plural for repeated elements, and
 * {@code ref<TargetType>} for attributes that hold another message's MessageID.
 */
final class UftpSchema {

    /** Base IRI of the hub's UFTP vocabulary; every term of the context document expands under it. */
    static final String VOCABULARY = "https://flexhub.io/ns/uftp#";

    static final String WATTS = "WTT";

    /** Names NGSI-LD reserves on entities and attributes; a UFTP term must not shadow them. */
    static final Set<String> NGSI_LD_MEMBERS = Set.of("id", "type", "value", "object", "@context", "unitCode",
            "datasetId", "observedAt", "createdAt", "modifiedAt", "deletedAt", "instanceId", "location", "scope",
            "observationSpace", "operationSpace", "lang", "languageMap", "valueList", "objectList", "vocab", "json",
            "objectType", "status", "min", "max", "description", "title", "key", "data", "entity", "format");

    private static final AttributeSpec[] PAYLOAD = attributes(
            required("Version", SPEC_VERSION),
            required("SenderDomain", DOMAIN),
            required("RecipientDomain", DOMAIN),
            required("TimeStamp", DATE_TIME),
            new AttributeSpec("MessageID", null, UUID, true, null, true),
            required("ConversationID", UUID));

    private static final AttributeSpec[] RESPONSE = with(PAYLOAD,
            required("Result", ACCEPTED_REJECTED),
            optional("RejectionReason", STRING));

    private static final AttributeSpec[] FLEX_MESSAGE = with(PAYLOAD,
            required("ISP-Duration", DURATION),
            required("TimeZone", TIME_ZONE),
            required("Period", DATE),
            required("CongestionPoint", ENTITY_ADDRESS));

    private static final AttributeSpec START = required("Start", POSITIVE_INTEGER);
    private static final AttributeSpec DURATION_ISPS = optional("Duration", POSITIVE_INTEGER);

    /** The ISP of FlexOffer options, FlexOrder and FlexReservationUpdate: one power figure. */
    private static final ElementSpec POWER_ISP = element("ISP", attributes(
            required("Power", INTEGER), START, DURATION_ISPS));

    private static final Map<UftpMessageType, ElementSpec> MESSAGES = new EnumMap<>(UftpMessageType.class);

    static {
        message(FLEX_REQUEST, with(FLEX_MESSAGE,
                        required("Revision", LONG),
                        required("ExpirationDateTime", DATE_TIME),
                        optional("ContractID", STRING),
                        optional("ServiceType", STRING)),
                watts(element("ISP", attributes(
                        optional("Disposition", AVAILABLE_REQUESTED),
                        required("MinPower", INTEGER),
                        required("MaxPower", INTEGER),
                        START, DURATION_ISPS))));
        message(FLEX_REQUEST_RESPONSE, response(FLEX_REQUEST));

        message(FLEX_OFFER, with(FLEX_MESSAGE,
                        required("ExpirationDateTime", DATE_TIME),
                        optional("Unsolicited", BOOLEAN),
                        reference("FlexRequestMessageID", FLEX_REQUEST, false),
                        optional("ContractID", STRING),
                        reference("D-PrognosisMessageID", D_PROGNOSIS, false),
                        optional("BaselineReference", STRING),
                        required("Currency", CURRENCY)),
                watts(element("OfferOption", attributes(
                                required("OptionReference", STRING),
                                required("Price", CURRENCY_AMOUNT),
                                optional("MinActivationFactor", ACTIVATION_FACTOR)),
                        oneOrMore(POWER_ISP))));
        message(FLEX_OFFER_RESPONSE, response(FLEX_OFFER));

        message(FLEX_OFFER_REVOCATION, with(PAYLOAD, reference("FlexOfferMessageID", FLEX_OFFER, true)));
        message(FLEX_OFFER_REVOCATION_RESPONSE, response(FLEX_OFFER_REVOCATION));

        message(FLEX_ORDER, with(FLEX_MESSAGE,
                        optional("Unsolicited", BOOLEAN),
                        reference("FlexOfferMessageID", FLEX_OFFER, false),
                        optional("ServiceType", STRING),
                        optional("ContractID", STRING),
                        reference("D-PrognosisMessageID", D_PROGNOSIS, false),
                        optional("BaselineReference", STRING),
                        required("Price", CURRENCY_AMOUNT),
                        required("Currency", CURRENCY),
                        required("OrderReference", STRING),
                        optional("OptionReference", STRING),
                        optional("ActivationFactor", ACTIVATION_FACTOR)),
                watts(POWER_ISP));
        message(FLEX_ORDER_RESPONSE, response(FLEX_ORDER));

        message(FLEX_RESERVATION_UPDATE, with(FLEX_MESSAGE,
                        required("ContractID", STRING),
                        required("Reference", STRING)),
                watts(POWER_ISP));
        message(FLEX_RESERVATION_UPDATE_RESPONSE, response(FLEX_RESERVATION_UPDATE));

        // D-Prognosis is the only ISP list whose Start/Duration are xs:integer rather than positiveInteger.
        message(D_PROGNOSIS, with(FLEX_MESSAGE, required("Revision", LONG)),
                watts(element("ISP", attributes(
                        required("Power", INTEGER),
                        required("Start", INTEGER),
                        optional("Duration", INTEGER)))));
        message(D_PROGNOSIS_RESPONSE, response(D_PROGNOSIS),
                relationships(element("FlexOrderStatus", attributes(
                        reference("FlexOrderMessageID", FLEX_ORDER, true),
                        required("IsValidated", BOOLEAN)))));

        // FlexSettlement extends the response type in the 3.x XSD, hence Result on a request.
        message(FLEX_SETTLEMENT, with(RESPONSE,
                        required("PeriodStart", DATE),
                        required("PeriodEnd", DATE),
                        required("Currency", CURRENCY)),
                watts(element("FlexOrderSettlement", attributes(
                                optional("OrderReference", STRING),
                                required("Period", DATE),
                                optional("ContractID", STRING),
                                reference("D-PrognosisMessageID", D_PROGNOSIS, false),
                                optional("BaselineReference", STRING),
                                required("CongestionPoint", ENTITY_ADDRESS),
                                required("Price", CURRENCY_AMOUNT),
                                optional("Penalty", CURRENCY_AMOUNT),
                                required("NetSettlement", CURRENCY_AMOUNT)),
                        oneOrMore(element("ISP", attributes(
                                START, DURATION_ISPS,
                                required("BaselinePower", INTEGER),
                                required("OrderedFlexPower", INTEGER),
                                required("ActualPower", INTEGER),
                                required("DeliveredFlexPower", INTEGER),
                                optional("PowerDeficiency", INTEGER)))))),
                watts(element("ContractSettlement", attributes(optional("ContractID", STRING)),
                        oneOrMore(element("Period", attributes(required("Period", DATE)),
                                oneOrMore(element("ISP", attributes(
                                        START, DURATION_ISPS,
                                        required("ReservedPower", INTEGER),
                                        optional("RequestedPower", INTEGER),
                                        optional("AvailablePower", INTEGER),
                                        optional("OfferedPower", INTEGER),
                                        optional("OrderedPower", INTEGER)))))))));
        message(FLEX_SETTLEMENT_RESPONSE, response(FLEX_SETTLEMENT),
                oneOrMore(element("FlexOrderSettlementStatus", attributes(
                        optional("OrderReference", STRING),
                        required("Disposition", ACCEPTED_DISPUTED),
                        optional("DisputeReason", STRING)))));

        // Metering carries kW/kWh decimals per profile, so no unitCode on the property.
        message(METERING, with(PAYLOAD,
                        required("Revision", LONG),
                        required("ISP-Duration", ValueType.DURATION),
                        required("TimeZone", TIME_ZONE),
                        optional("Currency", CURRENCY),
                        required("Period", DATE),
                        required("EAN", EAN)),
                oneOrMore(element("Profile", attributes(
                                required("ProfileType", METERING_PROFILE),
                                required("Unit", METERING_UNIT)),
                        // "value" is the NGSI-LD core term for a Property's value; reusing it would clash.
                        oneOrMore(element("ISP", attributes(
                                required("Start", INTEGER),
                                new AttributeSpec("Value", "meteringValue", DECIMAL, true, null, false)))))));
        message(METERING_RESPONSE, response(METERING));

        message(TEST_MESSAGE, PAYLOAD);
        message(TEST_MESSAGE_RESPONSE, PAYLOAD);

        message(AGR_PORTFOLIO_UPDATE, with(PAYLOAD, required("TimeZone", TIME_ZONE)),
                oneOrMore(element("Connection", attributes(
                        required("EntityAddress", ENTITY_ADDRESS),
                        required("StartPeriod", DATE),
                        optional("EndPeriod", DATE)))));
        message(AGR_PORTFOLIO_UPDATE_RESPONSE, response(AGR_PORTFOLIO_UPDATE));
        message(AGR_PORTFOLIO_QUERY, with(PAYLOAD,
                required("TimeZone", TIME_ZONE),
                required("Period", DATE)));
        ElementSpec agrConnection = element("Connection", attributes(required("EntityAddress", ENTITY_ADDRESS)));
        message(AGR_PORTFOLIO_QUERY_RESPONSE, with(RESPONSE,
                        required("TimeZone", TIME_ZONE),
                        reference("AGRPortfolioQueryMessageID", AGR_PORTFOLIO_QUERY, true),
                        required("Period", DATE)),
                oneOrMore(element("DSO-View", attributes(),
                        oneOrMore(element("DSO-Portfolio", attributes(required("DSO-Domain", DOMAIN)),
                                oneOrMore(element("CongestionPoint", attributes(
                                                required("EntityAddress", ENTITY_ADDRESS),
                                                required("MutexOffersSupported", BOOLEAN),
                                                required("DayAheadRedispatchBy", REDISPATCH_BY),
                                                optional("IntradayRedispatchBy", REDISPATCH_BY)),
                                        oneOrMore(agrConnection))))),
                        zeroOrMore(agrConnection))));

        message(DSO_PORTFOLIO_UPDATE, with(PAYLOAD, required("TimeZone", TIME_ZONE)),
                oneOrMore(element("CongestionPoint", attributes(
                                required("EntityAddress", ENTITY_ADDRESS),
                                required("StartPeriod", DATE),
                                optional("EndPeriod", DATE),
                                required("MutexOffersSupported", BOOLEAN),
                                required("DayAheadRedispatchBy", REDISPATCH_BY),
                                optional("IntradayRedispatchBy", REDISPATCH_BY)),
                        oneOrMore(element("Connection", attributes(
                                required("EntityAddress", ENTITY_ADDRESS),
                                required("StartPeriod", DATE),
                                optional("EndPeriod", DATE)))))));
        // The 3.x XSD names the reference DSOPortfolioUpdateResponseMessageID, yet it points at the update.
        message(DSO_PORTFOLIO_UPDATE_RESPONSE, with(RESPONSE,
                reference("DSOPortfolioUpdateResponseMessageID", DSO_PORTFOLIO_UPDATE, true)));
        message(DSO_PORTFOLIO_QUERY, with(PAYLOAD,
                required("TimeZone", TIME_ZONE),
                required("Period", DATE),
                required("EntityAddress", ENTITY_ADDRESS)));
        message(DSO_PORTFOLIO_QUERY_RESPONSE, with(RESPONSE,
                        reference("DSOPortfolioQueryMessageID", DSO_PORTFOLIO_QUERY, true),
                        required("TimeZone", TIME_ZONE),
                        required("Period", DATE)),
                zeroOrOne(element("CongestionPoint", attributes(required("EntityAddress", ENTITY_ADDRESS)),
                        oneOrMore(element("Connection", attributes(
                                required("EntityAddress", ENTITY_ADDRESS),
                                optional("AGR-Domain", DOMAIN)))))));

        for (UftpMessageType type : UftpMessageType.values()) {
            if (!MESSAGES.containsKey(type)) {
                throw new IllegalStateException("no schema for " + type);
            }
        }
    }

    private UftpSchema() {
    }

    static ElementSpec message(UftpMessageType type) {
        return MESSAGES.get(type);
    }

    /** Every term the translator emits (entity types, attribute names, structured-value keys), sorted. */
    /**
     * Attributes the hub's message log adds to a stored message's entity (its processing state); they are not
     * UFTP, but they share the context document so that a log entry expands like the message itself.
     */
    public static final Set<String> MESSAGE_LOG_TERMS = Set.of("direction", "processingStatus", "processingRejectionReason",
            "handoff", "peerResult", "peerRejectionReason", "receivedAt", "processedAt", "refResponse");

    static Set<String> terms() {
        Set<String> terms = new TreeSet<>(MESSAGE_LOG_TERMS);
        MESSAGES.forEach((type, spec) -> {
            terms.add(type.ngsiType());
            collectTerms(spec, terms);
        });
        return Collections.unmodifiableSet(terms);
    }

    private static void collectTerms(ElementSpec spec, Set<String> terms) {
        for (AttributeSpec attribute : spec.attributes) {
            if (!attribute.messageId) {
                terms.add(attribute.jsonName);
            }
        }
        for (ChildSpec child : spec.children) {
            terms.add(child.jsonName);
            collectTerms(child.element, terms);
        }
    }

    // ---- table DSL -------------------------------------------------------------------------------------------

    private static void message(UftpMessageType type, AttributeSpec[] attributes, ChildSpec... children) {
        MESSAGES.put(type, new ElementSpec(type.xmlName(), attributes, children));
    }

    private static AttributeSpec[] response(UftpMessageType request) {
        return with(RESPONSE, reference(request.xmlName() + "MessageID", request, true));
    }

    private static ElementSpec element(String xmlName, AttributeSpec[] attributes, ChildSpec... children) {
        return new ElementSpec(xmlName, attributes, children);
    }

    private static AttributeSpec[] attributes(AttributeSpec... attributes) {
        return attributes;
    }

    private static AttributeSpec[] with(AttributeSpec[] base, AttributeSpec... more) {
        AttributeSpec[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static AttributeSpec required(String xmlName, ValueType type) {
        return new AttributeSpec(xmlName, lowerCamel(xmlName), type, true, null, false);
    }

    private static AttributeSpec optional(String xmlName, ValueType type) {
        return new AttributeSpec(xmlName, lowerCamel(xmlName), type, false, null, false);
    }

    private static AttributeSpec reference(String xmlName, UftpMessageType target, boolean required) {
        return new AttributeSpec(xmlName, "ref" + target.ngsiType(), UUID, required, target, false);
    }

    private static ChildSpec oneOrMore(ElementSpec element) {
        return new ChildSpec(element, 1, true, null, false);
    }

    private static ChildSpec zeroOrMore(ElementSpec element) {
        return new ChildSpec(element, 0, true, null, false);
    }

    private static ChildSpec zeroOrOne(ElementSpec element) {
        return new ChildSpec(element, 0, false, null, false);
    }

    private static ChildSpec watts(ElementSpec element) {
        return new ChildSpec(element, 1, true, WATTS, false);
    }

    /** A repeated element that points at another message becomes a multi-instance NGSI-LD Relationship. */
    private static ChildSpec relationships(ElementSpec element) {
        return new ChildSpec(element, 0, true, null, true);
    }

    /** {@code ISP-Duration} to {@code ispDuration}, {@code ConversationID} to {@code conversationId}. */
    static String lowerCamel(String xmlName) {
        StringBuilder out = new StringBuilder(xmlName.length());
        int wordStart = 0;
        for (int i = 1; i <= xmlName.length(); i++) {
            if (i == xmlName.length() || startsWord(xmlName, i)) {
                String word = xmlName.substring(wordStart, i).replace("-", "");
                if (!word.isEmpty()) {
                    out.append(out.length() == 0 ? word.substring(0, 1).toLowerCase() : word.substring(0, 1))
                            .append(word.substring(1).toLowerCase());
                }
                wordStart = i;
            }
        }
        return out.toString();
    }

    private static boolean startsWord(String s, int i) {
        char c = s.charAt(i);
        char before = s.charAt(i - 1);
        if (c == '-' || before == '-') {
            return true;
        }
        boolean nextIsLower = i + 1 < s.length() && Character.isLowerCase(s.charAt(i + 1));
        return Character.isUpperCase(c) && (Character.isLowerCase(before) || nextIsLower);
    }

    private static String plural(String name) {
        return name.endsWith("s") ? name + "es" : name + "s";
    }

    // ---- table rows ------------------------------------------------------------------------------------------

    /** One XML attribute and the NGSI-LD attribute or structured-value key it becomes. */
    static final class AttributeSpec {
        final String xmlName;
        final String jsonName;
        final SerializedString jsonKey;
        final ValueType type;
        final boolean required;
        /** The message type whose MessageID this attribute holds, or null. */
        final UftpMessageType target;
        /** The root's own MessageID, carried by the entity id rather than an attribute. */
        final boolean messageId;

        AttributeSpec(String xmlName, String jsonName, ValueType type, boolean required, UftpMessageType target,
                boolean messageId) {
            this.xmlName = xmlName;
            this.jsonName = jsonName;
            this.jsonKey = jsonName == null ? null : new SerializedString(jsonName);
            this.type = type;
            this.required = required;
            this.target = target;
            this.messageId = messageId;
        }
    }

    /** A child element of a sequence, with its occurrence and how the group is rendered in NGSI-LD. */
    static final class ChildSpec {
        final ElementSpec element;
        final String jsonName;
        final SerializedString jsonKey;
        final int minOccurs;
        final boolean repeated;
        /** UN/CEFACT code of the power figures inside, or null. */
        final String unitCode;
        final boolean relationships;

        ChildSpec(ElementSpec element, int minOccurs, boolean repeated, String unitCode, boolean relationships) {
            this.element = element;
            String singular = lowerCamel(element.xmlName);
            this.jsonName = repeated ? plural(singular) : singular;
            this.jsonKey = new SerializedString(jsonName);
            this.minOccurs = minOccurs;
            this.repeated = repeated;
            this.unitCode = unitCode;
            this.relationships = relationships;
            if (relationships && (element.children.length > 0 || element.referenceIndex < 0)) {
                throw new IllegalStateException(element.xmlName + ": a relationship element needs a reference"
                        + " attribute and no children");
            }
        }
    }

    /** An element type: its attributes and the children of its sequence, with name lookups for both sides. */
    static final class ElementSpec {
        final String xmlName;
        final AttributeSpec[] attributes;
        final ChildSpec[] children;
        /** Index of the attribute holding the MessageID (root) or the relationship target, or -1. */
        final int messageIdIndex;
        final int referenceIndex;
        private final NameIndex attributeByXml;
        private final NameIndex attributeByJson;
        private final NameIndex childByXml;
        private final NameIndex childByJson;

        ElementSpec(String xmlName, AttributeSpec[] attributes, ChildSpec[] children) {
            this.xmlName = xmlName;
            this.attributes = attributes;
            this.children = children;
            int messageId = -1;
            int reference = -1;
            for (int i = 0; i < attributes.length; i++) {
                if (attributes[i].messageId) {
                    messageId = i;
                }
                if (attributes[i].target != null && reference < 0) {
                    reference = i;
                }
            }
            this.messageIdIndex = messageId;
            this.referenceIndex = reference;
            attributeByXml = new NameIndex(xmlName, Arrays.stream(attributes).map(a -> a.xmlName));
            attributeByJson = new NameIndex(xmlName, Arrays.stream(attributes).map(a -> a.jsonName));
            childByXml = new NameIndex(xmlName, Arrays.stream(children).map(c -> c.element.xmlName));
            childByJson = new NameIndex(xmlName, Arrays.stream(children).map(c -> c.jsonName));
            for (ChildSpec child : children) {
                if (attributeByJson.of(child.jsonName) >= 0) {
                    throw new IllegalStateException(xmlName + ": JSON name '" + child.jsonName + "' clashes");
                }
            }
        }

        int attributeByXml(String name) {
            return attributeByXml.of(name);
        }

        /** By term, or by its full IRI: a broker answering without the hub's context expands the names. */
        int attributeByJson(String name) {
            int i = attributeByJson.of(name);
            return i >= 0 || !name.startsWith(VOCABULARY) ? i : attributeByJson.of(name.substring(VOCABULARY.length()));
        }

        int childByXml(String name) {
            return childByXml.of(name);
        }

        int childByJson(String name) {
            int i = childByJson.of(name);
            return i >= 0 || !name.startsWith(VOCABULARY) ? i : childByJson.of(name.substring(VOCABULARY.length()));
        }
    }

    /**
     * Name to position among an element's few attributes or children. Woodstox and Jackson hand out interned
     * names, so an identity scan finds them before any hashing; the map serves parsers that do not intern.
     */
    private static final class NameIndex {
        private final String[] names;
        private final Map<String, Integer> positions = new HashMap<>();

        NameIndex(String owner, Stream<String> names) {
            this.names = names.map(n -> n == null ? null : n.intern()).toArray(String[]::new);
            for (int i = 0; i < this.names.length; i++) {
                String name = this.names[i];
                if (name == null) {
                    continue;
                }
                if (positions.put(name, i) != null || NGSI_LD_MEMBERS.contains(name)) {
                    throw new IllegalStateException(owner + ": name '" + name + "' is declared twice or reserved");
                }
            }
        }

        int of(String name) {
            for (int i = 0; i < names.length; i++) {
                if (names[i] == name) {
                    return i;
                }
            }
            return positions.getOrDefault(name, -1);
        }
    }
}
