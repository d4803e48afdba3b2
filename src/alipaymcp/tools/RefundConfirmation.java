package alipaymcp.tools;

import alipaymcp.tools.Tool.CallContext;
import alipaymcp.config.Config;
import alipaymcp.config.Config.ConfirmRefunds;
import alipaymcp.config.Config.Environment;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;

/**
 * AP_CONFIRM_REFUNDS: before a refund is signed or sent, the person at the client says yes or no to exactly
 * what will happen (MCP elicitation, through {@link CallContext#confirm}). Only a yes lets the refund go; every
 * other ending sends nothing, and the result says so without inviting a retry under a new number.
 *
 * @param mode     AP_CONFIRM_REFUNDS
 * @param appId    AP_APP_ID, named in the question so the person sees which merchant account pays
 * @param gateway  where the refund would go, in words ("Alipay production (real money)", ...)
 */
record RefundConfirmation(ConfirmRefunds mode, String appId, String gateway) {
    static final String TITLE = "Send this refund";

    /** Tools built without a configuration (tests with an injected client): ask when the client can. */
    static final RefundConfirmation UNCONFIGURED = new RefundConfirmation(ConfirmRefunds.AUTO, "(not configured)",
            "the configured gateway");

    static RefundConfirmation of(Config config) {
        return new RefundConfirmation(config.confirmRefunds(), config.appId(),
                gatewayName(config.gatewayUrl(), config.environment()));
    }

    /** The environment's own gateway in words; any other URL (the simulator, a test relay) as itself. */
    static String gatewayName(URI url, Environment environment) {
        if (url.equals(Environment.PROD.gateway())) {
            return "Alipay production (real money)";
        }
        if (url.equals(Environment.SANDBOX.gateway())) {
            return "the Alipay sandbox (test money)";
        }
        return "the gateway at " + url + " (AP_GATEWAY_URL)";
    }

    /**
     * Asks when the mode says so; returns null when the refund may be sent, else the result to return instead.
     * Records the outcome of the question in the call's log line.
     */
    ToolResult check(CallContext context, AlipayTool.CallRecord record, String outTradeNo, BigDecimal amount,
            String reason, String outRequestNo) {
        if (mode == ConfirmRefunds.NEVER) {
            record.confirmation(CallContext.Outcome.NOT_ASKED.word());
            return null;
        }
        CallContext.Outcome outcome = context.confirm(question(outTradeNo, amount, reason, outRequestNo));
        record.confirmation(outcome.word());
        if (outcome == CallContext.Outcome.CONFIRMED
                || (outcome == CallContext.Outcome.NOT_ASKED && mode == ConfirmRefunds.AUTO)) {
            return null;
        }
        record.result("not-confirmed");
        if (outcome == CallContext.Outcome.NOT_ASKED) {
            return ToolResult.error("No refund was made and nothing was sent to Alipay: AP_CONFIRM_REFUNDS=always"
                    + " needs a person to confirm each refund, and this MCP client cannot ask (it did not declare"
                    + " the elicitation capability in form mode, or speaks a protocol revision before 2025-06-18)."
                    + " Tell the person: they can make this refund from an MCP client that supports elicitation.");
        }
        String how = switch (outcome) {
            case DECLINED -> "they declined";
            case CANCELLED -> "they dismissed the question";
            case TIMED_OUT -> "no answer came in time";
            case CALL_CANCELLED -> "the call was cancelled while the question was open";
            default -> "the client's answer was an error or not a valid answer";
        };
        return ToolResult.error("No refund was made and nothing was sent to Alipay: the person did not confirm it ("
                + how + "). Tell the person; do not retry on your own.");
    }

    /** What the person reads: the action, the money, the order, the reason, the merchant app and the gateway. */
    CallContext.Question question(String outTradeNo, BigDecimal amount, String reason, String outRequestNo) {
        String message = "Refund ¥" + yuan(amount) + " of order " + shown(outTradeNo) + " to the buyer"
                + " (refund request " + shown(outRequestNo) + ")."
                + "\nReason: " + (reason == null ? "none given" : "\"" + shown(reason) + "\"") + "."
                + "\nMerchant app " + appId + " on " + gateway + "."
                + "\nAn AI agent asked for this refund. Tick the box and accept only if you want this money paid back.";
        return new CallContext.Question(message, TITLE,
                "Tick to send this refund of ¥" + yuan(amount) + " now; refunded money cannot be taken back.");
    }

    /** The agent's text as the person reads it ({@link Arguments#printable}; never cut: the arguments are shorter). */
    private static String shown(String text) {
        return Arguments.printable(text, Arguments.MAX_TEXT);
    }

    /** Yuan as a person reads them: 88.80, not 88.8 (the amount is already checked to have at most 2 decimals). */
    private static String yuan(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }
}
