package io.flexhub.ngsild;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flexhub.ngsild.client.NgsiLdClient;
import io.flexhub.ngsild.client.NgsiLdException;
import io.flexhub.site.DeviceKind;
import io.flexhub.site.SiteEntities;

/**
 * The hub's subscriptions, under fixed ids so that registering them again (every start, every instance, after a
 * broker lost them) finds them: an identical one is left alone, a different one (new endpoint, new types) is
 * deleted and created again.
 */
public class NgsiLdSubscriptions {

    public static final String FLEX_CONFIGURATION = "urn:ngsi-ld:Subscription:flexhub-flexconfiguration";
    public static final String DEVICE_POWER = "urn:ngsi-ld:Subscription:flexhub-device-power";
    public static final String BUILDING = "urn:ngsi-ld:Subscription:flexhub-building";
    public static final String DEVICE = "urn:ngsi-ld:Subscription:flexhub-device";
    public static final String FORECAST = "urn:ngsi-ld:Subscription:flexhub-forecast";
    /** The forecast entities the hub listens to. */
    public static final String FORECAST_TYPE = "EnergyForecast";

    public enum Action { UNCHANGED, CREATED, REPLACED }

    private static final Logger LOG = LoggerFactory.getLogger(NgsiLdSubscriptions.class);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final NgsiLdClient client;
    private final String endpoint;

    /** @param endpoint where the broker posts notifications (secret included) */
    public NgsiLdSubscriptions(NgsiLdClient client, String endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    public Map<String, Action> ensure() {
        Map<String, JsonNode> existing = new LinkedHashMap<>();
        for (JsonNode s : client.listSubscriptions()) {
            existing.put(s.path("id").asText(), s);
        }
        Map<String, Action> done = new LinkedHashMap<>();
        for (ObjectNode wanted : wanted()) {
            String id = wanted.get("id").asText();
            JsonNode current = existing.get(id);
            Action action;
            if (current != null && same(current, wanted)) {
                action = Action.UNCHANGED;
            } else {
                if (current != null) {
                    client.deleteSubscription(id);
                }
                try {
                    client.createSubscription(wanted);
                } catch (NgsiLdException e) {
                    if (e.status() != 409) {
                        throw e;
                    }
                    // another instance created it between our list and our create
                }
                action = current == null ? Action.CREATED : Action.REPLACED;
            }
            done.put(id, action);
        }
        LOG.info("NGSI-LD subscriptions: {}", done);
        return done;
    }

    List<ObjectNode> wanted() {
        List<ObjectNode> list = new ArrayList<>();
        list.add(subscription(FLEX_CONFIGURATION, "FlexConfiguration changes (configuration panel)",
                List.of(SiteEntities.FLEX_CONFIGURATION), null));
        List<String> deviceTypes = new ArrayList<>();
        for (DeviceKind k : DeviceKind.values()) {
            deviceTypes.add(k.ngsiLdType());
        }
        list.add(subscription(DEVICE_POWER, "Device power measurements", deviceTypes, List.of(NgsiLdContextStore.POWER)));
        list.add(subscription(BUILDING, "Building changes (the context cache)", List.of(SiteEntities.BUILDING), null));
        // only what the cache holds: measurements and the hub's own commands would otherwise each cause a re-read
        list.add(subscription(DEVICE, "Device changes (the context cache)", deviceTypes,
                NgsiLdContextStore.DEVICE_ATTRIBUTES));
        list.add(subscription(FORECAST, "Forecasts", List.of(FORECAST_TYPE), null));
        return list;
    }

    private ObjectNode subscription(String id, String description, List<String> types, List<String> watched) {
        ObjectNode s = F.objectNode();
        s.put("id", id);
        s.put("type", "Subscription");
        s.put("description", description);
        ArrayNode entities = s.putArray("entities");
        types.forEach(t -> entities.addObject().put("type", t));
        if (watched != null) {
            ArrayNode w = s.putArray("watchedAttributes");
            watched.forEach(w::add);
        }
        ObjectNode notification = s.putObject("notification");
        notification.put("format", "normalized");
        ObjectNode ep = notification.putObject("endpoint");
        ep.put("uri", endpoint);
        ep.put("accept", "application/json");
        return s;
    }

    private static boolean same(JsonNode current, ObjectNode wanted) {
        String uri = current.at("/notification/endpoint/uri").asText(null);
        return Objects.equals(uri, wanted.at("/notification/endpoint/uri").asText())
                && types(current).equals(types(wanted))
                && watched(current).equals(watched(wanted));
    }

    private static List<String> types(JsonNode s) {
        List<String> t = new ArrayList<>();
        s.path("entities").forEach(e -> t.add(e.path("type").asText()));
        t.sort(null);
        return t;
    }

    private static List<String> watched(JsonNode s) {
        List<String> w = new ArrayList<>();
        JsonNode node = s.path("watchedAttributes");
        if (node.isTextual()) {
            w.add(node.asText());
        } else {
            node.forEach(a -> w.add(a.asText()));
        }
        w.sort(null);
        return w;
    }
}
