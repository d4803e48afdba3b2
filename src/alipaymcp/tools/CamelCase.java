package alipaymcp.tools;

import alipaymcp.json.JsonArray;
import alipaymcp.json.JsonObject;
import alipaymcp.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Upstream prints failed responses after a deep camel-casing of the keys ({@code sub_code} becomes
 * {@code subCode}); key order and value tokens are kept. Depth is bounded by the JSON parser's limit.
 */
final class CamelCase {
    private CamelCase() {
    }

    static JsonValue keys(JsonValue value) {
        if (value instanceof JsonObject object) {
            Map<String, JsonValue> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
                out.putIfAbsent(name(member.getKey()), keys(member.getValue()));
            }
            return new JsonObject(out);
        }
        if (value instanceof JsonArray array) {
            List<JsonValue> out = new ArrayList<>(array.size());
            for (JsonValue element : array.elements()) {
                out.add(keys(element));
            }
            return new JsonArray(out);
        }
        return value;
    }

    /** Deletes each '_' and upper-cases the character after it. */
    static String name(String key) {
        if (key.indexOf('_') < 0) {
            return key;
        }
        StringBuilder out = new StringBuilder(key.length());
        boolean upper = false;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
