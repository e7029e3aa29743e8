package io.flexhub.common;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Typed reading of a caller's JSON document. Jackson's {@code asDouble()} and {@code asInt()} turn a string or an
 * object into 0 or the default without a word, so that {@code "n_isp": "many"} would be planned as 96 ISPs; these
 * refuse a value of the wrong type instead, naming where it is. Absent and {@code null} are the same.
 */
public final class JsonFields {

    private JsonFields() {
    }

    /** @throws IllegalArgumentException unless the node is a finite number */
    public static double number(JsonNode node, String what) {
        if (node == null || !node.isNumber() || !Double.isFinite(node.doubleValue())) {
            throw wrong(what, "a finite number", node);
        }
        return node.doubleValue();
    }

    /** @throws IllegalArgumentException unless the node is a whole number in int range */
    public static int integer(JsonNode node, String what) {
        if (node == null || !node.isNumber() || !node.canConvertToExactIntegral() || !node.canConvertToInt()) {
            throw wrong(what, "a whole number", node);
        }
        return node.intValue();
    }

    public static String text(JsonNode node, String what) {
        if (node == null || !node.isTextual()) {
            throw wrong(what, "a string", node);
        }
        return node.textValue();
    }

    public static JsonNode array(JsonNode node, String what) {
        if (node == null || !node.isArray()) {
            throw wrong(what, "an array", node);
        }
        return node;
    }

    public static double number(JsonNode parent, String key, double absent, String where) {
        return present(parent, key) ? number(parent.get(key), where + key) : absent;
    }

    public static int integer(JsonNode parent, String key, int absent, String where) {
        return present(parent, key) ? integer(parent.get(key), where + key) : absent;
    }

    public static String text(JsonNode parent, String key, String absent, String where) {
        return present(parent, key) ? text(parent.get(key), where + key) : absent;
    }

    public static boolean bool(JsonNode parent, String key, boolean absent, String where) {
        if (!present(parent, key)) {
            return absent;
        }
        JsonNode node = parent.get(key);
        if (!node.isBoolean()) {
            throw wrong(where + key, "true or false", node);
        }
        return node.booleanValue();
    }

    private static boolean present(JsonNode parent, String key) {
        return parent.hasNonNull(key);
    }

    private static IllegalArgumentException wrong(String what, String expected, JsonNode node) {
        String got = node == null ? "nothing" : node.toString();
        return new IllegalArgumentException(what + " must be " + expected + ", got "
                + (got.length() > 40 ? got.substring(0, 40) + "..." : got));
    }
}
