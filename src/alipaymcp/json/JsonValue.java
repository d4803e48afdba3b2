package alipaymcp.json;

/**
 * A parsed or built JSON value. The six kinds are records (or an enum for null) so callers
 * switch over them with pattern matching; numbers keep their exact source text.
 */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {

    /** Compact JSON text of this value (see {@link JsonWriter}). */
    default String toJson() {
        return JsonWriter.write(this);
    }

    static JsonString of(String value) {
        return new JsonString(value);
    }

    static JsonBoolean of(boolean value) {
        return JsonBoolean.of(value);
    }
}
