package alipaymcp.json;

import java.util.Locale;

/**
 * Malformed JSON or a limit exceeded. The message says what went wrong and where (line, column, offset),
 * with at most a short, sanitized echo of the failing token, never the input itself (it may carry keys or
 * payloads). The static helpers below make that echo safe.
 */
public final class JsonException extends Exception {
    private static final long serialVersionUID = 1L;
    /** Longest token echoed in a message, in chars. */
    static final int MAX_ECHO = 20;

    /** An error at {@code offset} of {@code text}; line and column are 1-based, counted only on the error path. */
    JsonException(String what, String text, int offset) {
        super(what + where(text, offset));
    }

    private static String where(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return " at line " + line + ", column " + (offset - lineStart + 1) + " (offset " + offset + ")";
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
        return "U+" + hex4(c).toUpperCase(Locale.ROOT);
    }

    /** Four lowercase hex digits: the 0x10000 bit supplies the leading zeros and is cut off again. */
    static String hex4(int c) {
        return Integer.toHexString(0x10000 | c).substring(1);
    }
}
