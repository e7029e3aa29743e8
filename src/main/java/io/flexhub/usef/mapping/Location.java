package io.flexhub.usef.mapping;

import java.util.Arrays;

/**
 * Where the translator is inside a message, kept as a plain stack so that tracking it costs nothing until an
 * error message needs it. XML paths read {@code FlexRequest/ISP[3]} (1-based, as in XPath), JSON paths
 * {@code isps[2].minPower} (0-based, as in JSONPath).
 */
final class Location {

    private final String separator;
    private final boolean oneBased;
    private String[] names = new String[8];
    private int[] indexes = new int[8];
    private int depth;

    private Location(String separator, boolean oneBased) {
        this.separator = separator;
        this.oneBased = oneBased;
    }

    static Location xml() {
        return new Location("/", true);
    }

    static Location json() {
        return new Location(".", false);
    }

    void push(String name) {
        if (depth == names.length) {
            names = Arrays.copyOf(names, depth * 2);
            indexes = Arrays.copyOf(indexes, depth * 2);
        }
        names[depth] = name;
        indexes[depth] = -1;
        depth++;
    }

    /** Marks the innermost name as the given element of a list. */
    void index(int index) {
        indexes[depth - 1] = index;
    }

    void pop() {
        depth--;
    }

    boolean isEmpty() {
        return depth == 0;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            if (i > 0) {
                out.append(separator);
            }
            out.append(names[i]);
            if (indexes[i] >= 0) {
                out.append('[').append(indexes[i] + (oneBased ? 1 : 0)).append(']');
            }
        }
        return out.toString();
    }
}
