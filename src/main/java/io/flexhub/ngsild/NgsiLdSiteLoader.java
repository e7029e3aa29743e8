package io.flexhub.ngsild;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.Body;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flexhub.common.ApiException;
import io.flexhub.common.JsonReplies;
import io.flexhub.ngsild.client.EntityOptions;
import io.flexhub.ngsild.client.NgsiLdClient;
import io.flexhub.ngsild.client.NgsiLdException;
import io.flexhub.ngsild.client.NgsiLdValues;
import io.flexhub.ngsild.client.UpsertResult;
import io.flexhub.site.Device;
import io.flexhub.site.DeviceSetting;
import io.flexhub.site.FlexConfiguration;
import io.flexhub.site.Site;
import io.flexhub.site.SiteEntities;
import io.flexhub.site.SiteVocabulary;
import io.flexhub.site.embedded.SiteFile;

/**
 * Puts a {@code flexhub-site/1} building into the broker ({@code POST /api/site/broker-load}), under the site
 * client's @context URL: Buildings and devices are upserted with {@code options=update} (what the document says
 * wins, attributes it does not name, such as measurements, stay), FlexConfigurations and the attributes device
 * commands PATCH ({@code powerLimit}, {@code controlMode}, {@code actuationReference}) are created only where the
 * broker has none, so loading again never undoes a building manager's edit or a device's current command.
 */
@Component("ngsiLdSiteLoader")
public class NgsiLdSiteLoader {

    private static final Logger LOG = LoggerFactory.getLogger(NgsiLdSiteLoader.class);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final SiteVocabulary VOCABULARY = SiteVocabulary.shipped();
    private static final List<String> COMMANDED = List.of("powerLimit", "controlMode", "actuationReference");

    private final Optional<NgsiLdClient> client;
    private final Optional<NgsiLdContextStore> cache;
    private final SiteEntities entities = new SiteEntities(List.of());
    private final ObjectMapper json = new ObjectMapper();

    public NgsiLdSiteLoader(@Qualifier("site") Optional<NgsiLdClient> client, Optional<NgsiLdContextStore> cache) {
        this.client = client;
        this.cache = cache;
    }

    public void load(@Body byte[] body, Message out) {
        if (client.isEmpty()) {
            throw ApiException.notFound("This hub has no NGSI-LD broker (flexhub.ngsild.broker-url is empty), so there "
                    + "is none to load a building into; without a broker the hub serves flexhub.site.file");
        }
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("Empty body: send a " + SiteFile.FORMAT + " document");
        }
        SiteFile file;
        try {
            file = SiteFile.parse(body, "Site document");
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        JsonReplies.respond(out, json, 200, load(file));
    }

    /** @return what was sent, for the operator: ids per kind, created and kept configurations and attributes */
    Map<String, Object> load(SiteFile file) {
        NgsiLdClient broker = client.orElseThrow();
        List<ObjectNode> batch = new ArrayList<>();
        for (Site s : file.sites()) {
            batch.add(withoutContext(entities.building(s, file.devices().stream()
                    .filter(d -> d.siteId().equals(s.id())).toList())));
        }
        Map<String, List<String>> commandedCreated = new LinkedHashMap<>();
        for (Device d : file.devices()) {
            ObjectNode entity = withoutContext(entities.device(d));
            Optional<JsonNode> held = broker.getEntity(d.id(), EntityOptions.NORMALIZED);
            List<String> created = new ArrayList<>();
            for (String name : COMMANDED) {
                if (held.map(e -> attribute(e, name).isMissingNode()).orElse(true)) {
                    entity.set(name, restingValue(name, d));
                    created.add(name);
                }
            }
            if (!created.isEmpty()) {
                commandedCreated.put(d.id(), created);
            }
            batch.add(entity);
        }
        List<String> configsCreated = new ArrayList<>();
        List<String> configsKept = new ArrayList<>();
        for (FlexConfiguration c : file.configurations()) {
            if (broker.getEntity(c.id(), EntityOptions.NORMALIZED).isPresent()) {
                configsKept.add(c.id());
            } else {
                batch.add(withoutContext(entities.flexConfiguration(c)));
                configsCreated.add(c.id());
            }
        }
        UpsertResult result = broker.upsert(batch, true);
        if (result.hasErrors()) {
            UpsertResult.BatchError first = result.errors().get(0);
            throw new NgsiLdException(first.status(), first.problemType(), first.title(), first.detail(),
                    result.errors().size() + " of " + batch.size() + " entities were refused: " + result.errors()
                            + " (the others were stored; loading again is safe)", null);
        }
        LOG.info("Loaded {} Building(s), {} device(s) and {} new FlexConfiguration(s) into the broker under {}",
                file.sites().size(), file.devices().size(), configsCreated.size(), broker.config().contextUrl());
        try {
            cache.ifPresent(NgsiLdContextStore::refresh);
        } catch (NgsiLdException e) {
            LOG.warn("Building loaded, but the context cache was not re-read ({}); the next refresh will", e.getMessage());
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("context", broker.config().contextUrl());
        report.put("buildings", file.sites().stream().map(Site::id).toList());
        report.put("devices", file.devices().stream().map(Device::id).toList());
        report.put("flexConfigurationsCreated", configsCreated);
        report.put("flexConfigurationsKept", configsKept);
        report.put("commandAttributesCreated", commandedCreated);
        return report;
    }

    /** Not limited (its rated power) and following its own schedule: what a restore leaves, before any command. */
    private static ObjectNode restingValue(String name, Device d) {
        ObjectNode p = F.objectNode();
        p.put("type", "Property");
        switch (name) {
            case "powerLimit" -> p.put("value", d.ratedPowerKw()).put("unitCode", "KWT");
            case "controlMode" -> p.put("value", DeviceSetting.SCHEDULE);
            default -> p.put("value", "none");
        }
        return p;
    }

    private static JsonNode attribute(JsonNode entity, String name) {
        return NgsiLdValues.attribute(entity, name, VOCABULARY.iri(name).orElse(name),
                NgsiLdValues.DEFAULT_CONTEXT_PREFIX + name);
    }

    private static ObjectNode withoutContext(ObjectNode entity) {
        entity.remove("@context");
        return entity;
    }
}
