package io.flexhub.selfconsumption;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import io.flexhub.common.StrictJson;
import io.flexhub.selfconsumption.plan.SiteAssets;
import io.flexhub.selfconsumption.plan.Tariff;

/**
 * Site assets in embedded mode, from {@code flexhub.selfconsumption.assets} (default
 * {@code classpath:site/demo-site-assets.json}): {@code {"sites": {"<site id>": {"tariff": {...}, "evSessions": [...],
 * "battery": {...}}}}}. A site that is not listed has no EVs and no battery (PV and load are still optimised for the
 * KPIs and the surplus). Read once; a bad file stops the start-up with the field named.
 */
@Component
public class SiteAssetsRepository {

    private final Map<String, SiteAssets> sites;

    public SiteAssetsRepository(SelfConsumptionProperties properties, ResourceLoader resources) {
        Resource file = resources.getResource(properties.assets());
        if (!file.exists()) {
            this.sites = Map.of();
            return;
        }
        try (InputStream in = file.getInputStream()) {
            this.sites = parse(StrictJson.read(in.readAllBytes(), "file"));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("site assets " + properties.assets() + ": " + e.getMessage(), e);
        }
    }

    public SiteAssets forSite(String siteId) {
        return sites.getOrDefault(siteId, SiteAssets.none(siteId));
    }

    static Map<String, SiteAssets> parse(JsonNode root) {
        Map<String, SiteAssets> out = new HashMap<>();
        root.path("sites").fields().forEachRemaining(entry -> {
            String siteId = entry.getKey();
            JsonNode s = entry.getValue();
            Tariff tariff = null;
            if (s.has("tariff")) {
                JsonNode t = s.get("tariff");
                tariff = new Tariff(num(t, "puntaEurPerKwh"), num(t, "llanoEurPerKwh"), num(t, "valleEurPerKwh"),
                        num(t, "exportEurPerKwh"));
            }
            List<SiteAssets.EvAsset> evs = new ArrayList<>();
            for (JsonNode e : s.path("evSessions")) {
                evs.add(new SiteAssets.EvAsset(text(e, "id"), text(e, "charger"), e.path("vehicle").asText(null),
                        LocalTime.parse(text(e, "arrival")), LocalTime.parse(text(e, "departure")),
                        num(e, "capacityKwh"), num(e, "soc"), num(e, "socMin"), num(e, "socMax"), num(e, "minKw"),
                        num(e, "maxKw"), e.path("chargeEfficiency").asDouble(0.92), num(e, "requiredKwh")));
            }
            SiteAssets.BatteryAsset battery = null;
            if (s.has("battery")) {
                JsonNode b = s.get("battery");
                battery = new SiteAssets.BatteryAsset(text(b, "device"), num(b, "capacityKwh"), num(b, "soc"),
                        num(b, "socMin"), num(b, "socMax"), num(b, "maxChargeKw"), num(b, "maxDischargeKw"),
                        b.path("roundTripEfficiency").asDouble(0.9025));
            }
            out.put(siteId, new SiteAssets(siteId, tariff, evs, battery));
        });
        return Map.copyOf(out);
    }

    private static String text(JsonNode n, String field) {
        if (!n.hasNonNull(field)) {
            throw new IllegalArgumentException("missing " + field + " in " + n);
        }
        return n.get(field).asText();
    }

    private static double num(JsonNode n, String field) {
        if (!n.path(field).isNumber()) {
            throw new IllegalArgumentException(field + " must be a number in " + n);
        }
        return n.get(field).asDouble();
    }
}
