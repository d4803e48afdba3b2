package alipaymcp.json;

/**
 * Malformed JSON or a limit exceeded. The message says what and where (offset, line, column)
 * and never echoes more than the failing token.
 */
public final class JsonException extends Exception {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final int line;
    private final int column;

    JsonException(String message, long offset, int line, int column) {
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
}
