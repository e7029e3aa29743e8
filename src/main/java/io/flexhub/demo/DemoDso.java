package io.flexhub.demo;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.lfenergy.shapeshifter.api.FlexOffer;
import org.lfenergy.shapeshifter.api.FlexOrder;
import org.lfenergy.shapeshifter.api.FlexRequest;
import org.lfenergy.shapeshifter.api.PayloadMessageResponseType;
import org.lfenergy.shapeshifter.api.PayloadMessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.flexhub.usef.HubSigningKey;
import io.flexhub.usef.ParticipantDirectory;
import io.flexhub.usef.ParticipantSource;
import io.flexhub.usef.UsefProperties;
import io.flexhub.usef.crypto.Cs1;
import io.flexhub.usef.crypto.Cs1PrivateKey;
import io.flexhub.usef.outbox.PeerEndpoint;
import io.flexhub.usef.transport.SignedEnvelope;
import io.flexhub.usef.transport.SignedMessageCodec;
import io.flexhub.usef.transport.UftpTransportException;
import io.flexhub.usef.validation.UftpMessageType;
import io.flexhub.usef.xml.UftpJaxb;

/**
 * A DSO living inside the hub for the quick start: it signs with the published demo key, receives the hub's
 * messages on its own endpoint and remembers the last ones in memory (a demo needs no durability). It is a UFTP
 * participant only while it runs: switched off, nothing trusts its published key.
 */
@Component
@ConditionalOnExpression("${flexhub.demo.enabled:false} and !'${flexhub.demo.dso-private-key:}'.isBlank()")
public class DemoDso implements ParticipantSource {

    private static final Logger LOG = LoggerFactory.getLogger(DemoDso.class);
    static final String ROLE = "DSO";
    static final String SEND_ROUTE = "direct:demo-dso-send";
    /** The exchange property carrying the camel-http URI of the hub's transport endpoint. */
    static final String HUB_URI = "demoDsoHubUri";

    /** One message the demo DSO got, or sent (then {@code result} is the hub's HTTP status). */
    public record Entry(String direction, String type, String messageId, String conversationId, String references,
                        String result, String rejectionReason, String at) {
    }

    private final DemoProperties properties;
    private final UsefProperties usef;
    private final HubSigningKey hubKey;
    private final SignedMessageCodec codec;
    private final UftpJaxb jaxb;
    private final Clock clock;
    private final Environment environment;
    private final Cs1PrivateKey key;
    private final DemoDsoMessages messages;
    private final Deque<Entry> log = new ArrayDeque<>();
    private final ObjectProvider<ProducerTemplate> producer;

