package alipaymcp.tools;

import alipaymcp.alipay.AlipayException;
import alipaymcp.alipay.AlipayResponse;
import alipaymcp.alipay.GatewayClient;
import alipaymcp.json.JsonValue.JsonNumber;
import alipaymcp.log.EventLog;
import alipaymcp.tools.Arguments.ArgumentException;
import alipaymcp.tools.RefundTool.RefundOutcome;
import alipaymcp.tools.ToolRegistry.ToolName;

/**
 * query-alipay-refund: alipay.trade.fastpay.refund.query. Only a verified success that names both numbers asked
 * (GatewayClient checks) and reports REFUND_SUCCESS with an amount is a success (docs/refunds.md).
 */
final class QueryRefundTool extends AlipayTool {

    QueryRefundTool(GatewayClient gateway, EventLog log) {
        super(ToolName.REFUND_QUERY, "Query an Alipay refund", "查询一笔支付宝退款，并返回退款状态和退款金额",
                Schemas.REFUND_QUERY_INPUT, Schemas.REFUND_QUERY_OUTPUT, hints(true, false, true), gateway, log);
    }

    @Override
    ToolResult run(Arguments arguments, CallContext context, CallRecord record) throws ArgumentException {
        String outRequestNo = arguments.id("outRequestNo");
        String outTradeNo = arguments.id("outTradeNo");
        record.outTradeNo = outTradeNo;
        record.outRequestNo = outRequestNo;
        String advice = "Call query-alipay-refund again with outTradeNo=" + outTradeNo + " and outRequestNo="
                + outRequestNo + " in 10 seconds or more; if you retry the refund, " + RefundTool.reuse(outRequestNo);
        AlipayResponse response;
        try {
            response = gateway.refundQuery(outTradeNo, outRequestNo);
        } catch (AlipayException e) {
            record.result = e.kind().name();
            return RefundOutcome.UNKNOWN.error(e.getMessage() + " " + advice, outTradeNo, outRequestNo, null);
        }
        record.answered(response);
        String shown = failureJson(response);
        if (RefundTool.outcomeUnknown(response)) {
            return RefundOutcome.UNKNOWN.error("退款查询失败. 退款查询结果: " + shown
                    + "\nAlipay could not tell (outcome unknown). " + advice, outTradeNo, outRequestNo, response);
        }
        if (!response.isSuccess()) {
            return RefundOutcome.FAILED.error("退款查询失败. 退款查询结果: " + shown, outTradeNo, outRequestNo, response);
        }
        String status = response.field("refund_status");
        if (!"REFUND_SUCCESS".equals(status)) {
            return RefundOutcome.PENDING.error("未查询到退款成功. 退款查询结果: " + shown + "\nThe refund is not confirmed ("
                    + (status == null ? "still processing, or failed" : "refund_status is not REFUND_SUCCESS") + "). "
                    + advice, outTradeNo, outRequestNo, response);
        }
        JsonNumber refunded = gatewayAmount(response.field("refund_amount"));
        if (refunded == null) {
            return RefundOutcome.PENDING.error("Alipay reports the refund " + outRequestNo + " as REFUND_SUCCESS but"
                    + " without a readable refund_amount. " + advice + " 退款查询结果: " + shown,
                    outTradeNo, outRequestNo, response);
        }
        String text = "查询到退款成功, 退款交易: " + js(response.shownField("trade_no")) + " , 退款金额: "
                + js(response.shownField("refund_amount")) + " , 退款状态: " + status;
        return ToolResult.success(text, RefundOutcome.SUCCEEDED.structured(outTradeNo, outRequestNo, response)
                .put("refundAmount", refunded)
                .put("refundStatus", status)
                .build());
    }
}
