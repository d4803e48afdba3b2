package alipaymcp.chaos;

import alipaymcp.simulator.Faults.Fault;

/**
 * Every gateway fault of issue 7, where it is made (the simulator's fault injection, the raw relay, or a
 * closed port), whether the gateway acts on the request before the answer goes wrong, and the start of the
 * message each gateway tool must give for it.
 */
enum ChaosFault {
    DELAY(null, true),
    REFUSED(null, false),
    RESET_AFTER_GATEWAY_ACTED(GatewayRelay.Mode.RESET_AFTER_FORWARD, true),
    RESET_BEFORE_GATEWAY_SAW_IT(GatewayRelay.Mode.RESET_BEFORE_FORWARD, false),
    HTTP_500(Fault.Kind.HTTP_500),
    HTTP_502(Fault.Kind.HTTP_502),
    HTML_BODY(Fault.Kind.HTML_BODY),
    NOT_JSON(Fault.Kind.NOT_JSON),
    TRUNCATED_JSON(Fault.Kind.TRUNCATED_BODY),
    CONNECTION_CLOSED(Fault.Kind.CONNECTION_CLOSED),
    MISSING_SIGN(Fault.Kind.MISSING_SIGN),
    BAD_SIGNATURE(Fault.Kind.BAD_SIGNATURE),
    TAMPERED_FIELD(Fault.Kind.TAMPERED_FIELD),
    DUPLICATE_ROOT(Fault.Kind.DUPLICATE_ROOT),
    OTHER_TRADE(Fault.Kind.OTHER_TRADE),
    SYSTEM_ERROR_20000(Fault.Kind.SYSTEM_ERROR),
    ERROR_RESPONSE(Fault.Kind.ERROR_RESPONSE);

    /**
     * The short timeout of the delay fault's tools (AP_TIMEOUT_MS). The answer is held back {@link #DELAY_MS}:
     * the client has seconds of slack to notice its own timeout even on a loaded machine.
     */
    static final int TIMEOUT_MS = 1_000;
    /** How long the delay fault holds the gateway's answer back. */
    static final long DELAY_MS = 8_000;
    /** The timeout for every other fault, so that a loaded machine cannot turn a fault into a timeout. */
    static final int PATIENT_TIMEOUT_MS = 10_000;
    static final String QUERY = "alipay.trade.query";
    static final String REFUND = "alipay.trade.refund";
    static final String REFUND_QUERY = "alipay.trade.fastpay.refund.query";

    final Fault.Kind simulatorKind;
    final GatewayRelay.Mode relayMode;
    /** True when the gateway changes its state before the answer goes wrong. */
    final boolean processed;

    ChaosFault(Fault.Kind kind) {
        this.simulatorKind = kind;
        this.relayMode = null;
        this.processed = kind != Fault.Kind.ERROR_RESPONSE && kind != Fault.Kind.SYSTEM_ERROR;
    }

    ChaosFault(GatewayRelay.Mode mode, boolean processed) {
        this.simulatorKind = null;
        this.relayMode = mode;
        this.processed = processed;
    }

    /** The simulator's fault, or null when the relay or a closed port makes this one. */
    Fault simulatorFault() {
        if (this == DELAY) {
            return new Fault(Fault.Kind.DELAY, DELAY_MS);
        }
        return simulatorKind == null ? null : new Fault(simulatorKind, 0);
    }

    /** The control endpoint's token for {@link #simulatorFault()}. */
    String token() {
        Fault fault = simulatorFault();
        return fault == null ? null : fault.toString();
    }

    /** True when a refund's result cannot be known from the answer (the tool must advise a refund query). */
    boolean refundOutcomeUnknown() {
        return this != REFUSED && this != ERROR_RESPONSE;
    }

    /** How the message of a tool calling {@code method} must start. */
    String expectedStart(String method) {
        return switch (this) {
            case DELAY -> "No complete answer from the gateway to " + method + " within " + TIMEOUT_MS
                    + " ms (AP_TIMEOUT_MS)";
            case REFUSED -> "Could not connect to the gateway for " + method + " (ConnectException";
            case RESET_AFTER_GATEWAY_ACTED, RESET_BEFORE_GATEWAY_SAW_IT, CONNECTION_CLOSED ->
                    "The connection to the gateway failed during " + method + " (";
            case HTTP_500, HTTP_502 -> "The gateway answered " + method + " with HTTP status "
                    + name().substring(5) + " instead of 200";
            case HTML_BODY, NOT_JSON, TRUNCATED_JSON -> "The response body of " + method + " is not valid JSON";
            case MISSING_SIGN -> "The response to " + method + " could not be verified: it claims success without"
                    + " a signature.";
            case BAD_SIGNATURE, TAMPERED_FIELD -> "The response to " + method + " could not be verified: its"
                    + " signature does not verify with AP_PUB_KEY (RSA2). It was not trusted.";
            case DUPLICATE_ROOT -> "The response holds " + method.replace('.', '_') + "_response more than once";
            case OTHER_TRADE -> "The verified answer to " + method + " is about another order";
            case SYSTEM_ERROR_20000 -> failurePrefix(method) + "{\"code\":\"20000\",\"msg\":\"Service Currently"
                    + " Unavailable\",\"subCode\":\"isp.unknow-error\"";
            case ERROR_RESPONSE -> failurePrefix(method) + "{\"code\":\"40006\",\"msg\":\"Insufficient Permissions\"";
        };
    }

    /** Upstream's business-failure text of the tool that calls {@code method}. */
    static String failurePrefix(String method) {
        return switch (method) {
            case QUERY -> "交易查询失败. 查询结果: ";
            case REFUND -> "退款执行失败. 退款结果: ";
            case REFUND_QUERY -> "退款查询失败. 退款查询结果: ";
            default -> throw new IllegalArgumentException(method);
        };
    }

    /** The start of the tool's success text, which no fault may produce. */
    static String successStart(String method) {
        return switch (method) {
            case QUERY -> "交易状态";
            case REFUND -> "退款结果";
            case REFUND_QUERY -> "查询到退款成功";
            default -> throw new IllegalArgumentException(method);
        };
    }

    /** The tool that calls {@code method}. */
    static String tool(String method) {
        return switch (method) {
            case QUERY -> "query-alipay-payment";
            case REFUND -> "refund-alipay-payment";
            case REFUND_QUERY -> "query-alipay-refund";
            default -> throw new IllegalArgumentException(method);
        };
    }

    /** The advice a refund with an unknown outcome must carry: query with the same number, never a new one. */
    static String refundAdvice(String outTradeNo, String outRequestNo) {
        return "Call query-alipay-refund with outTradeNo=" + outTradeNo + " and outRequestNo=" + outRequestNo
                + " in 10 seconds or more to find out; if you retry the refund, reuse outRequestNo=" + outRequestNo;
    }
}