    public DemoDso(DemoProperties properties, UsefProperties usef, HubSigningKey hubKey, SignedMessageCodec codec,
                   UftpJaxb jaxb, Clock clock, Environment environment, ObjectProvider<ProducerTemplate> producer) {
        this.properties = properties;
        this.usef = usef;
        this.hubKey = hubKey;
        this.codec = codec;
        this.jaxb = jaxb;
        this.clock = clock;
        this.environment = environment;
        try {
            this.key = Cs1PrivateKey.parse(properties.dsoPrivateKey().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("flexhub.demo.dso-private-key is invalid: " + e.getMessage(), e);
        }
        this.messages = new DemoDsoMessages(properties.dsoDomain(), usef.ownDomain(), usef.market().timeZone(),
                usef.market().ispDuration());
        this.producer = producer;
        LOG.warn("Demo DSO {} is enabled and trusted as a participant with public key {}; its private key is public."
                + " Set FLEXHUB_DEMO_ENABLED=false outside a demo", properties.dsoDomain(), key.publicKey().toCs1String());
    }

    @Override
    public List<ParticipantDirectory.Peer> peers() {
        URI endpoint = isBlank(properties.dsoEndpoint()) ? localUrl("/demo-dso/shapeshifter/api/v3/message")
                : properties.dsoEndpoint();
        return List.of(new ParticipantDirectory.Peer(properties.dsoDomain(), ROLE, key.publicKey(), endpoint));
    }

    public DemoDsoMessages messages() {
        return messages;
    }

    public DemoProperties properties() {
        return properties;
    }

    /**
     * Opens a message the hub sent to the demo DSO and records it.
     *
     * @return the message
     * @throws UftpTransportException 400 for a bad envelope or payload, 401 if not signed by this hub
     */
    public PayloadMessageType receive(byte[] body) {
        SignedEnvelope envelope = codec.parse(body);
        if (!usef.ownDomain().equals(envelope.senderDomain())) {
            throw new UftpTransportException(UftpTransportException.UNAUTHORIZED,
                    "the demo DSO only trades with " + usef.ownDomain() + ", not " + envelope.senderDomain());
        }
        byte[] payload = envelope.open(List.of(hubKey.privateKey().publicKey()));
        PayloadMessageType message;
        try {
            message = jaxb.unmarshal(payload);
        } catch (RuntimeException e) {
            throw new UftpTransportException(UftpTransportException.BAD_REQUEST, e.getMessage(), e);
        }
        String result = null;
        String reason = null;
        if (message instanceof PayloadMessageResponseType response) {
            result = response.getResult() == null ? null : response.getResult().value();
            reason = response.getRejectionReason();
        }
        String references = message instanceof FlexOffer offer ? offer.getFlexRequestMessageID()
                : UftpMessageType.of(message).referencedMessageId(message).orElse(null);
        remember(new Entry("received", message.getClass().getSimpleName(), message.getMessageID(),
                message.getConversationID(), references, result, reason, clock.instant().toString()));
        LOG.info("Demo DSO received {} {}{}", message.getClass().getSimpleName(), message.getMessageID(),
                result == null ? "" : " (" + result + (reason == null ? "" : ": " + reason) + ")");
        return message;
    }

    /** Answers a FlexOffer with a FlexOfferResponse and, if it orders automatically, orders the offer. */
    public void answer(FlexOffer offer) {
        int status = send(messages.accepted(offer, clock.instant()));
        if (status != 200 || !properties.autoOrder()) {
            return;
        }
        Optional<FlexOrder> order = messages.order(offer, properties.activationFactor(), clock.instant());
        if (order.isPresent()) {
            send(order.get());
        } else {
            LOG.info("Demo DSO does not order FlexOffer {}: it has no option", offer.getMessageID());
        }
    }

    public FlexRequest flexRequest(DemoDsoMessages.Window window) {
        return messages.flexRequest(window, properties.congestionPoint(), clock.instant());
    }

    /**
     * Signs and posts a message to the hub's transport endpoint.
     *
     * @return the hub's HTTP status, or -1 if the hub could not be reached
     */
    public int send(PayloadMessageType message) {
        byte[] body = codec.write(properties.dsoDomain(), ROLE, Cs1.seal(jaxb.marshal(message), key));
        int status;
        String failure = null;
        // the route demo-dso-send posts it through a camel-http endpoint, so the demo's calls show in Hawtio too
        Exchange sent = producer.getObject().send(SEND_ROUTE, e -> {
            e.getMessage().setBody(body);
            e.setProperty(HUB_URI, PeerEndpoint.uri(hubEndpoint().toString(), usef.outbox().connectTimeout(),
                    usef.outbox().requestTimeout()));
        });
        Integer code = sent.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (sent.getException() != null || code == null) {
            status = -1;
            Exception e = sent.getException() != null ? sent.getException()
                    : sent.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            failure = e == null ? "no answer" : e.toString();
        } else {
            status = code;
            if (status != 200) {
                failure = PeerEndpoint.excerpt(sent.getMessage().getBody(String.class));
            }
        }
        String references = message instanceof FlexOrder order ? order.getFlexOfferMessageID()
                : message instanceof FlexRequest ? null
                : UftpMessageType.of(message).referencedMessageId(message).orElse(null);
        remember(new Entry("sent", message.getClass().getSimpleName(), message.getMessageID(),
                message.getConversationID(), references, "HTTP " + status, failure, clock.instant().toString()));
        if (status == 200) {
            LOG.info("Demo DSO sent {} {} to {}", message.getClass().getSimpleName(), message.getMessageID(), hubEndpoint());
        } else {
            LOG.warn("Demo DSO could not send {} {} to {}: HTTP {} {}", message.getClass().getSimpleName(),
                    message.getMessageID(), hubEndpoint(), status, failure);
        }
        return status;
    }

    URI hubEndpoint() {
        return isBlank(properties.hubEndpoint()) ? localUrl("/shapeshifter/api/v3/message") : properties.hubEndpoint();
    }

    private URI localUrl(String path) {
        // the port the server really listens on, also when server.port is 0
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return URI.create("http://localhost:" + port + path);
    }

    private static boolean isBlank(URI uri) {
        return uri == null || uri.toString().isBlank();
    }

    private void remember(Entry entry) {
        synchronized (log) {
            log.addLast(entry);
            while (log.size() > properties.receivedLimit()) {
                log.removeFirst();
            }
        }
    }

    /** Newest first. */
    public List<Entry> entries() {
        synchronized (log) {
            List<Entry> list = new ArrayList<>(log);
            java.util.Collections.reverse(list);
            return list;
        }
    }
}
