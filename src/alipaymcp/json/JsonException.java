package alipaymcp.json;

import java.util.Locale;

/**
 * Malformed JSON or a limit exceeded. The message says what went wrong and where (line, column, offset),
 * with at most a short, sanitized echo of the failing token, never the input itself (it may carry keys or
 * payloads). The static helpers below build those messages for {@link JsonParser}.
 */
public final class JsonException extends Exception {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final int line;
    private final int column;

    private JsonException(String message, long offset, int line, int column) {
        super(message + " at line " + line + ", column " + column + " (offset " + offset + ")");
        this.offset = offset;
        this.line = line;
        this.column = column;
    }

    public long offset() {
        return offset;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** Longest token echoed in a message, in chars. */
    static final int MAX_ECHO = 20;

    /** An error at {@code offset}; line and column are 1-based, counted only now, on the error path. */
    static JsonException at(String text, int offset, String what) {
        int line = 1;
        int lineStart = 0;
        int end = Math.min(offset, text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new JsonException(what, offset, line, offset - lineStart + 1);
    }

    /** Why no value can start at {@code at}, with a hint for the usual non-JSON habits. */
    static String badValueStart(String text, int at) {
        if (at >= text.length()) {
            return "unexpected end of input; expected a value";
        }
        char c = text.charAt(at);
        if (c == '\'') {
            return "single quotes are not allowed; use double quotes";
        } else if (c == '/') {
            return "unexpected '/'; comments are not allowed in JSON";
        } else if (c == '+') {
            return "number " + quote(word(text, at)) + " has a '+' sign; remove it";
        } else if (c == '.') {
            return "number " + quote(word(text, at)) + " needs a digit before the decimal point, e.g. 0.5";
        } else if (c == '\uFEFF') {
            return "byte order mark U+FEFF is not allowed; remove it";
        } else if (Character.isLetter(c)) {
            return "invalid literal " + quote(word(text, at)) + "; expected a value: object, array, string,"
                    + " number, true, false or null";
        }
        return "unexpected " + describe(c) + "; expected a value";
    }

    static String controlInString(char c) {
        return "unescaped control character " + codePoint(c) + " in a string; escape it, e.g. \\n or \\u00"
                + (c < 0x10 ? "0" : "") + Integer.toHexString(c);
    }

    /** A printable ASCII char in quotes, anything else as U+XXXX. */
    static String describe(char c) {
        return c > 0x20 && c < 0x7f ? "'" + c + "'" : codePoint(c);
    }

    /** The token in single quotes, cut to MAX_ECHO chars, control chars and surrogates escaped. */
    static String quote(String token) {
        int n = Math.min(token.length(), MAX_ECHO);
        StringBuilder out = new StringBuilder(n + 8).append('\'');
        for (int i = 0; i < n; i++) {
            char c = token.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029'
                    || c == '\uFEFF') {
                out.append(codePoint(c));
            } else {
                out.append(c);
            }
        }
        return out.append(token.length() > n ? "...'" : "'").toString();
    }

    /** The run of word-like chars starting at {@code start} (at least one char), cut past MAX_ECHO. */
    static String word(String text, int start) {
        if (start >= text.length()) {
            return "";
        }
        int end = start + 1;
        while (end < text.length() && end - start <= MAX_ECHO && isWordChar(text.charAt(end))) {
            end++;
        }
        return text.substring(start, end);
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.' || c == '_';
    }

    private static String codePoint(char c) {
        String hex = Integer.toHexString(c).toUpperCase(Locale.ROOT);
        return "U+" + "0000".substring(hex.length()) + hex;
    }
}
