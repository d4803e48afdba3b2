package alipaymcp.alipay;

import alipaymcp.json.JsonValue.JsonObject;

/**
 * A gateway call that did not produce a verified answer. When {@link #outcomeUnknown()} the request may have acted
 * at the gateway: a refund must then be checked with a refund query, never re-sent with a new number.
 */
public final class AlipayException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        LOCAL_KEY(false), // a local key could not be used; nothing was sent
        NETWORK(false), // the gateway was never reached (refused, unknown host, connect timeout)
        TIMEOUT(true), // sent, but no complete answer in time
        CONNECTION_LOST(true), // the connection failed after the request may have been sent
        HTTP_STATUS(true), // an HTTP status other than 200
        MALFORMED(true), // not a gateway response (not JSON, no response object, unexpected encryption)
        BAD_SIGNATURE(true), // a success without a signature, a signature that does not verify, an ambiguous answer
        UNTRUSTED_CERTIFICATE(true), // certificate mode: an unknown Alipay certificate that could not be trusted
        UNDECRYPTABLE(true), // AP_ENCRYPT_KEY: the signature verified but the content does not decrypt
        UNSIGNED_FAILURE(true), // a failure without a signature: its code cannot be trusted either way
        WRONG_ORDER(true), // a verified answer about another order or refund request (a replay)
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
