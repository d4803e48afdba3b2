package alipaymcp.mcp;

/** An input line that cannot be a JSON-RPC message (too long, not UTF-8); answered with -32700. */
final class BadLineException extends Exception {
    private static final long serialVersionUID = 1L;

    BadLineException(String message) {
        super(message);
    }
}
