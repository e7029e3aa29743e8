package io.flexhub.ngsild;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flexhub.common.ApiException;
import io.flexhub.common.Backoff;
import io.flexhub.common.HubInstance;
import io.flexhub.common.HubProperties;
import io.flexhub.ngsild.client.NgsiLdClient;
import io.flexhub.ngsild.client.NgsiLdDateTime;
import io.flexhub.ngsild.client.NgsiLdNotification;
import io.flexhub.ngsild.client.NgsiLdValues;
import io.flexhub.ngsild.client.UpsertResult;
import io.flexhub.site.ContextStore;
import io.flexhub.site.embedded.SiteRepository;
import io.flexhub.usef.UsefTranslator;

/**
 * What the ngsild-* routes call, in both modes: with a broker it refreshes the context cache, keeps the
 * subscriptions registered, takes notifications and upserts pending entities; without one those steps do nothing
 * (and the notification endpoint answers 404). The UFTP message log is published as NGSI-LD entities in both modes,
 * behind a cursor, so UFTP processing never waits for it and a restart resumes where it stopped.
 */
@Component("ngsiLdBridge")
public class NgsiLdBridge {

    static final String UFTP_STREAM = "uftp-messages";
    public static final String SECRET_HEADER = "X-Flexhub-Notify-Secret";
    private static final Logger LOG = LoggerFactory.getLogger(NgsiLdBridge.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final int BATCH = 50;

    private final NgsiLdProperties properties;
    private final HubProperties hub;
    private final ContextStore store;
    private final Optional<NgsiLdContextStore> broker;
    private final Optional<NgsiLdClient> siteClient;
    private final Optional<NgsiLdClient> uftpClient;
    private final SiteRepository repository;
    private final UsefTranslator translator;
    private final HubInstance instance;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public NgsiLdBridge(NgsiLdProperties properties, HubProperties hub, ContextStore store,
            Optional<NgsiLdContextStore> broker, @Qualifier("site") Optional<NgsiLdClient> siteClient,
            @Qualifier("uftp") Optional<NgsiLdClient> uftpClient, SiteRepository repository, UsefTranslator translator,
            HubInstance instance, Clock clock) {
        this.properties = properties;
        this.hub = hub;
        this.store = store;
        this.broker = broker;
        this.siteClient = siteClient;
        this.uftpClient = uftpClient;
        this.repository = repository;
        this.translator = translator;
        this.instance = instance;
        this.clock = clock;
    }

    public void refresh() {
        broker.ifPresent(NgsiLdContextStore::refresh);
    }

    /** Registers the subscriptions; needs a notification secret, else the cache is kept fresh by polling only. */
    public Map<String, NgsiLdSubscriptions.Action> subscribe() {
        if (siteClient.isEmpty() || !properties.subscriptions()) {
            return Map.of();
        }
        if (properties.notifySecret() == null) {
            LOG.warn("flexhub.ngsild.notify-secret is empty: no subscriptions, the context is refreshed every {}",
                    properties.refreshInterval());
            return Map.of();
        }
        return new NgsiLdSubscriptions(siteClient.get(), notificationEndpoint()).ensure();
    }

    public String notificationEndpoint() {
        String base = hub.publicBaseUrl().toString();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return base + "/ngsi-ld/notify/" + URLEncoder.encode(properties.notifySecret(), StandardCharsets.UTF_8);
    }

    /**
     * Checks the secret (path or header, compared in constant time) and parses the notification; both
     * {@code @context} placements (Link header with application/json, inline with ld+json, top level or per
     * entity) are accepted.
     */
    public NgsiLdNotification accept(Exchange exchange) {
        Message in = exchange.getMessage();
        if (broker.isEmpty() || properties.notifySecret() == null) {
            throw ApiException.notFound("This hub takes no NGSI-LD notifications (no broker or no notify secret)");
        }
        String given = in.getHeader("secret", String.class);
        if (given == null || given.isBlank()) {
            given = in.getHeader(SECRET_HEADER, String.class);
        }
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                properties.notifySecret().getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(401, "Unauthorized", "Unknown notification secret");
        }
        String type = in.getHeader(Exchange.CONTENT_TYPE, String.class);
        // application/json or application/ld+json: the entry takes nothing else (hub-rest.camel.yaml)
        String mime = type == null ? "" : type.split(";")[0].trim().toLowerCase(Locale.ROOT);
        JsonNode body;
        try {
            body = json.readTree(in.getBody(byte[].class));
        } catch (Exception e) {
            throw ApiException.badRequest("notification body is not JSON");
        }
        NgsiLdNotification n;
        try {
            n = NgsiLdValues.notification(body);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        if (mime.equals("application/ld+json") && n.contexts().isEmpty()) {
            throw ApiException.badRequest("@context is required in an application/ld+json notification");
        }
        return n;
    }

    /** Stellio counts a delivery as successful only on 200, so 200 rather than 204. */
    public void acknowledge(Message out) {
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        out.setBody(null);
    }

    public void applyNotification(NgsiLdNotification notification) {
        broker.ifPresent(b -> b.apply(notification));
    }

    /** Publishes UFTP messages logged since the last run; returns how many. */
    public int publishUftpMessages() {
        long from = repository.cursor(UFTP_STREAM);
        List<Map.Entry<Long, String>> batch = repository.uftpMessagesAfter(from, BATCH);
        if (batch.isEmpty()) {
            return 0;
        }
        List<Map<String, Object>> entities = new ArrayList<>();
        for (Map.Entry<Long, String> row : batch) {
            try {
                // the UFTP XML's timestamps carry any offset and up to nine digits: brokers get the canonical form
                JsonNode entity = NgsiLdDateTime.canonicalize(json.readTree(
                        translator.mapper().toJsonLd(row.getValue().getBytes(StandardCharsets.UTF_8))));
                entities.add(json.convertValue(entity, new TypeReference<Map<String, Object>>() { }));
            } catch (Exception e) {
                // a logged message that does not map cannot become one later: skip it, keep the rest flowing
                LOG.warn("UFTP message row {} not published as an NGSI-LD entity: {}", row.getKey(), e.getMessage());
            }
        }
        store.publish(entities);
        long to = batch.get(batch.size() - 1).getKey();
        if (!repository.advanceCursor(UFTP_STREAM, from, to, clock.instant())) {
            LOG.debug("Another instance published UFTP messages {}..{} too (upserts are idempotent)", from, to);
        }
        return entities.size();
    }

    /** Upserts due pending entities to the broker, each claimed with a lease; failures back off exponentially. */
    public int sendPending() {
        if (siteClient.isEmpty()) {
            return 0;
        }
        int sent = 0;
        Instant now = clock.instant();
        for (String id : repository.duePending(now, BATCH)) {
            Optional<SiteRepository.EntityRecord> claimed = repository.claim(id, instance.id(), now, now.plus(LEASE));
            if (claimed.isEmpty()) {
                continue;
            }
            SiteRepository.EntityRecord e = claimed.get();
            try {
                ObjectNode entity = (ObjectNode) json.readTree(e.json());
                List<String> contexts = NgsiLdValues.contexts(entity);
                entity.remove("@context");
                NgsiLdClient client = contexts.contains(hub.uftpContextUrl()) ? uftpClient.orElseThrow() : siteClient.get();
                UpsertResult result = client.upsert(List.of(entity), true);
                if (result.hasErrors()) {
                    throw new IllegalStateException("broker refused: " + result.errors());
                }
                repository.markSent(id, e.updatedAt());
                sent++;
            } catch (Exception ex) {
                Duration delay = backoff(e.attempts());
                repository.reschedule(id, ex.getMessage(), clock.instant().plus(delay));
                LOG.warn("Entity {} not upserted (attempt {}), next try in {}: {}", id, e.attempts() + 1, delay,
                        ex.getMessage());
            }
        }
        return sent;
    }

    /** Delay before the next upsert of an entity whose upserts failed {@code attempts} times: twice the interval first. */
    Duration backoff(int attempts) {
        return new Backoff(properties.publishInterval(), properties.publishMaxDelay()).after(attempts + 1);
    }
}
