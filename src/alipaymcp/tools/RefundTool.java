package alipaymcp.tools;

import alipaymcp.alipay.AlipayException;
import alipaymcp.alipay.AlipayResponse;
import alipaymcp.alipay.Amount;
import alipaymcp.json.JsonBoolean;
import alipaymcp.log.EventLog;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * refund-alipay-payment: alipay.trade.refund. outRequestNo is the idempotency key: the gateway refunds once
 * per number, so a retry must reuse it. This tool never re-sends a refund. A verified 10000 is reported as done
 * only once a refund query confirms it ({@link RefundQueryCheck}); otherwise the result is pending or
 * unknown, and every result that is not a success says to reuse the same outRequestNo (docs/refunds.md).
 */
final class RefundTool extends AlipayTool {
    static final ToolSpec SPEC = new ToolSpec(ToolName.REFUND_PAY, "Refund an Alipay payment",
            "对交易发起退款，并返回退款状态和退款金额",
            List.of("outTradeNo", "refundAmount", "outRequestNo", "refundReason"), Schemas.REFUND_INPUT,
            Schemas.REFUND_OUTPUT, ToolSpec.hints(false, true, true));

    /** sub_codes that mean "outcome unknown" whatever the code (ACQ.SYSTEM_ERROR also arrives as 40004). */
    static final Set<String> UNKNOWN_SUB_CODES = Set.of("ACQ.SYSTEM_ERROR", "aop.ACQ.SYSTEM_ERROR", "isp.unknow-error");

    private final BigDecimal maxRefundAmount;
    private final RefundConfirmation confirmation;

    /** {@code maxRefundAmount}: AP_MAX_REFUND_AMOUNT, or null for no limit; {@code confirmation}: AP_CONFIRM_REFUNDS. */
    RefundTool(Gateway gateway, BigDecimal maxRefundAmount, RefundConfirmation confirmation, EventLog log) {
        super(SPEC, gateway, log);
        this.maxRefundAmount = maxRefundAmount;
        this.confirmation = confirmation;
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
        return sendAndInterpret(new Request(outTradeNo, outRequestNo, amount, reason), record);
    }

    private record Request(String outTradeNo, String outRequestNo, BigDecimal amount, String reason) {
    }

    /** Sends the refund once and says what is known about it; from here on nothing is re-sent. */
    private ToolResult sendAndInterpret(Request r, CallRecord record) {
        AlipayResponse response;
        try {
            response = gateway.client().refund(r.outTradeNo, r.amount, r.reason, r.outRequestNo);
        } catch (AlipayException e) {
            record.result(e.kind().name());
            return e.outcomeUnknown()
                    ? result(RefundStatus.UNKNOWN, e.getMessage() + " " + queryAdvice(r.outTradeNo, r.outRequestNo), r, null)
                    : result(RefundStatus.FAILED, e.getMessage() + " " + reuseRule(r.outRequestNo), r, null);
        }
        recordCode(record, response);
        if (outcomeUnknown(response)) {
            return result(RefundStatus.UNKNOWN, "退款执行失败. 退款结果: " + failureJson(response) + "\nAlipay answered "
                    + codes(response) + " (outcome unknown): the refund may or may not have been made. "
                    + queryAdvice(r.outTradeNo, r.outRequestNo), r, response);
        }
        if (!response.isSuccess()) {
            return result(RefundStatus.FAILED, "退款执行失败. 退款结果: " + failureJson(response) + "\n"
                    + reuseRule(r.outRequestNo), r, response);
        }
        RefundQueryCheck.Result check = RefundQueryCheck.confirm(gateway.client(), r.outTradeNo, r.outRequestNo,
                r.amount);
        record.result(response.code() + (check.confirmed() ? "/REFUND_SUCCESS" : "/pending")); // the query's verdict
        if (!check.confirmed()) {
            return result(RefundStatus.PENDING, "The refund request was accepted (Alipay answered 10000) but the"
                    + " refund is not confirmed: " + check.reason() + ". "
                    + queryAdvice(r.outTradeNo, r.outRequestNo), r, response);
        }
        boolean fundChange = "Y".equals(response.field("fund_change"));
        String result = fundChange ? "退款成功" : "重复请求退款幂等成功";
        String tradeNo = response.shownField("trade_no");
        return ToolResult.success("退款结果: " + result + ", 退款交易: " + js(tradeNo), RefundStatus.SUCCEEDED
                .structured(r.outTradeNo, r.outRequestNo, response)
                .put("refundResult", result)
                .put("fundChange", JsonBoolean.of(fundChange))
                .putIfPresent("refundFee", GatewayAmounts.number(response.field("refund_fee")))
                .build());
    }

    /** 20000, or ACQ.SYSTEM_ERROR (also under 40004), aop.ACQ.SYSTEM_ERROR, isp.unknow-error. */
    static boolean outcomeUnknown(AlipayResponse response) {
        return response.resultUnknown() || (response.subCode() != null && UNKNOWN_SUB_CODES.contains(response.subCode()));
    }

    private static ToolResult result(RefundStatus status, String text, Request r, AlipayResponse response) {
        return ToolResult.error(text, status.structured(r.outTradeNo, r.outRequestNo, response).build());
    }

    /** The numbers asked, the outcome, and (from a verified answer) the trade number and codes. */

    private static String codes(AlipayResponse response) {
        return response.shownField("code") + (response.subCode() == null ? "" : "/" + response.shownField("sub_code"));
    }

    /** Whatever made the outcome unknown: query with the same numbers; a retry reuses the same number. */
    static String queryAdvice(String outTradeNo, String outRequestNo) {
        return "Call query-alipay-refund with outTradeNo=" + outTradeNo + " and outRequestNo=" + outRequestNo
                + " in 10 seconds or more to find out; if you retry the refund, reuse outRequestNo=" + outRequestNo
                + " (Alipay refunds once per number; a new number is a new refund), never a new one.";
    }

    /** For a refund that was refused or never sent: a new number would be a new refund. */
    static String reuseRule(String outRequestNo) {
        return "If you retry this refund, reuse outRequestNo=" + outRequestNo
                + " (Alipay refunds once per number; a new number is a new refund), never a new one.";
    }
}
