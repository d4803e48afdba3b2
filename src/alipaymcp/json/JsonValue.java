package alipaymcp.json;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A parsed or built JSON value: six kinds, records (an enum for null) for callers' pattern matching. */
public sealed interface JsonValue {
    /**
     * Compact JSON text, member order kept. Strings escape what JSON requires plus U+2028/U+2029 and unpaired
     * surrogates, so the output is one line of valid UTF-8 that any reader (JavaScript's too) reads back
     * unchanged. Recursion is bounded by the parser's depth limit; values built by code are shallow.
     */
    default String toJson() {
        StringBuilder out = new StringBuilder();
        write(this, out);
        return out.toString();
    }

    static JsonString of(String value) {
        return new JsonString(value);
    }

    /** Member order is kept: Alipay's and upstream's texts depend on it. */
    record JsonObject(Map<String, JsonValue> members) implements JsonValue {
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

        /** The member's value when it is a JSON string; empty otherwise. */
        public Optional<String> string(String name) {
            return members.get(name) instanceof JsonString s ? Optional.of(s.value()) : Optional.empty();
        }

        /** The member when it is an object; empty otherwise. */
        public Optional<JsonObject> object(String name) {
            return members.get(name) instanceof JsonObject o ? Optional.of(o) : Optional.empty();
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

    record JsonArray(List<JsonValue> elements) implements JsonValue {
        public JsonArray {
            elements = List.copyOf(elements);
        }

        public static JsonArray of(JsonValue... elements) {
            return new JsonArray(List.of(elements));
        }
    }

    /** May hold lone surrogates (JavaScript clients emit them). */
    record JsonString(String value) implements JsonValue {
        public JsonString {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The exact source text, so ids and amounts are echoed and parsed without ever passing through double. */
    record JsonNumber(String text) implements JsonValue {
        public JsonNumber {
            if (!JsonParser.isNumber(text)) {
                throw new IllegalArgumentException("not a JSON number lexeme");
            }
        }

        public static JsonNumber of(long value) {
            return new JsonNumber(Long.toString(value));
        }

        /** Plain decimal text of {@code value}: never an exponent, never a trailing ".0". */
        public static JsonNumber of(BigDecimal value) {
            return new JsonNumber(value.stripTrailingZeros().toPlainString());
        }

        public BigDecimal toBigDecimal() {
            return new BigDecimal(text);
        }

        /** No fraction and no exponent: an integer in JSON-RPC's sense. */
        public boolean isIntegerLexeme() {
            return text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
        }
    }

    record JsonBoolean(boolean value) implements JsonValue {
        public static final JsonBoolean TRUE = new JsonBoolean(true);
        public static final JsonBoolean FALSE = new JsonBoolean(false);

        public static JsonBoolean of(boolean value) {
            return value ? TRUE : FALSE;
        }
    }

    enum JsonNull implements JsonValue {
        NULL
    }

    private static void write(JsonValue value, StringBuilder out) {
        if (value instanceof JsonObject object) {
            out.append('{');
            String separator = "";
            for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
                writeString(member.getKey(), out.append(separator));
                write(member.getValue(), out.append(':'));
                separator = ",";
            }
            out.append('}');
        } else if (value instanceof JsonArray array) {
            out.append('[');
            String separator = "";
            for (JsonValue element : array.elements()) {
                write(element, out.append(separator));
                separator = ",";
            }
            out.append(']');
        } else if (value instanceof JsonString string) {
            writeString(string.value(), out);
        } else if (value instanceof JsonNumber number) {
            out.append(number.text());
        } else if (value instanceof JsonBoolean bool) {
            out.append(bool.value());
        } else {
            out.append("null");
        }
    }

    /** A quoted string; a valid surrogate pair is written as it is, a lone surrogate escaped. */
    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int simple = "\"\\\b\f\n\r\t".indexOf(c);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (simple >= 0) {
                out.append('\\').append("\"\\bfnrt".charAt(simple));
            } else if (c < 0x20 || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)) {
                out.append("\\u").append(HexFormat.of().toHexDigits(c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
