package io.flexhub.usef.xml;

import java.util.Map;

/**
 * Name and attributes of a document's root element, read without parsing the rest.
 *
 * @param attributes the attributes without a namespace (all UFTP attributes), by local name
 */
public record RootElement(String namespaceUri, String localName, Map<String, String> attributes) {

    public RootElement {
        attributes = Map.copyOf(attributes);
    }

    /** @return the attribute's value, or {@code null} if absent */
    public String attribute(String name) {
        return attributes.get(name);
    }
}
