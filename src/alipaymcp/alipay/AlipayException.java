package alipaymcp.alipay;

import alipaymcp.json.JsonObject;

/**
 * A gateway call that did not produce a verified answer. The kind says what went wrong;
 * {@link #outcomeUnknown()} says whether the request may have reached (and acted at) the gateway, in
 * which case a refund must be checked with a refund query, never re-sent with a new number.
 * Messages say what happened and how to fix it; gateway text in them is redacted (see {@link Redactor}).
 */
public final class AlipayException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** A local key could not be used; nothing was sent. */
        LOCAL_KEY(false),
        /** The gateway was never reached (connection refused, unknown host, connect timeout). */
        NETWORK(false),
        /** The request was sent but no complete answer came in time. */
        TIMEOUT(true),
        /** The connection failed after the request may have been sent. */
        CONNECTION_LOST(true),
        /** The gateway answered with an HTTP status other than 200. */
        HTTP_STATUS(true),
        /** The answer is not a gateway response (not JSON, no response object, encrypted content). */
        MALFORMED(true),
        /** The answer's signature is missing on a success, does not verify, or the response is ambiguous. */
        BAD_SIGNATURE(true),
        /** The gateway reported a failure without a signature: its code cannot be trusted either way. */
        UNSIGNED_FAILURE(true),
        /** A verified answer about another order or refund request (a replayed response). */
        WRONG_ORDER(true),
        /** The calling thread was interrupted while waiting. */
        INTERRUPTED(true);

        private final boolean outcomeUnknown;

        Kind(boolean outcomeUnknown) {
            this.outcomeUnknown = outcomeUnknown;
        }
    }

    private final Kind kind;
    private final int httpStatus;
    private final String code;
    private final String msg;
    private final String subCode;
    private final String subMsg;
    private final transient JsonObject unverifiedContent;

    AlipayException(Kind kind, String message) {
        this(kind, message, null, 0, null);
    }

    AlipayException(Kind kind, String message, Throwable cause) {
        this(kind, message, cause, 0, null);
    }

    /** {@code content}: the (redacted) response object, for UNSIGNED_FAILURE; else null. */
    AlipayException(Kind kind, String message, Throwable cause, int httpStatus, JsonObject content) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.unverifiedContent = content;
        this.code = content == null ? null : content.string("code").orElse(null);
        this.msg = content == null ? null : content.string("msg").orElse(null);
        this.subCode = content == null ? null : content.string("sub_code").orElse(null);
        this.subMsg = content == null ? null : content.string("sub_msg").orElse(null);
    }

    public Kind kind() {
        return kind;
    }

    /** True when the request may have reached the gateway: query the outcome before acting again. */
    public boolean outcomeUnknown() {
        return kind.outcomeUnknown;
    }

    /** The HTTP status for HTTP_STATUS; 0 otherwise. */
    public int httpStatus() {
        return httpStatus;
    }

    /** For UNSIGNED_FAILURE: the gateway's code, msg, sub_code, sub_msg (redacted); null when absent. */
    public String code() {
        return code;
    }

    public String msg() {
        return msg;
    }

    public String subCode() {
        return subCode;
    }

    public String subMsg() {
        return subMsg;
    }

    /** For UNSIGNED_FAILURE: the response object as received, redacted, NOT verified; null otherwise. */
    public JsonObject unverifiedContent() {
        return unverifiedContent;
    }
}
