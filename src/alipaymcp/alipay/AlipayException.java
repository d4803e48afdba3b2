package alipaymcp.alipay;

import alipaymcp.json.JsonValue.JsonObject;

/**
 * A gateway call that did not produce a verified answer. The kind says what went wrong;
 * {@link #outcomeUnknown()} says whether the request may have reached (and acted at) the gateway, in
 * which case a refund must be checked with a refund query, never re-sent with a new number.
 * Messages say what happened and how to fix it; gateway text in them is redacted (see {@link GatewayText#redact}).
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
        /**
         * Certificate mode: the answer names an Alipay certificate that is not known and, downloaded, did not
         * validate against AP_ALIPAY_ROOT_CERT_PATH (or could not be downloaded): the answer is unverified.
         */
        UNTRUSTED_CERTIFICATE(true),
        /** An encrypted answer (AP_ENCRYPT_KEY) whose signature verified but which does not decrypt. */
        UNDECRYPTABLE(true),
        /** The gateway reported a failure without a signature: its code cannot be trusted either way. */
        UNSIGNED_FAILURE(true),
        /** A verified answer about another order or refund request (a replayed response). */
        WRONG_ORDER(true),
        INTERRUPTED(true);

        private final boolean outcomeUnknown;

        Kind(boolean outcomeUnknown) {
            this.outcomeUnknown = outcomeUnknown;
        }
    }

    private final Kind kind;
    private final transient JsonObject unverifiedContent;

    AlipayException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    AlipayException(Kind kind, String message, Throwable cause) {
        this(kind, message, cause, null);
    }

    /** {@code content}: the (redacted) response object, for UNSIGNED_FAILURE; else null. */
    AlipayException(Kind kind, String message, Throwable cause, JsonObject content) {
        super(message, cause);
        this.kind = kind;
        this.unverifiedContent = content;
    }

    public Kind kind() {
        return kind;
    }

    /** The end of a message whose outcome is unknown; the refund tool adds how to find out (it knows the numbers). */
    static String unknownOutcome(String method) {
        return method.equals("alipay.trade.refund")
                ? "; the refund may or may not have been made."
                : "; the outcome is unknown, try again later.";
    }

    /** True when the request may have reached the gateway: query the outcome before acting again. */
    public boolean outcomeUnknown() {
        return kind.outcomeUnknown;
    }

    /** For UNSIGNED_FAILURE: the response object as received, redacted, NOT verified; null otherwise. */
    public JsonObject unverifiedContent() {
        return unverifiedContent;
    }
}
