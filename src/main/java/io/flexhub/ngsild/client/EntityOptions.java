package io.flexhub.ngsild.client;

import java.util.List;

/** Read options for a single entity. */
public record EntityOptions(List<String> attrs, boolean keyValues, boolean sysAttrs) {

    public static final EntityOptions NORMALIZED = new EntityOptions(List.of(), false, false);

    public EntityOptions {
        attrs = attrs == null ? List.of() : List.copyOf(attrs);
    }

    public static EntityOptions keyValuesOnly() {
        return new EntityOptions(List.of(), true, false);
    }
}
