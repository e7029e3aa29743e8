package io.flexhub.support;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.lfenergy.shapeshifter.api.AvailableRequestedType;
import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexOfferOptionISPType;
import org.lfenergy.shapeshifter.api.FlexOfferOptionType;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexOrderISPType;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.FlexRequestISPType;
import org.lfenergy.shapeshifter.api.PayloadMessageType;

import io.flexhub.usef.crypto.Cs1;
import io.flexhub.usef.crypto.Cs1KeyPair;
import io.flexhub.usef.transport.SignedMessageCodec;
import io.flexhub.usef.xml.UftpJaxb;
import io.flexhub.usef.xml.UftpXsd;

/** A DSO as a test peer: its own key pair, and the UFTP messages it would send to the hub, signed. */
public final class UftpTestPeer {

    public static final String DSO_DOMAIN = "dso.test.example";
    public static final String DSO2_DOMAIN = "dso2.test.example";
    public static final String BARRED_DOMAIN = "barred.test.example";
    public static final String HUB_DOMAIN = "agr.test.example";
    public static final ZoneId MARKET_ZONE = ZoneId.of("Europe/Amsterdam");
    /** The demo building's: the hub rejects messages about congestion points where it has no building. */
    public static final String CONGESTION_POINT = "ean.871685900012636543";

    private static final UftpXsd XSD = new UftpXsd();
    private static final UftpJaxb JAXB = new UftpJaxb(XSD);
    private static final SignedMessageCodec CODEC = new SignedMessageCodec(XSD);

    /** Each FlexRequest gets a higher Revision, as a DSO revising its request for the same day would send. */
    private static final AtomicLong REVISIONS = new AtomicLong();

    private final Cs1KeyPair keys;
    private final String domain;

    public UftpTestPeer() {
        this(DSO_DOMAIN);
    }

    public UftpTestPeer(String domain) {
        this(domain, Cs1KeyPair.generate());
    }

    /** A peer signing with given keys, e.g. a published one that must not be trusted. */
    public UftpTestPeer(String domain, Cs1KeyPair keys) {
        this.domain = domain;
        this.keys = keys;
    }

    public String domain() {
        return domain;
    }

    public String publicKeyCs1() {
        return keys.publicKey().toCs1String();
    }

    public Cs1KeyPair keys() {
        return keys;
    }

    /**
     * A FlexRequest for tomorrow (market time) at the demo building: 96 ISPs, Requested reduction at ISPs 69-72
     * (17:00-18:00).
     */
    public FlexRequest flexRequest() {
        LocalDate tomorrow = LocalDate.now(MARKET_ZONE).plusDays(1);
        FlexRequest request = new FlexRequest();
        header(request, UUID.randomUUID().toString());
        request.setISPDuration(Duration.ofMinutes(15));
        request.setTimeZone(MARKET_ZONE.getId());
        request.setPeriod(tomorrow);
        request.setCongestionPoint(CONGESTION_POINT);
        request.setRevision(REVISIONS.incrementAndGet());
        request.setExpirationDateTime(tomorrow.atTime(12, 0).atZone(MARKET_ZONE).toOffsetDateTime());
        for (int isp = 1; isp <= 96; isp++) {
            FlexRequestISPType i = new FlexRequestISPType();
            i.setStart((long) isp);
            i.setDuration(1L);
            boolean requested = isp >= 69 && isp <= 72;
            i.setDisposition(requested ? AvailableRequestedType.REQUESTED : AvailableRequestedType.AVAILABLE);
            i.setMinPower(requested ? -20_000L : -50_000L);
            i.setMaxPower(requested ? -5_000L : 50_000L);
            request.getISPS().add(i);
        }
        return request;
    }

    /** A FlexOrder of this peer for an offer's first option in full: its ISPs, its price, activation factor 1. */
    public FlexOrder orderInFull(FlexOffer offer, String orderReference) {
        FlexOfferOptionType option = offer.getOfferOptions().get(0);
        FlexOrder order = header(new FlexOrder(), offer.getConversationID());
        order.setISPDuration(offer.getISPDuration());
        order.setTimeZone(offer.getTimeZone());
        order.setPeriod(offer.getPeriod());
        order.setCongestionPoint(offer.getCongestionPoint());
        order.setFlexOfferMessageID(offer.getMessageID());
        order.setOptionReference(option.getOptionReference());
        order.setOrderReference(orderReference);
        order.setActivationFactor(BigDecimal.ONE);
        order.setPrice(option.getPrice());
        order.setCurrency(offer.getCurrency());
        for (FlexOfferOptionISPType isp : option.getISPS()) {
            FlexOrderISPType o = new FlexOrderISPType();
            o.setStart(isp.getStart());
            o.setDuration(isp.getDuration());
            o.setPower(isp.getPower());
            order.getISPS().add(o);
        }
        return order;
    }

    public <T extends PayloadMessageType> T header(T message, String conversationId) {
        message.setVersion("3.0.0");
        message.setSenderDomain(domain);
        message.setRecipientDomain(HUB_DOMAIN);
        message.setTimeStamp(OffsetDateTime.now(ZoneOffset.UTC));
        message.setMessageID(UUID.randomUUID().toString());
        message.setConversationID(conversationId);
        return message;
    }

    public static byte[] xml(PayloadMessageType message) {
        return JAXB.marshal(message);
    }

    public static PayloadMessageType parse(byte[] xml) {
        return JAXB.unmarshal(xml);
    }

    /** The SignedMessage envelope a DSO posts: payload sealed with this peer's key. */
    public byte[] signed(PayloadMessageType message) {
        return signedXml(xml(message));
    }

    public byte[] signedXml(byte[] payloadXml) {
        return CODEC.write(domain, "DSO", Cs1.seal(payloadXml, keys.privateKey()));
    }

    public static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public static SignedMessageCodec codec() {
        return CODEC;
    }
}
