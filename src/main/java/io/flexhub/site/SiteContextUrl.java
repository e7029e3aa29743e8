package io.flexhub.site;

/**
 * The @context URL of the site entities (Building, devices, FlexConfiguration) that the hub names everywhere: in Link
 * headers to the broker and in the entities it answers. The NGSI-LD adapter decides it (the operator's hosted
 * document, else the hub's own copy); the site domain only uses it.
 */
public record SiteContextUrl(String value) {

    public SiteContextUrl {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the site @context URL is required");
        }
    }

    /** Where the hub itself serves the document, under its public base URL. */
    public static SiteContextUrl servedBy(String publicBaseUrl) {
        String base = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        return new SiteContextUrl(base + "/ngsi-ld/contexts/site.jsonld");
    }
}
