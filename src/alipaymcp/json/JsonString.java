package alipaymcp.json;

import java.util.Objects;

/** A JSON string; may hold lone surrogates (JavaScript clients emit them). */
public record JsonString(String value) implements JsonValue {
    public JsonString {
        Objects.requireNonNull(value, "value");
    }
}
