package alipaymcp.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A JSON object; member order is kept (Alipay's and upstream's texts depend on it). */
public record JsonObject(Map<String, JsonValue> members) implements JsonValue {
    public static final JsonObject EMPTY = new JsonObject(Map.of());

    public JsonObject {
        members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean has(String name) {
        return members.containsKey(name);
    }

    /** The member, or null when absent. */
    public JsonValue get(String name) {
        return members.get(name);
    }

    /** The member's string value when the member is a JSON string; empty otherwise. */
    public Optional<String> string(String name) {
        return members.get(name) instanceof JsonString s ? Optional.of(s.value()) : Optional.empty();
    }

    /** The member when it is an object; empty otherwise. */
    public Optional<JsonObject> object(String name) {
        return members.get(name) instanceof JsonObject o ? Optional.of(o) : Optional.empty();
    }

    public int size() {
        return members.size();
    }

    /** Builds an object in insertion order; a repeated name is a programming error. */
    public static final class Builder {
        private final LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();

        public Builder put(String name, JsonValue value) {
            Objects.requireNonNull(value, name);
            if (members.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("duplicate member " + name);
            }
            return this;
        }

        public Builder put(String name, String value) {
            return put(name, new JsonString(value));
        }

        public Builder put(String name, boolean value) {
            return put(name, JsonBoolean.of(value));
        }

        /** Puts the member only when value is not null. */
        public Builder putIfPresent(String name, JsonValue value) {
            return value == null ? this : put(name, value);
        }

        public Builder putIfPresent(String name, String value) {
            return value == null ? this : put(name, value);
        }

        public JsonObject build() {
            return new JsonObject(members);
        }
    }
}
