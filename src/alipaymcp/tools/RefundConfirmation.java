package alipaymcp.tools;

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
    ToolResult check(CallContext context, CallRecord record, String outTradeNo, BigDecimal amount, String reason,
            String outRequestNo) {
        if (mode == ConfirmRefunds.NEVER) {
            record.confirmation(CallContext.Outcome.NOT_ASKED.word());
            return null;
        }
        CallContext.Outcome outcome = context.confirm(question(outTradeNo, amount, reason, outRequestNo));
        record.confirmation(outcome.word());
        switch (outcome) {
            case CONFIRMED:
                return null;
            case NOT_ASKED:
                if (mode == ConfirmRefunds.AUTO) {
                    return null;
                }
                record.result("not-confirmed");
                return ToolResult.error("No refund was made and nothing was sent to Alipay: AP_CONFIRM_REFUNDS=always"
                        + " needs a person to confirm each refund, and this MCP client cannot ask (it did not declare"
                        + " the elicitation capability in form mode, or speaks a protocol revision before 2025-06-18)."
                        + " Tell the person: they can make this refund from an MCP client that supports elicitation.");
            default:
                record.result("not-confirmed");
                return ToolResult.error("No refund was made and nothing was sent to Alipay: the person did not"
                        + " confirm it (" + describe(outcome) + "). Tell the person; do not retry on your own.");
        }
    }

    /** What the person reads: the action, the money, the order, the reason, the merchant app and the gateway. */
    CallContext.Question question(String outTradeNo, BigDecimal amount, String reason, String outRequestNo) {
        String message = "Refund ¥" + yuan(amount) + " of order " + plain(outTradeNo) + " to the buyer"
                + " (refund request " + plain(outRequestNo) + ")."
                + "\nReason: " + (reason == null ? "none given" : "\"" + plain(reason) + "\"") + "."
                + "\nMerchant app " + appId + " on " + gateway + "."
                + "\nAn AI agent asked for this refund. Tick the box and accept only if you want this money paid back.";
        return new CallContext.Question(message, TITLE,
                "Tick to send this refund of ¥" + yuan(amount) + " now; refunded money cannot be taken back.");
    }

    /**
     * The agent's text as the person reads it: control, format (bidirectional overrides, zero-width) and line
     * separator characters become "?", so the text cannot fake extra lines or reorder what is shown.
     */
    static String plain(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int type = Character.getType(c);
            boolean hidden = Character.isISOControl(c) || Character.isSurrogate(c) || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
            out.append(hidden ? '?' : c);
        }
        return out.toString();
    }

    /** Yuan as a person reads them: 88.80, not 88.8 (the amount is already checked to have at most 2 decimals). */
    static String yuan(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    private static String describe(CallContext.Outcome outcome) {
        switch (outcome) {
            case DECLINED:
                return "they declined";
            case CANCELLED:
                return "they dismissed the question";
            case TIMED_OUT:
                return "no answer came in time";
            case CALL_CANCELLED:
                return "the call was cancelled while the question was open";
            default:
                return "the client's answer was an error or not a valid answer";
        }
    }
}
