package alipaymcp.tools;

import alipaymcp.alipay.AlipayException;
import alipaymcp.alipay.AlipayResponse;
import alipaymcp.alipay.Amount;
import alipaymcp.json.JsonBoolean;
import alipaymcp.json.JsonObject;
import alipaymcp.log.EventLog;
import java.math.BigDecimal;
import java.util.List;

/**
 * refund-alipay-payment: alipay.trade.refund. outRequestNo is the idempotency key: the gateway refunds once
 * per number, so a retry must reuse it. This tool never re-sends; when the outcome is unknown it says so and
 * tells the caller to query with the same outRequestNo.
 */
final class RefundTool extends AlipayTool {
    static final ToolSpec SPEC = new ToolSpec(ToolName.REFUND_PAY, "Refund an Alipay payment",
            "对交易发起退款，并返回退款状态和退款金额",
            List.of("outTradeNo", "refundAmount", "outRequestNo", "refundReason"), Schemas.REFUND_INPUT,
            Schemas.REFUND_OUTPUT, ToolSpec.hints(false, true, true));

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
        AlipayResponse response;
        try {
            response = gateway.client().refund(outTradeNo, amount, reason, outRequestNo);
        } catch (AlipayException e) {
            if (!e.outcomeUnknown()) {
                throw e;
            }
            record.result(e.kind().name());
            return ToolResult.error(e.getMessage() + " " + queryAdvice(outTradeNo, outRequestNo));
        }
        recordCode(record, response);
        if (response.resultUnknown()) {
            return ToolResult.error("退款执行失败. 退款结果: " + failureJson(response) + "\nAlipay answered 20000"
                    + " (result unknown): the refund may or may not have been made. "
                    + queryAdvice(outTradeNo, outRequestNo));
        }
        if (!response.isSuccess()) {
            return ToolResult.error("退款执行失败. 退款结果: " + failureJson(response));
        }
        boolean fundChange = "Y".equals(response.field("fund_change"));
        String result = fundChange ? "退款成功" : "重复请求退款幂等成功";
        String tradeNo = response.field("trade_no");
        return ToolResult.success("退款结果: " + result + ", 退款交易: " + js(tradeNo), JsonObject.builder()
                .put("outTradeNo", outTradeNo)
                .put("outRequestNo", outRequestNo)
                .putIfPresent("tradeNo", tradeNo)
                .put("refundResult", result)
                .put("fundChange", JsonBoolean.of(fundChange))
                .putIfPresent("refundFee", GatewayAmounts.number(response.field("refund_fee")))
                .build());
    }

    /** Whatever made the outcome unknown: query with the same numbers; a retry reuses the same number. */
    static String queryAdvice(String outTradeNo, String outRequestNo) {
        return "Call query-alipay-refund with outTradeNo=" + outTradeNo + " and outRequestNo=" + outRequestNo
                + " to find out; if you retry the refund, reuse outRequestNo=" + outRequestNo
                + " (Alipay refunds once per number), never a new one.";
    }
}
