package alipaymcp.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One strict RFC 8259 parse of one text, one method per grammar rule. Not reusable and not
 * thread-safe: {@link JsonParser} makes a new reader per text. Recursion is bounded by maxDepth.
 */
final class JsonReader {
    private static final int END = -1;

    private final String text;
    private final int maxDepth;
    private int pos;
    private int depth;
    /** Top-level member name to value span; null unless {@link #readMemberSpans()} asked for them. */
    private Map<String, Span> spans;

    JsonReader(String text, int maxDepth) {
        this.text = text;
        this.maxDepth = maxDepth;
    }

    /** JSON-text = ws value ws, and nothing else. */
    JsonValue readDocument() throws JsonException {
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
    Map<String, Span> readMemberSpans() throws JsonException {
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
                    throw error(ParseErrors.badValueStart(text, pos));
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
            throw error("duplicate member name " + ParseErrors.quote(name) + "; each name may appear only once");
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
                throw error(ParseErrors.controlInString(c));
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
                throw error(ParseErrors.controlInString(c));
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
                throw error("invalid escape " + ParseErrors.quote(text.substring(at, at + 2))
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
                throw error("invalid escape " + ParseErrors.quote(text.substring(escapeAt, end))
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
        return error("number " + ParseErrors.quote(ParseErrors.word(text, start)) + " " + problem);
    }

    /** true, false or null, exactly: "truex" and "nul" are errors, not a literal plus junk. */
    private JsonValue readLiteral(String literal, JsonValue value) throws JsonException {
        int end = pos + literal.length();
        if (!text.startsWith(literal, pos) || (end < text.length() && ParseErrors.isWordChar(text.charAt(end)))) {
            throw error("invalid literal " + ParseErrors.quote(ParseErrors.word(text, pos)) + "; expected " + literal);
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
        return at < text.length() ? ParseErrors.describe(text.charAt(at)) : "end of input";
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
        return ParseErrors.error(text, pos, what);
    }
}
