package alipaymcp.tools;

import alipaymcp.alipay.Amount;
import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonBoolean;
import alipaymcp.json.JsonValue.JsonNumber;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue.JsonString;
import alipaymcp.json.JsonValue;
import java.math.BigDecimal;
import java.util.Set;

/** One call's arguments, checked against PRODUCT.md's rules; every failure names the argument and the rule. */
final class Arguments {
    static final int MAX_ID = 64;
    static final int MAX_TEXT = 256;

    private final JsonObject values;

    /** Refuses any name that is not a property of {@code inputSchema} (additionalProperties:false). */
    Arguments(JsonObject values, JsonObject inputSchema) throws ArgumentException {
        Set<String> allowed = inputSchema.object("properties").orElseThrow().members().keySet();
        for (String name : values.members().keySet()) {
            if (!allowed.contains(name)) {
                throw new ArgumentException(printable(name, 40), "unknown argument; the arguments are "
                        + String.join(", ", allowed));
            }
        }
        this.values = values;
    }

    /**
     * Visible ASCII only: Alipay documents letters, digits and '_', real numbers carry '-', and invisible
     * look-alikes (U+200B, U+FEFF) would make two orders look the same to people and in the log.
     */
    String id(String name) throws ArgumentException {
        String value = string(name);
        if (value.isEmpty() || value.length() > MAX_ID) {
            throw new ArgumentException(name, "must be 1 to " + MAX_ID + " characters, got " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new ArgumentException(name, "must be visible ASCII characters only (0x21-0x7E: letters,"
                        + " digits, _ - and other printable signs; no spaces, no control or invisible characters),"
                        + " found U+" + String.format("%04X", (int) c) + " at position " + (i + 1));
            }
        }
        return value;
    }

    String title(String name) throws ArgumentException {
        String value = string(name);
        if (value.isEmpty()) {
            throw new ArgumentException(name, "must not be empty");
        }
        return text(name, value);
    }

    /** Null when absent or empty. */
    String optionalText(String name) throws ArgumentException {
        String value = values.has(name) ? string(name) : "";
        return value.isEmpty() ? null : text(name, value);
    }

    private static String text(String name, String value) throws ArgumentException {
        if (value.length() > MAX_TEXT) {
            throw new ArgumentException(name, "must be at most " + MAX_TEXT + " characters, got " + value.length());
        }
        for (int i = 0; i < value.length(); i += Character.charCount(value.codePointAt(i))) {
            int c = value.codePointAt(i); // a surrogate pair reads as one code point
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw new ArgumentException(name, "must not contain control characters or line breaks"
                        + " (found one at position " + (i + 1) + ")");
            }
            if (Character.getType(c) == Character.SURROGATE) { // JavaScript clients can send them; UTF-8 cannot
                throw new ArgumentException(name, "contains an unpaired surrogate (invalid Unicode) at position "
                        + (i + 1));
            }
        }
        return value;
    }

    /** Yuan as a JSON number, never a string: 0.01..100000000, at most 2 decimals ({@link Amount#parse}). */
    BigDecimal amount(String name) throws ArgumentException {
        JsonValue value = required(name);
        if (!(value instanceof JsonNumber number)) {
            throw new ArgumentException(name, "must be a JSON number such as 19.99, got " + kind(value));
        }
        try {
            return Amount.parse(number.text());
        } catch (IllegalArgumentException e) {
            throw new ArgumentException(name, e.getMessage());
        }
    }

    private String string(String name) throws ArgumentException {
        JsonValue value = required(name);
        if (!(value instanceof JsonString s)) {
            throw new ArgumentException(name, "must be a string, got " + kind(value));
        }
        return s.value();
    }

    private JsonValue required(String name) throws ArgumentException {
        JsonValue value = values.get(name);
        if (value == null) {
            throw new ArgumentException(name, "is required");
        }
        return value;
    }

    private static String kind(JsonValue value) {
        return value instanceof JsonString ? "a string"
                : value instanceof JsonNumber ? "a number"
                : value instanceof JsonBoolean ? "a boolean"
                : value instanceof JsonArray ? "an array"
                : value instanceof JsonObject ? "an object"
                : "null"; // JsonValue is sealed: JsonNull is all that is left
    }

    /** "totalAmount: at most 2 decimal places, got 1.005": the argument and the rule. */
    static final class ArgumentException extends Exception {
        private static final long serialVersionUID = 1L;

        ArgumentException(String argument, String rule) {
            super(argument + ": " + rule);
        }
    }

    /**
     * Text made safe to echo to the model or a person: control, format (bidi overrides, zero-width), line separator
     * and surrogate characters become "?", so it cannot fake lines or reorder what is shown; over {@code max}, cut
     * and ending in "...".
     */
    static String printable(String text, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            int type = Character.getType(c);
            boolean hidden = Character.isISOControl(c) || Character.isSurrogate(c) || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
            out.append(hidden ? '?' : c);
        }
        return text.length() > max ? out + "..." : out.toString();
    }
}
