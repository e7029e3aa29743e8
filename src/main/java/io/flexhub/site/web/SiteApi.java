package io.flexhub.site.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flexhub.common.ApiException;
import io.flexhub.site.ContextStore;
import io.flexhub.site.FlexConfiguration;
import io.flexhub.site.Site;
import io.flexhub.site.SiteContextUrl;
import io.flexhub.site.SiteEntities;
import io.flexhub.site.SiteVocabulary;
import io.flexhub.site.embedded.SiteRepository;

/**
 * The building manager's configuration panel back end ({@code /api/flex/configurations}) and the site overview
 * ({@code /api/site}, {@code /api/site/actuations}), over whichever {@link ContextStore} is active. Entities are
 * answered as NGSI-LD {@code application/ld+json} with the hub's @context inline, or as {@code application/json}
 * with the context in a Link header when the caller asks for plain JSON.
 */
@Component("siteApi")
public class SiteApi {

    public static final String CORE_CONTEXT = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld";
    private static final String JSON_LD = "application/ld+json";
    private static final int MAX_ACTUATIONS = 1000;

    private final ContextStore store;
    private final SiteRepository repository;
    private final SiteEntities entities;
    private final String siteContextUrl;
    private final byte[] contextDocument;
    private final ObjectMapper json = new ObjectMapper();

    public SiteApi(ContextStore store, SiteRepository repository, SiteContextUrl contextUrl) {
        this.store = store;
        this.repository = repository;
        this.siteContextUrl = contextUrl.value();
        this.entities = new SiteEntities(List.of(siteContextUrl, CORE_CONTEXT));
        this.contextDocument = SiteVocabulary.shipped().document();
    }

    public void listConfigurations(@Header("Accept") String accept, Message out) {
        ArrayNode list = json.createArrayNode();
        store.flexConfigurations().forEach(c -> list.add(entities.flexConfiguration(c)));
        answer(out, 200, list, accept);
    }

    public void getConfiguration(@Header("id") String id, @Header("Accept") String accept, Message out) {
        FlexConfiguration c = store.flexConfiguration(id)
                .orElseThrow(() -> ApiException.notFound("No FlexConfiguration " + id));
        answer(out, 200, entities.flexConfiguration(c), accept);
    }

    /** PUT: the body is the whole configuration (refDevice may be left out when it does not change). */
    public void putConfiguration(@Header("id") String id, @Header("Accept") String accept, @Body byte[] body,
            Message out) {
        update(id, accept, body, out, false);
    }

    /** PATCH: only the attributes in the body change. */
    public void patchConfiguration(@Header("id") String id, @Header("Accept") String accept, @Body byte[] body,
            Message out) {
        update(id, accept, body, out, true);
    }

    private void update(String id, String accept, byte[] body, Message out, boolean merge) {
        if (id == null || !id.startsWith("urn:ngsi-ld:FlexConfiguration:") || id.length() <= 30) {
            throw ApiException.badRequest("id must be urn:ngsi-ld:FlexConfiguration:<name>, got " + id);
        }
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("Empty body: send a FlexConfiguration entity");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("body could not be read: " + e.getMessage());
        }
        FlexConfiguration existing = store.flexConfiguration(id).orElse(null);
        // PUT replaces the configuration but may leave out the device (and the type) it keeps
        FlexConfiguration base = merge ? existing : existing == null ? null
                : new FlexConfiguration(id, existing.refDevice(), existing.flexibilityType(), null, null);
        if (merge && existing == null) {
            throw ApiException.notFound("No FlexConfiguration " + id + " to patch; PUT creates one");
        }
        FlexConfiguration updated;
        try {
            updated = SiteEntities.readFlexConfiguration(node, id, base);
            store.save(updated);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        answer(out, existing == null ? 201 : 200, entities.flexConfiguration(updated), accept);
    }

    public void sites(@Header("Accept") String accept, Message out) {
        ArrayNode list = json.createArrayNode();
        for (Site s : store.sites()) {
            var devices = store.devices(s.congestionPoint()).stream().filter(d -> d.siteId().equals(s.id())).toList();
            list.add(entities.building(s, devices));
            devices.forEach(d -> list.add(entities.device(d)));
        }
        answer(out, 200, list, accept);
    }

    public void actuations(@Header("device") String device, @Header("reference") String reference,
            @Header("limit") String limit, Message out) {
        int max = 100;
        if (limit != null) {
            try {
                max = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("limit must be a number, got " + limit);
            }
            if (max < 1 || max > MAX_ACTUATIONS) {
                throw ApiException.badRequest("limit must be 1.." + MAX_ACTUATIONS + ", got " + limit);
            }
        }
        ArrayNode list = json.createArrayNode();
        for (SiteRepository.ActuationRecord a : repository.actuations(blankToNull(device), blankToNull(reference), max)) {
            ObjectNode n = list.addObject();
            n.put("id", a.id());
            n.put("deviceId", a.deviceId());
            n.put("command", a.command().name());
            if (a.powerKw() == null) {
                n.putNull("powerKw");
            } else {
                n.put("powerKw", a.powerKw());
            }
            n.put("effectiveAt", a.effectiveAt().toString());
            n.put("reference", a.reference());
            n.put("recordedAt", a.recordedAt().toString());
            n.put("controlMode", a.controlMode());
            n.put("outcome", a.answer().outcome());
            if (a.answer().status() != null) {
                n.put("brokerStatus", a.answer().status());
            }
            n.put("brokerTitle", a.answer().title());
            n.put("brokerDetail", a.answer().detail());
        }
        out.removeHeaders("*");
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setBody(bytes(list));
    }

    public void contextDocument(Message out) {
        out.removeHeaders("*");
        out.setHeader(Exchange.CONTENT_TYPE, JSON_LD);
        out.setHeader("Cache-Control", "public, max-age=86400");
        out.setBody(contextDocument);
    }

    private void answer(Message out, int status, JsonNode body, String accept) {
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        boolean plainJson = accept != null && accept.contains("application/json") && !accept.contains(JSON_LD);
        if (plainJson) {
            stripContext(body);
            out.setHeader("Link", "<" + siteContextUrl
                    + ">; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"");
            out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        } else {
            out.setHeader(Exchange.CONTENT_TYPE, JSON_LD);
        }
        out.setBody(bytes(body));
    }

    private static void stripContext(JsonNode body) {
        if (body instanceof ObjectNode o) {
            o.remove("@context");
        } else if (body instanceof ArrayNode a) {
            a.forEach(SiteApi::stripContext);
        }
    }

    private byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
