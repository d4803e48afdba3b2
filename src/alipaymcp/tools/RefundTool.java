package alipaymcp.tools;

import alipaymcp.alipay.AlipayException;
import alipaymcp.alipay.AlipayResponse;
import alipaymcp.alipay.Amount;
import alipaymcp.alipay.GatewayClient;
import alipaymcp.config.Config;
import alipaymcp.config.Config.ConfirmRefunds;
import alipaymcp.config.Config.Environment;
import alipaymcp.json.JsonValue.JsonNumber;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.log.EventLog;
import alipaymcp.tools.Arguments.ArgumentException;
import alipaymcp.tools.Tool.CallContext.Outcome;
import alipaymcp.tools.Tool.CallContext.Question;
import alipaymcp.tools.ToolRegistry.ToolName;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * refund-alipay-payment: alipay.trade.refund. outRequestNo is the idempotency key (Alipay refunds once per number),
 * so this tool never re-sends a refund and every result that is not a success says to reuse it. With
 * AP_CONFIRM_REFUNDS the person says yes first ({@link #confirm}); a verified 10000 is done only once a refund query
 * confirms it ({@link #confirmingQuery}), else it is pending or unknown (docs/refunds.md).
 */
final class RefundTool extends AlipayTool {
    /** sub_codes that mean "outcome unknown" whatever the code (ACQ.SYSTEM_ERROR also arrives as 40004). */
    private static final Set<String> UNKNOWN_SUB_CODES = Set.of("ACQ.SYSTEM_ERROR", "aop.ACQ.SYSTEM_ERROR", "isp.unknow-error");
    /** Alipay advises 10 s before querying; a short second look catches a refund that completes at once. */
    private static final long RETRY_WAIT_MILLIS = 1_500;
    private static final String NOTHING_YET = "the refund query finds no refund_status yet (still processing,"
            + " or failed)";

    private final Policy policy;

    RefundTool(GatewayClient gateway, Policy policy, EventLog log) {
        super(ToolName.REFUND_PAY, "Refund an Alipay payment", "对交易发起退款，并返回退款状态和退款金额",
                Schemas.REFUND_INPUT, Schemas.REFUND_OUTPUT, hints(false, true, true), gateway, log);
        this.policy = policy;
    }

    /** maxAmount is null for no limit; the question names appId and gateway so the person sees who pays where. */
    record Policy(BigDecimal maxAmount, ConfirmRefunds confirm, String appId, String gateway) {
        static Policy of(Config config) {
            URI url = config.gatewayUrl(); // any URL but the environments' own (the simulator, a relay) as itself
            String gateway = url.equals(Environment.PROD.gateway()) ? "Alipay production (real money)"
                    : url.equals(Environment.SANDBOX.gateway()) ? "the Alipay sandbox (test money)"
                    : "the gateway at " + url + " (AP_GATEWAY_URL)";
            return new Policy(config.maxRefundAmount(), config.confirmRefunds(), config.appId(), gateway);
        }
    }

    /** Both refund tools' structured {@code outcome}: a client acts on it without reading the Chinese text. */
    enum RefundOutcome {
        SUCCEEDED, // a verified refund query: REFUND_SUCCESS for this outRequestNo and the amount asked
        PENDING, // accepted or known to the gateway, but not confirmed: query again in 10 s or more
        UNKNOWN, // no verified answer, or one that says the outcome is unknown: query before acting, reuse the number
        FAILED; // a verified refusal (no refund was made), or nothing was sent; a retry still reuses the number

        JsonObject.Builder structured(String outTradeNo, String outRequestNo, AlipayResponse response) {
            JsonObject.Builder out = JsonObject.builder()
                    .put("outTradeNo", outTradeNo)
                    .put("outRequestNo", outRequestNo)
                    .put("outcome", name().toLowerCase(Locale.ROOT));
            if (response != null) {
                out.putIfPresent("tradeNo", response.shownField("trade_no"));
                if (!response.isSuccess()) {
                    out.putIfPresent("code", response.shownField("code"))
                            .putIfPresent("subCode", response.shownField("sub_code"));
                }
            }
            return out;
        }

        /** {@code response}: the verified answer, or null when there is none. */
        ToolResult error(String text, String outTradeNo, String outRequestNo, AlipayResponse response) {
            return new ToolResult(text, true, structured(outTradeNo, outRequestNo, response).build());
        }
    }

    @Override
    ToolResult run(Arguments arguments, CallContext context, CallRecord record)
            throws ArgumentException, AlipayException {
        String outTradeNo = arguments.id("outTradeNo");
        record.outTradeNo = outTradeNo;
        BigDecimal amount = arguments.amount("refundAmount");
        String outRequestNo = arguments.id("outRequestNo");
        record.outRequestNo = outRequestNo;
        String reason = arguments.optionalText("refundReason");
        if (policy.maxAmount() != null && amount.compareTo(policy.maxAmount()) > 0) {
            throw new ArgumentException("refundAmount", "must be at most " + Amount.format(policy.maxAmount())
                    + " (AP_MAX_REFUND_AMOUNT), got " + Amount.format(amount) + "; nothing was sent to Alipay");
        }
        ToolResult refused = confirm(context, record, outTradeNo, amount, reason, outRequestNo);
        if (refused != null) { // no yes from the person: nothing is signed or sent
            return refused;
        }
        if (context.getAsBoolean()) { // nothing irreversible starts once the client has cancelled
            record.result = "cancelled";
            return ToolResult.error("Cancelled by the client before anything was sent to Alipay: no refund was made.");
        }
        return sendAndInterpret(outTradeNo, outRequestNo, amount, reason, record);
    }

    /**
     * AP_CONFIRM_REFUNDS: before anything is signed, the person says yes or no to exactly what will happen. Every
     * ending but a yes sends nothing and says so without inviting a retry under a new number.
     *
     * @return null when the refund may be sent, else the result to return instead
     */
    private ToolResult confirm(CallContext context, CallRecord record, String outTradeNo, BigDecimal amount,
            String reason, String outRequestNo) {
        if (policy.confirm() == ConfirmRefunds.NEVER) {
            record.confirmation = Outcome.NOT_ASKED.word();
            return null;
        }
        Outcome outcome = context.confirm(question(outTradeNo, amount, reason, outRequestNo));
        record.confirmation = outcome.word();
        if (outcome == Outcome.CONFIRMED || (outcome == Outcome.NOT_ASKED && policy.confirm() == ConfirmRefunds.AUTO)) {
            return null;
        }
        record.result = "not-confirmed";
        if (outcome == Outcome.NOT_ASKED) {
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

    /** The agent's text is shown {@link Arguments#printable}, never cut (it is shorter); yuan as 88.80, not 88.8. */
    private Question question(String outTradeNo, BigDecimal amount, String reason, String outRequestNo) {
        String yuan = amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
        String message = "Refund ¥" + yuan + " of order " + shown(outTradeNo) + " to the buyer"
                + " (refund request " + shown(outRequestNo) + ")."
                + "\nReason: " + (reason == null ? "none given" : "\"" + shown(reason) + "\"") + "."
                + "\nMerchant app " + policy.appId() + " on " + policy.gateway() + "."
                + "\nAn AI agent asked for this refund. Tick the box and accept only if you want this money paid back.";
        return new Question(message, "Send this refund",
                "Tick to send this refund of ¥" + yuan + " now; refunded money cannot be taken back.");
    }

    private static String shown(String agentText) {
        return Arguments.printable(agentText, Arguments.MAX_TEXT);
    }

    /** Sends the refund once and says what is known about it; from here on nothing is re-sent. */
    private ToolResult sendAndInterpret(String outTradeNo, String outRequestNo, BigDecimal amount, String reason,
            CallRecord record) {
        AlipayResponse response;
        try {
            response = gateway.refund(outTradeNo, amount, reason, outRequestNo);
        } catch (AlipayException e) {
            record.result = e.kind().name();
            return e.outcomeUnknown()
                    ? RefundOutcome.UNKNOWN.error(e.getMessage() + " " + queryAdvice(outTradeNo, outRequestNo),
                            outTradeNo, outRequestNo, null)
                    : RefundOutcome.FAILED.error(e.getMessage() + " If you retry this refund, " + reuse(outRequestNo),
                            outTradeNo, outRequestNo, null);
        }
        record.answered(response);
        if (outcomeUnknown(response)) {
            return RefundOutcome.UNKNOWN.error("退款执行失败. 退款结果: " + failureJson(response) + "\nAlipay answered "
                    + codes(response) + " (outcome unknown): the refund may or may not have been made. "
                    + queryAdvice(outTradeNo, outRequestNo), outTradeNo, outRequestNo, response);
        }
        if (!response.isSuccess()) {
            return RefundOutcome.FAILED.error("退款执行失败. 退款结果: " + failureJson(response) + "\nIf you retry this refund, "
                    + reuse(outRequestNo), outTradeNo, outRequestNo, response);
        }
        String notConfirmed = confirmingQuery(outTradeNo, outRequestNo, amount);
        record.result = response.code() + (notConfirmed == null ? "/REFUND_SUCCESS" : "/pending"); // query's verdict
        if (notConfirmed != null) {
            return RefundOutcome.PENDING.error("The refund request was accepted (Alipay answered 10000) but the refund"
                    + " is not confirmed: " + notConfirmed + ". " + queryAdvice(outTradeNo, outRequestNo), outTradeNo,
                    outRequestNo, response);
        }
        boolean fundChange = "Y".equals(response.field("fund_change"));
        String result = fundChange ? "退款成功" : "重复请求退款幂等成功";
        return ToolResult.success("退款结果: " + result + ", 退款交易: " + js(response.shownField("trade_no")),
                RefundOutcome.SUCCEEDED.structured(outTradeNo, outRequestNo, response)
                        .put("refundResult", result)
                        .put("fundChange", fundChange)
                        .putIfPresent("refundFee", gatewayAmount(response.field("refund_fee")))
                        .build());
    }

    /**
     * A verified 10000 never names out_request_no (it could be a replayed success of an earlier refund), and Alipay
     * says it only means "accepted". So one read-only refund query must name both numbers (GatewayClient checks),
     * report REFUND_SUCCESS and the amount asked; when it finds no refund_status yet, it is sent once more.
     *
     * @return null when confirmed, else why not (a clause for the result text)
     */
    private String confirmingQuery(String outTradeNo, String outRequestNo, BigDecimal amount) {
        String notConfirmed = queryOnce(outTradeNo, outRequestNo, amount);
        if (NOTHING_YET.equals(notConfirmed)) {
            try {
                Thread.sleep(RETRY_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return notConfirmed;
            }
            notConfirmed = queryOnce(outTradeNo, outRequestNo, amount);
        }
        return notConfirmed;
    }

    private String queryOnce(String outTradeNo, String outRequestNo, BigDecimal amount) {
        AlipayResponse answer;
        try {
            answer = gateway.refundQuery(outTradeNo, outRequestNo);
        } catch (AlipayException e) {
            return "the confirming refund query got no usable answer (" + e.kind() + ")";
        }
        if (!answer.isSuccess()) {
            return "the confirming refund query was answered " + codes(answer);
        }
        String status = answer.field("refund_status");
        if (status == null) {
            return NOTHING_YET;
        }
        if (!status.equals("REFUND_SUCCESS")) {
            return "the refund query reports refund_status " + answer.shownField("refund_status");
        }
        JsonNumber refunded = gatewayAmount(answer.field("refund_amount"));
        if (refunded == null || refunded.toBigDecimal().compareTo(amount) != 0) { // "5" equals "5.00"
            return "the refund query reports REFUND_SUCCESS for another amount ("
                    + js(answer.shownField("refund_amount")) + ")";
        }
        return null;
    }

    /** 20000, or ACQ.SYSTEM_ERROR (also under 40004), aop.ACQ.SYSTEM_ERROR, isp.unknow-error. */
    static boolean outcomeUnknown(AlipayResponse response) {
        return response.resultUnknown() || (response.subCode() != null && UNKNOWN_SUB_CODES.contains(response.subCode()));
    }

    private static String codes(AlipayResponse response) {
        return response.shownField("code") + (response.subCode() == null ? "" : "/" + response.shownField("sub_code"));
    }

    private static String queryAdvice(String outTradeNo, String outRequestNo) {
        return "Call query-alipay-refund with outTradeNo=" + outTradeNo + " and outRequestNo=" + outRequestNo
                + " in 10 seconds or more to find out; if you retry the refund, " + reuse(outRequestNo);
    }

    /** How every refund result that is not a success ends (both refund tools). */
    static String reuse(String outRequestNo) {
        return "reuse outRequestNo=" + outRequestNo
                + " (Alipay refunds once per number; a new number is a new refund), never a new one.";
    }
}
