package alipaymcp.tools;

import alipaymcp.alipay.AlipayException;
import alipaymcp.alipay.AlipayResponse;
import alipaymcp.alipay.Amount;
import alipaymcp.json.JsonValue.JsonBoolean;
import alipaymcp.json.JsonValue.JsonNumber;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.log.EventLog;
import alipaymcp.tools.Arguments.ArgumentException;
import alipaymcp.tools.Tool.CallContext;
import alipaymcp.tools.ToolRegistry.ToolName;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

/**
 * refund-alipay-payment: alipay.trade.refund. outRequestNo is the idempotency key: the gateway refunds once
 * per number, so a retry must reuse it. This tool never re-sends a refund. A verified 10000 is reported as done
 * only once a refund query confirms it ({@link #confirmingQuery}); otherwise the result is pending or
 * unknown, and every result that is not a success says to reuse the same outRequestNo (docs/refunds.md).
 */
final class RefundTool extends AlipayTool {
    /** sub_codes that mean "outcome unknown" whatever the code (ACQ.SYSTEM_ERROR also arrives as 40004). */
    private static final Set<String> UNKNOWN_SUB_CODES = Set.of("ACQ.SYSTEM_ERROR", "aop.ACQ.SYSTEM_ERROR", "isp.unknow-error");
    /** Alipay advises 10 s before querying; a short second look catches a refund that completes at once. */
    private static final long RETRY_WAIT_MILLIS = 1_500;
    private static final String NOTHING_YET = "the refund query finds no refund_status yet (still processing,"
            + " or failed)";

    private final BigDecimal maxRefundAmount;
    private final RefundConfirmation confirmation;

    /** {@code maxRefundAmount}: AP_MAX_REFUND_AMOUNT, or null for no limit; {@code confirmation}: AP_CONFIRM_REFUNDS. */
    RefundTool(Gateway gateway, BigDecimal maxRefundAmount, RefundConfirmation confirmation, EventLog log) {
        super(ToolName.REFUND_PAY, "Refund an Alipay payment", "对交易发起退款，并返回退款状态和退款金额",
                Schemas.REFUND_INPUT, Schemas.REFUND_OUTPUT, hints(false, true, true), gateway, log);
        this.maxRefundAmount = maxRefundAmount;
        this.confirmation = confirmation;
    }

    /**
     * The {@code outcome} field of both refund tools' structured content, so that a client can act without
     * reading the Chinese text (docs/refunds.md has the full table).
     */
    enum Outcome {
        /** Confirmed by a verified refund query: REFUND_SUCCESS for this outRequestNo and the amount asked. */
        SUCCEEDED,
        /** The gateway accepted or knows the request, but the refund is not confirmed: query again in 10 s or more. */
        PENDING,
        /** No verified answer, or one that says the outcome is unknown: query before acting, reuse the number. */
        UNKNOWN,
        /** A verified refusal (the refund was not made), or nothing was sent; a retry still reuses the number. */
        FAILED;

        /** Structured content both refund tools share: the numbers asked, this outcome, and verified codes. */
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

        /** An error result with this outcome; {@code response}: the verified answer, or null when there is none. */
        ToolResult error(String text, String outTradeNo, String outRequestNo, AlipayResponse response) {
            return ToolResult.error(text, structured(outTradeNo, outRequestNo, response).build());
        }
    }

    @Override
    ToolResult run(Arguments arguments, CallContext context, CallRecord record)
            throws ArgumentException, AlipayException {
        String outTradeNo = arguments.id("outTradeNo");
        record.outTradeNo(outTradeNo);
        BigDecimal amount = arguments.amount("refundAmount");
        String outRequestNo = arguments.id("outRequestNo");
        record.outRequestNo(outRequestNo);
        String reason = arguments.optionalText("refundReason");
        if (maxRefundAmount != null && amount.compareTo(maxRefundAmount) > 0) {
            throw new ArgumentException("refundAmount", "must be at most " + Amount.format(maxRefundAmount)
                    + " (AP_MAX_REFUND_AMOUNT), got " + Amount.format(amount) + "; nothing was sent to Alipay");
        }
        ToolResult refused = confirmation.check(context, record, outTradeNo, amount, reason, outRequestNo);
        if (refused != null) { // no yes from the person: nothing is signed or sent
            return refused;
        }
        if (context.getAsBoolean()) { // nothing irreversible starts once the client has cancelled
            record.result("cancelled");
            return ToolResult.error("Cancelled by the client before anything was sent to Alipay: no refund was made.");
        }
        return sendAndInterpret(outTradeNo, outRequestNo, amount, reason, record);
    }

