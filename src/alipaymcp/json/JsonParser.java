package alipaymcp.json;

import static alipaymcp.json.JsonException.quote;

import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonBoolean;
import alipaymcp.json.JsonValue.JsonNull;
import alipaymcp.json.JsonValue.JsonNumber;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue.JsonString;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict RFC 8259 parser with limits on nesting depth and text length, one method per grammar rule. Rejects
 * duplicate member names, trailing content, comments, NaN/Infinity, leading zeros and unescaped control characters.
 */
public final class JsonParser {
    /** Deepest nesting. One recursion per level; measured on JDK 17, a 1 MiB stack holds about 1,300. */
    static final int MAX_DEPTH = 512;
    /** Longest text accepted, in chars (8 MiB). */
    static final int MAX_LENGTH = 8 * 1024 * 1024;
    private static final int END = -1;

    private final String text;
    private int pos;
    private int depth;

    private JsonParser(String text) {
        this.text = text;
    }

    /** JSON-text = ws value ws: one value and nothing else. */
    public static JsonValue parse(String text) throws JsonException {
        if (text.length() > MAX_LENGTH) {
            throw new JsonException("text is longer than the limit of " + MAX_LENGTH
                    + " chars; send a smaller message", text, MAX_LENGTH);
        }
        JsonParser parser = new JsonParser(text);
        parser.skipWhitespace();
        JsonValue value = parser.readValue();
        if (parser.pos < text.length()) {
            throw parser.error("unexpected " + parser.found() + " after the JSON value; send exactly one value");
        }
        return value;
    }

    /**
     * Whether {@code s} is one number lexeme, for {@link JsonNumber}. No regex: the first id is parsed before the
     * initialize reply, and regex there cost about 30 ms (issue 15, measured; {@code StartupPathTest} pins it).
     */
    static boolean isNumber(String s) {
        JsonParser parser = new JsonParser(s);
        try {
            parser.readNumber();
        } catch (JsonException e) {
            return false;
        }
        return parser.pos == s.length();
    }

    /** value = object / array / string / number / true / false / null, and the whitespace after it. */
    private JsonValue readValue() throws JsonException {
        JsonValue value = switch (peek()) {
            case '{' -> readObject();
            case '[' -> readArray();
            case '"' -> new JsonString(readString());
            case 't' -> readLiteral("true", JsonBoolean.TRUE);
            case 'f' -> readLiteral("false", JsonBoolean.FALSE);
            case 'n' -> readLiteral("null", JsonNull.NULL);
            case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> new JsonNumber(readNumber());
            default -> throw error(badValueStart());
        };
        skipWhitespace();
        return value;
    }

    /** object = '{' [ member *( ',' member ) ] '}', member = string ws ':' ws value. */
    private JsonObject readObject() throws JsonException {
        enter();
        Map<String, JsonValue> members = new LinkedHashMap<>();
        if (peek() != '}') {
            do {
                skipWhitespace();
                if (peek() != '"') {
                    throw error(peek() == '}' ? "trailing comma before '}'; remove it"
                            : "expected a member name in double quotes, found " + found());
                }
                int nameAt = pos;
                String name = readString();
                if (members.containsKey(name)) {
                    pos = nameAt;
                    throw error("duplicate member name " + quote(name) + "; each name may appear only once");
                }
                skipWhitespace();
                if (!consume(':')) {
                    throw error("expected ':' after the member name, found " + found());
                }
                skipWhitespace();
                members.put(name, readValue());
            } while (consume(','));
        }
        leave('}', "a member");
        return new JsonObject(members);
    }

    /** array = '[' [ value *( ',' value ) ] ']'. */
    private JsonArray readArray() throws JsonException {
        enter();
        List<JsonValue> elements = new ArrayList<>();
        if (peek() != ']') {
            do {
                skipWhitespace();
                if (peek() == ']') {
                    throw error("trailing comma before ']'; remove it");
                }
                elements.add(readValue());
            } while (consume(','));
        }
        leave(']', "an element");
        return new JsonArray(elements);
    }

