package alipaymcp.json;

/**
 * Malformed JSON or a limit exceeded. The message says what went wrong and where (line, column, offset),
 * with at most a short, sanitized echo of the failing token, never the input itself (it may carry keys or
 * payloads).
 */
public final class JsonException extends Exception {
    private static final long serialVersionUID = 1L;

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
}