    /** Sends the refund once and says what is known about it; from here on nothing is re-sent. */
    private ToolResult sendAndInterpret(String outTradeNo, String outRequestNo, BigDecimal amount, String reason,
            CallRecord record) {
        AlipayResponse response;
        try {
            response = gateway.client().refund(outTradeNo, amount, reason, outRequestNo);
        } catch (AlipayException e) {
            record.result(e.kind().name());
            return e.outcomeUnknown()
                    ? Outcome.UNKNOWN.error(e.getMessage() + " " + queryAdvice(outTradeNo, outRequestNo), outTradeNo,
                            outRequestNo, null)
                    : Outcome.FAILED.error(e.getMessage() + " " + reuseRule(outRequestNo), outTradeNo, outRequestNo,
                            null);
        }
        record.result(response);
        if (outcomeUnknown(response)) {
            return Outcome.UNKNOWN.error("退款执行失败. 退款结果: " + failureJson(response) + "\nAlipay answered "
                    + codes(response) + " (outcome unknown): the refund may or may not have been made. "
                    + queryAdvice(outTradeNo, outRequestNo), outTradeNo, outRequestNo, response);
        }
        if (!response.isSuccess()) {
            return Outcome.FAILED.error("退款执行失败. 退款结果: " + failureJson(response) + "\n"
                    + reuseRule(outRequestNo), outTradeNo, outRequestNo, response);
        }
        String notConfirmed = confirmingQuery(outTradeNo, outRequestNo, amount);
        record.result(response.code() + (notConfirmed == null ? "/REFUND_SUCCESS" : "/pending")); // the query's verdict
        if (notConfirmed != null) {
            return Outcome.PENDING.error("The refund request was accepted (Alipay answered 10000) but the refund is"
                    + " not confirmed: " + notConfirmed + ". " + queryAdvice(outTradeNo, outRequestNo), outTradeNo,
                    outRequestNo, response);
        }
        boolean fundChange = "Y".equals(response.field("fund_change"));
        String result = fundChange ? "退款成功" : "重复请求退款幂等成功";
        return ToolResult.success("退款结果: " + result + ", 退款交易: " + js(response.shownField("trade_no")),
                Outcome.SUCCEEDED.structured(outTradeNo, outRequestNo, response)
                        .put("refundResult", result)
                        .put("fundChange", JsonBoolean.of(fundChange))
                        .putIfPresent("refundFee", gatewayAmount(response.field("refund_fee")))
                        .build());
    }

    /**
     * Confirms a refund the gateway accepted with a verified 10000. That answer never names out_request_no, so it
     * could be a replayed success about an earlier refund of the same order, and Alipay says code=10000 only
     * means the request was accepted (fund_change=N, or none, must be checked). So: one refund query for the same
     * outTradeNo and outRequestNo (read-only), whose verified success must name both numbers (GatewayClient
     * checks that), report REFUND_SUCCESS and a refund_amount equal to the amount asked. When it finds nothing
     * yet (no refund_status) it is sent once more after {@link #RETRY_WAIT_MILLIS}.
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
            answer = gateway.client().refundQuery(outTradeNo, outRequestNo);
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
        if (refunded == null || new BigDecimal(refunded.text()).compareTo(amount) != 0) { // "5" equals "5.00"
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

    /** Whatever made the outcome unknown: query with the same numbers; a retry reuses the same number. */
    private static String queryAdvice(String outTradeNo, String outRequestNo) {
        return "Call query-alipay-refund with outTradeNo=" + outTradeNo + " and outRequestNo=" + outRequestNo
                + " in 10 seconds or more to find out; if you retry the refund, reuse outRequestNo=" + outRequestNo
                + " (Alipay refunds once per number; a new number is a new refund), never a new one.";
    }

    /** For a refund that was refused or never sent: a new number would be a new refund. */
    private static String reuseRule(String outRequestNo) {
        return "If you retry this refund, reuse outRequestNo=" + outRequestNo
                + " (Alipay refunds once per number; a new number is a new refund), never a new one.";
    }
}