    /** Steps over an opening bracket and the whitespace after it, refusing to nest deeper than the limit. */
    private void enter() throws JsonException {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels; flatten the value");
        }
        pos++;
        skipWhitespace();
    }

    private void leave(char close, String item) throws JsonException {
        if (!consume(close)) {
            throw error("expected ',' or '" + close + "' after " + item + ", found " + found());
        }
        depth--;
    }

    /** string = '"' *char '"'. */
    private String readString() throws JsonException {
        int open = pos++;
        StringBuilder out = new StringBuilder();
        for (int c = peek(); c != '"'; c = peek()) {
            if (c == END) {
                pos = open;
                throw error("unterminated string; close it with '\"'");
            } else if (c < 0x20) {
                throw error("unescaped control character " + JsonException.codePoint(c)
                        + " in a string; escape it, e.g. \\n or \\u" + HexFormat.of().toHexDigits((char) c));
            }
            out.append(c == '\\' ? readEscape() : (char) c);
            pos++;
        }
        pos++;
        return out.toString();
    }

    /** escape = '\' ( '"' | '\' | '/' | 'b' | 'f' | 'n' | 'r' | 't' | 'u' 4HEXDIG ); ends on its last char. */
    private char readEscape() throws JsonException {
        int at = pos++;
        int c = peek();
        int simple = "\"\\/bfnrt".indexOf(c);
        if (simple >= 0) {
            return "\"\\/\b\f\n\r\t".charAt(simple);
        } else if (c != 'u') {
            pos = at;
            throw error(c == END ? "unterminated string; close it with '\"'" : "invalid escape "
                    + quote(text.substring(at, at + 2)) + "; use one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
        }
        int end = at + 6; // backslash, 'u' and four digits
        while (++pos < end) {
            if (!HexFormat.isHexDigit(peek())) { // ASCII only, unlike Character.digit
                pos = at;
                throw error("invalid escape " + quote(text.substring(at, Math.min(text.length(), end)))
                        + "; \\u needs exactly four hex digits");
            }
        }
        pos = end - 1;
        return (char) HexFormat.fromHexDigits(text, at + 2, end);
    }

    /** number = [ '-' ] int [ frac ] [ exp ]; returns its exact text. */
    private String readNumber() throws JsonException {
        int start = pos;
        consume('-');
        if (consume('0')) {
            if (isDigit(peek())) {
                throw error("number " + quote(word(start)) + " has a leading zero; remove it");
            }
        } else if (!readDigits()) {
            throw error("number " + quote(word(start)) + " needs a digit after the minus sign");
        }
        if (consume('.') && !readDigits()) {
            throw error("number " + quote(word(start)) + " needs digits after the decimal point");
        }
        if (consume('e') || consume('E')) {
            if (!consume('+')) {
                consume('-');
            }
            if (!readDigits()) {
                throw error("number " + quote(word(start)) + " needs digits in the exponent");
            }
        }
        return text.substring(start, pos);
    }

    private boolean readDigits() {
        int start = pos;
        while (isDigit(peek())) {
            pos++;
        }
        return pos > start;
    }

    /** true, false or null, exactly: "truex" and "nul" are errors, not a literal plus junk. */
    private JsonValue readLiteral(String literal, JsonValue value) throws JsonException {
        if (!word(pos).equals(literal)) {
            throw error("invalid literal " + quote(word(pos)) + "; expected " + literal);
        }
        pos += literal.length();
        return value;
    }

    private void skipWhitespace() {
        while (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r') {
            pos++;
        }
    }

    private int peek() {
        return pos < text.length() ? text.charAt(pos) : END;
    }

    private boolean consume(char expected) {
        if (peek() != expected) {
            return false;
        }
        pos++;
        return true;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private JsonException error(String what) {
        return new JsonException(what, text, pos);
    }

    /** Why no value can start here, with a hint for the usual non-JSON habits. */
    private String badValueStart() {
        return switch (peek()) {
            case END -> depth > 0 ? "unexpected end of input; expected a value"
                    : text.isEmpty() ? "empty input; expected a JSON value" : "only whitespace; expected a JSON value";
            case '\'' -> "single quotes are not allowed; use double quotes";
            case '/' -> "unexpected '/'; comments are not allowed in JSON";
            case '+' -> "number " + quote(word(pos)) + " has a '+' sign; remove it";
            case '.' -> "number " + quote(word(pos)) + " needs a digit before the decimal point, e.g. 0.5";
            case '\uFEFF' -> "byte order mark U+FEFF is not allowed; remove it";
            default -> Character.isLetter(peek()) ? "invalid literal " + quote(word(pos))
                    + "; expected a value: object, array, string, number, true, false or null"
                    : "unexpected " + found() + "; expected a value";
        };
    }

    /** The char at {@code pos}: printable ASCII in quotes, anything else as U+XXXX. */
    private String found() {
        int c = peek();
        return c == END ? "end of input" : c > 0x20 && c < 0x7f ? "'" + (char) c + "'" : JsonException.codePoint(c);
    }

    /** The run of word-like chars starting at {@code start} (at least one char), cut past the echo limit. */
    private String word(int start) {
        int end = Math.min(start + 1, text.length());
        while (end < text.length() && end - start <= JsonException.MAX_ECHO
                && (Character.isLetterOrDigit(text.charAt(end)) || "+-._".indexOf(text.charAt(end)) >= 0)) {
            end++;
        }
        return text.substring(start, end);
    }
}
