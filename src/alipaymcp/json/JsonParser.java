package alipaymcp.json;

import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonBoolean;
import alipaymcp.json.JsonValue.JsonNull;
import alipaymcp.json.JsonValue.JsonNumber;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue.JsonString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Strict RFC 8259 parser with limits on nesting depth and text length, one method per grammar rule. Rejects
 * duplicate member names, trailing content, comments, NaN/Infinity, leading zeros and unescaped control
 * characters; keeps numbers as their exact text, and lone surrogates from backslash-u escapes as they are.
 * An instance parses one text (the static methods make one each); recursion is bounded by the depth limit.
 */
public final class JsonParser {
    /** Deepest nesting of arrays and objects accepted by default. */
    static final int DEFAULT_MAX_DEPTH = 512;
    /** Longest text accepted by default, in chars (8 MiB). */
    static final int DEFAULT_MAX_LENGTH = 8 * 1024 * 1024;
    /**
     * Highest depth limit a caller may set. The parser recurses once per level; measured on JDK 17,
     * a default 1 MiB thread stack holds about 1,300 nested objects, so this keeps a margin.
     */
    static final int MAX_DEPTH_LIMIT = 1_000;
    private static final int END = -1;

    private final String text;
    private final int maxDepth;
    private int pos;
    private int depth;
    /** Top-level member name to value span; null unless {@link #readMemberSpans()} asked for them. */
    private Map<String, Span> spans;

    private JsonParser(String text, int maxDepth) {
        this.text = text;
        this.maxDepth = maxDepth;
    }

    /** Parses one JSON text with the default limits. */
    public static JsonValue parse(String text) throws JsonException {
        return parse(text, DEFAULT_MAX_DEPTH, DEFAULT_MAX_LENGTH);
    }

    /** Parses one JSON text (one value, optionally surrounded by whitespace) with these limits. */
    static JsonValue parse(String text, int maxDepth, int maxLength) throws JsonException {
        return new JsonParser(checkLimits(text, maxDepth, maxLength), maxDepth).readDocument();
    }

    /**
     * Parses {@code text} strictly (default limits); the top level must be an object. Returns, in
     * source order, each top-level member name and the span of its value's raw source text.
     */
    public static Map<String, Span> memberSpans(String text) throws JsonException {
        JsonParser parser = new JsonParser(checkLimits(text, DEFAULT_MAX_DEPTH, DEFAULT_MAX_LENGTH), DEFAULT_MAX_DEPTH);
        return Collections.unmodifiableMap(parser.readMemberSpans());
    }

    /**
     * A range of char offsets into a JSON text, end exclusive: where a member's value was written.
     * Alipay signs the raw text of {@code <method>_response}, so the verifier needs the exact source,
     * not a re-serialization.
     */
    public record Span(int start, int end) {
        public Span {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
            }
        }

