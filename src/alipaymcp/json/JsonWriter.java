package alipaymcp.json;

import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonBoolean;
import alipaymcp.json.JsonValue.JsonNumber;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue.JsonString;
import java.util.Map;
import java.util.Objects;

/**
 * Compact JSON text: no spaces, member order kept, numbers as their stored text. Strings escape
 * what JSON requires plus U+2028/U+2029 and unpaired surrogates, so the output is one line of
 * valid UTF-8 that any JSON reader (JavaScript's too) reads back unchanged.
 * Recursion follows the value's depth: parsed values are bounded by the parser's limit, and
 * values built by code are shallow.
 */
public final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonWriter() {
    }

    public static String write(JsonValue value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    public static void write(JsonValue value, StringBuilder out) {
        Objects.requireNonNull(value, "value");
        if (value instanceof JsonObject object) {
            writeObject(object, out);
        } else if (value instanceof JsonArray array) {
            writeArray(array, out);
        } else if (value instanceof JsonString string) {
            writeString(string.value(), out);
        } else if (value instanceof JsonNumber number) {
            out.append(number.text());
        } else if (value instanceof JsonBoolean bool) {
            out.append(bool.value() ? "true" : "false");
        } else {
            out.append("null");
        }
    }

    private static void writeObject(JsonObject object, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(member.getKey(), out);
            out.append(':');
            write(member.getValue(), out);
        }
        out.append('}');
    }

    private static void writeArray(JsonArray array, StringBuilder out) {
        out.append('[');
        boolean first = true;
        for (JsonValue element : array.elements()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            write(element, out);
        }
        out.append(']');
    }

    /** A quoted string; runs of chars that need no escape are copied in one append. */
    static void writeString(String s, StringBuilder out) {
        out.append('"');
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++; // a valid pair is written raw
            } else if (c == '"' || c == '\\' || c < 0x20 || c == '\u2028' || c == '\u2029'
                    || Character.isSurrogate(c)) {
                out.append(s, run, i);
                writeEscape(c, out);
                run = i + 1;
            }
        }
        out.append(s, run, s.length()).append('"');
    }

    private static void writeEscape(char c, StringBuilder out) {
        switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf])
                    .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
        }
    }
}
