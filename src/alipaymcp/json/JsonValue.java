package alipaymcp.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed or built JSON value. The six kinds, nested here, are records (or an enum for null) so callers
 * switch over them with pattern matching; numbers keep their exact source text.
 */
public sealed interface JsonValue {

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

    /** A JSON object; member order is kept (Alipay's and upstream's texts depend on it). */
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

    /** A JSON array; the element list is an immutable copy. */
    record JsonArray(List<JsonValue> elements) implements JsonValue {
        public JsonArray {
            elements = List.copyOf(elements);
        }

        public static JsonArray of(JsonValue... elements) {
            return new JsonArray(List.of(elements));
        }

        public int size() {
            return elements.size();
        }

        public JsonValue get(int index) {
            return elements.get(index);
        }
    }

    /** A JSON string; may hold lone surrogates (JavaScript clients emit them). */
    record JsonString(String value) implements JsonValue {
        public JsonString {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A JSON number kept as its exact source text (RFC 8259 grammar), so ids and amounts are echoed
     * and parsed without ever passing through {@code double}.
     */
    record JsonNumber(String text) implements JsonValue {
        public JsonNumber {
            if (!isValidLexeme(text)) {
                throw new IllegalArgumentException("not a JSON number lexeme");
            }
        }

        public static JsonNumber of(long value) {
            return new JsonNumber(Long.toString(value));
        }

        /** Plain decimal text of {@code value}: never an exponent, never a trailing ".0". */
        public static JsonNumber of(BigDecimal value) {
            BigDecimal stripped = value.stripTrailingZeros();
            return new JsonNumber(stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString());
        }

        public BigDecimal toBigDecimal() {
            return new BigDecimal(text);
        }

        /** True when the lexeme has no fraction and no exponent: an integer in JSON-RPC's sense. */
        public boolean isIntegerLexeme() {
            return text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
        }

        /** The exact integer, for an integer lexeme. */
        public BigInteger toBigInteger() {
            return new BigInteger(text);
        }

        /**
         * RFC 8259: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? ; checked by hand because the first id parsed
         * is on the start-up path, where no regex or lambda is bootstrapped (issue 15, measured: with them the
         * initialize reply came about 30 ms later, 25 interleaved runs; {@code StartupPathTest} pins it).
         * A missing digit run makes the index -1, which no later step matches ({@code startsWith} is false for
         * a negative offset) and which never equals the length.
         */
        static boolean isValidLexeme(String s) {
            if (s == null) {
                return false;
            }
            int i = s.startsWith("-") ? 1 : 0;
            i = s.startsWith("0", i) ? i + 1 : digitsEnd(s, i);
            if (s.startsWith(".", i)) {
                i = digitsEnd(s, i + 1);
            }
            if (s.startsWith("e", i) || s.startsWith("E", i)) {
                i++;
                if (s.startsWith("+", i) || s.startsWith("-", i)) {
                    i++;
                }
                i = digitsEnd(s, i);
            }
            return i == s.length();
        }

        /** The index after the run of ASCII digits starting at {@code from}, or -1 when there is none. */
        private static int digitsEnd(String s, int from) {
            int i = from;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
            return i > from ? i : -1;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }

    /** {@code true} or {@code false}. */
    record JsonBoolean(boolean value) implements JsonValue {
        public static final JsonBoolean TRUE = new JsonBoolean(true);
        public static final JsonBoolean FALSE = new JsonBoolean(false);

        public static JsonBoolean of(boolean value) {
            return value ? TRUE : FALSE;
        }
    }

    /** JSON {@code null}: a single instance. */
    enum JsonNull implements JsonValue {
        NULL
    }
}