        /** The raw text this span covers in {@code source}, the text it was taken from. */
        public String slice(String source) {
            return source.substring(start, end);
        }
    }

    private static String checkLimits(String text, int maxDepth, int maxLength) throws JsonException {
        Objects.requireNonNull(text, "text");
        if (maxDepth < 1 || maxDepth > MAX_DEPTH_LIMIT) {
            throw new IllegalArgumentException("maxDepth must be 1.." + MAX_DEPTH_LIMIT + ", was " + maxDepth);
        }
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength must not be negative, was " + maxLength);
        }
        if (text.length() > maxLength) {
            throw JsonException.at(text, maxLength, "text is longer than the limit of " + maxLength
                    + " chars; send a smaller message");
        }
        return text;
    }

    /** JSON-text = ws value ws, and nothing else. */
    private JsonValue readDocument() throws JsonException {
        skipWhitespace();
        if (pos == text.length()) {
            throw error(text.isEmpty() ? "empty input; expected a JSON value"
                    : "only whitespace; expected a JSON value");
        }
        JsonValue value = readValue();
        skipWhitespace();
        if (pos < text.length()) {
            throw error("unexpected " + describeAt(pos) + " after the JSON value; send exactly one value");
        }
        return value;
    }

    /** Parses the whole text like {@link #readDocument()}; the top level must be an object. */
    private Map<String, Span> readMemberSpans() throws JsonException {
        spans = new LinkedHashMap<>();
        skipWhitespace();
        if (pos < text.length() && text.charAt(pos) != '{') {
            throw error("expected an object at the top level, found " + describeAt(pos));
        }
        readDocument();
        return spans;
    }

    /** value = object / array / string / number / true / false / null. */
    private JsonValue readValue() throws JsonException {
        int c = peek();
        return switch (c) {
            case '{' -> readObject();
            case '[' -> readArray();
            case '"' -> new JsonString(readString());
            case 't' -> readLiteral("true", JsonBoolean.TRUE);
            case 'f' -> readLiteral("false", JsonBoolean.FALSE);
            case 'n' -> readLiteral("null", JsonNull.NULL);
            default -> {
                if (c != '-' && !isDigit(c)) {
                    throw error(JsonException.badValueStart(text, pos));
                }
                yield readNumber();
            }
        };
    }

    private JsonObject readObject() throws JsonException {
        enter();
        Map<String, JsonValue> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() != '}') {
            do {
                skipWhitespace();
                readMember(members);
                skipWhitespace();
            } while (consume(','));
        }
        expectClose('}', "a member");
        depth--;
        return new JsonObject(members);
    }

    /** member = string ws ':' ws value; records the value's span for top-level members when asked. */
    private void readMember(Map<String, JsonValue> members) throws JsonException {
        if (peek() != '"') {
            throw error(peek() == '}' ? "trailing comma before '}'; remove it"
                    : "expected a member name in double quotes, found " + describeAt(pos));
        }
        int nameAt = pos;
        String name = readString();
        if (members.containsKey(name)) {
            pos = nameAt;
            throw error("duplicate member name " + JsonException.quote(name) + "; each name may appear only once");
        }
        skipWhitespace();
        if (!consume(':')) {
            throw error("expected ':' after the member name, found " + describeAt(pos));
        }
        skipWhitespace();
        int start = pos;
        members.put(name, readValue());
        if (spans != null && depth == 1) {
            spans.put(name, new Span(start, pos));
        }
    }

    private JsonArray readArray() throws JsonException {
        enter();
        List<JsonValue> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() != ']') {
            do {
                skipWhitespace();
                if (peek() == ']') {
                    throw error("trailing comma before ']'; remove it");
                }
                elements.add(readValue());
                skipWhitespace();
            } while (consume(','));
        }
        expectClose(']', "an element");
        depth--;
        return new JsonArray(elements);
    }

    /** Steps over an opening bracket, refusing to nest deeper than the limit. */
    private void enter() throws JsonException {
        if (++depth > maxDepth) {
            throw error("nesting deeper than " + maxDepth + " levels; flatten the value");
        }
        pos++;
    }

    private void expectClose(char close, String item) throws JsonException {
        if (!consume(close)) {
            throw error("expected ',' or '" + close + "' after " + item + ", found " + describeAt(pos));
        }
    }

    /** string = '"' chars '"'; plain strings are one substring, escapes go through a builder. */
    private String readString() throws JsonException {
        int open = pos;
        int start = ++pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                return text.substring(start, pos++);
            } else if (c == '\\') {
                return readEscapedString(open, start);
            } else if (c < 0x20) {
                throw error(JsonException.controlInString(c));
            }
            pos++;
        }
        pos = open;
        throw error("unterminated string; close it with '\"'");
    }

    private String readEscapedString(int open, int start) throws JsonException {
        StringBuilder out = new StringBuilder(pos - start + 16).append(text, start, pos);
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toString();
            } else if (c == '\\') {
                readEscape(out);
            } else if (c < 0x20) {
                throw error(JsonException.controlInString(c));
            } else {
                out.append(c);
                pos++;
            }
        }
        pos = open;
        throw error("unterminated string; close it with '\"'");
    }

    /** escape = '\' ( '"' | '\' | '/' | 'b' | 'f' | 'n' | 'r' | 't' | 'u' 4HEXDIG ). */
    private void readEscape(StringBuilder out) throws JsonException {
        int at = pos++;
        switch (peek()) {
            case '"' -> out.append('"');
            case '\\' -> out.append('\\');
            case '/' -> out.append('/');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'u' -> {
                out.append(readHex4(at));
                return;
            }
            case END -> {
                pos = at;
                throw error("unterminated string; close it with '\"'");
            }
            default -> {
                pos = at;
                throw error("invalid escape " + JsonException.quote(text.substring(at, at + 2))
                        + "; use one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
            }
        }
        pos++;
    }

    /** The four hex digits after backslash-u. Lone surrogates are kept: JavaScript emits them. */
    private char readHex4(int escapeAt) throws JsonException {
        int value = 0;
        for (int i = 1; i <= 4; i++) {
            int digit = pos + i < text.length() ? hexValue(text.charAt(pos + i)) : -1;
            if (digit < 0) {
                int end = Math.min(text.length(), escapeAt + 6);
                pos = escapeAt;
                throw error("invalid escape " + JsonException.quote(text.substring(escapeAt, end))
                        + "; \\u needs exactly four hex digits");
            }
            value = value * 16 + digit;
        }
        pos += 5;
        return (char) value;
    }

    /** number = [ '-' ] int [ frac ] [ exp ]; the exact text is kept. */
    private JsonNumber readNumber() throws JsonException {
        int start = pos;
        consume('-');
        if (consume('0')) {
            if (isDigit(peek())) {
                throw numberError(start, "has a leading zero; remove it");
            }
        } else if (!readDigits()) {
            throw numberError(start, "needs a digit after the minus sign");
        }
        if (consume('.') && !readDigits()) {
            throw numberError(start, "needs digits after the decimal point");
        }
        if (consume('e') || consume('E')) {
            if (!consume('+')) {
                consume('-');
            }
            if (!readDigits()) {
                throw numberError(start, "needs digits in the exponent");
            }
        }
        return new JsonNumber(text.substring(start, pos));
    }

    private boolean readDigits() {
        int start = pos;
        while (isDigit(peek())) {
            pos++;
        }
        return pos > start;
    }

    private JsonException numberError(int start, String problem) {
        return error("number " + JsonException.quote(JsonException.word(text, start)) + " " + problem);
    }

    /** true, false or null, exactly: "truex" and "nul" are errors, not a literal plus junk. */
    private JsonValue readLiteral(String literal, JsonValue value) throws JsonException {
        int end = pos + literal.length();
        if (!text.startsWith(literal, pos) || (end < text.length() && JsonException.isWordChar(text.charAt(end)))) {
            throw error("invalid literal " + JsonException.quote(JsonException.word(text, pos)) + "; expected " + literal);
        }
        pos = end;
        return value;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private int peek() {
        return pos < text.length() ? text.charAt(pos) : END;
    }

    private boolean consume(char expected) {
        if (pos < text.length() && text.charAt(pos) == expected) {
            pos++;
            return true;
        }
        return false;
    }

    private String describeAt(int at) {
        return at < text.length() ? JsonException.describe(text.charAt(at)) : "end of input";
    }

    /** ASCII hex only: Character.digit would also take fullwidth and other Unicode digits. */
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        } else if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        } else if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private JsonException error(String what) {
        return JsonException.at(text, pos, what);
    }
}
