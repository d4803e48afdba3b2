package alipaymcp.json;

import java.util.HexFormat;

/**
 * Malformed JSON or a limit exceeded, with where (line, column, offset) and at most a short, sanitized echo of
 * the failing token: never the input itself, which may carry keys or payloads.
 */
public final class JsonException extends Exception {
    private static final long serialVersionUID = 1L;
    /** Longest token echoed in a message, in chars. */
    static final int MAX_ECHO = 20;

    /** Line and column (1-based) are counted here, only on the error path. */
    JsonException(String what, String text, int offset) {
        super(what + where(text, offset));
    }

    private static String where(String text, int offset) {
        int line = 1;
        for (int i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
            line++;
        }
        int column = offset - text.lastIndexOf('\n', offset - 1);
        return " at line " + line + ", column " + column + " (offset " + offset + ")";
    }

    /** The token in single quotes, cut to MAX_ECHO chars, control chars and surrogates escaped. */
    static String quote(String token) {
        StringBuilder out = new StringBuilder("'");
        for (char c : token.substring(0, Math.min(token.length(), MAX_ECHO)).toCharArray()) {
            boolean unsafe = c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029'
                    || c == '\uFEFF';
            out.append(unsafe ? codePoint(c) : String.valueOf(c));
        }
        return out.append(token.length() > MAX_ECHO ? "...'" : "'").toString();
    }

    static String codePoint(int c) {
        return "U+" + HexFormat.of().withUpperCase().toHexDigits((char) c);
    }
}
