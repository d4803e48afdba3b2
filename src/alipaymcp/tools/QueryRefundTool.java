package alipaymcp.tools;

import alipaymcp.alipay.AlipayException;
import alipaymcp.alipay.AlipayResponse;
import alipaymcp.json.JsonObject;
import alipaymcp.log.EventLog;
import java.util.List;

/**
 * query-alipay-refund: alipay.trade.fastpay.refund.query. Only a verified success that names the outTradeNo and
 * outRequestNo asked (GatewayClient checks both) and reports REFUND_SUCCESS with an amount is a success; no
 * refund_status means not confirmed (still processing, or failed). The structured {@code outcome} says which
 * (docs/refunds.md).
 */
final class QueryRefundTool extends AlipayTool {
    static final ToolSpec SPEC = new ToolSpec(ToolName.REFUND_QUERY, "Query an Alipay refund",
            "查询一笔支付宝退款，并返回退款状态和退款金额", List.of("outRequestNo", "outTradeNo"),
            Schemas.REFUND_QUERY_INPUT, Schemas.REFUND_QUERY_OUTPUT, ToolSpec.hints(true, false, true));

    QueryRefundTool(Gateway gateway, EventLog log) {
        super(SPEC, gateway, log);
    }

    @Override
    ToolResult run(Arguments arguments, CallContext cancelled, CallRecord record)
            throws ArgumentException, AlipayException {
        String outRequestNo = arguments.id("outRequestNo");
        String outTradeNo = arguments.id("outTradeNo");
        record.outTradeNo(outTradeNo);
        record.outRequestNo(outRequestNo);
        String advice = queryAgain(outTradeNo, outRequestNo);
        AlipayResponse response;
        try {
            response = gateway.client().refundQuery(outTradeNo, outRequestNo);
        } catch (AlipayException e) {
            record.result(e.kind().name());
            return error(RefundStatus.UNKNOWN, e.getMessage() + " " + advice, outTradeNo, outRequestNo, null);
        }
        recordCode(record, response);
        if (RefundTool.outcomeUnknown(response)) {
            return error(RefundStatus.UNKNOWN, "退款查询失败. 退款查询结果: " + failureJson(response)
                    + "\nAlipay could not tell (outcome unknown). " + advice, outTradeNo, outRequestNo, response);
        }
        if (!response.isSuccess()) {
            return error(RefundStatus.FAILED, "退款查询失败. 退款查询结果: " + failureJson(response), outTradeNo,
                    outRequestNo, response);
        }
        String status = response.field("refund_status");
        if (status == null) {
            return error(RefundStatus.PENDING, "未查询到退款成功. 退款查询结果: " + failureJson(response)
                    + "\nThe refund is not confirmed (still processing, or failed). " + advice, outTradeNo,
                    outRequestNo, response);
        }
        if (!"REFUND_SUCCESS".equals(status)) {
            return error(RefundStatus.PENDING, "未查询到退款成功. 退款查询结果: " + failureJson(response)
                    + "\nThe refund is not confirmed (refund_status is not REFUND_SUCCESS). " + advice, outTradeNo,
                    outRequestNo, response);
        }
        if (GatewayAmounts.number(response.field("refund_amount")) == null) {
            return error(RefundStatus.PENDING, "Alipay reports the refund " + outRequestNo + " as REFUND_SUCCESS but"
                    + " without a readable refund_amount. " + advice + " 退款查询结果: " + failureJson(response),
                    outTradeNo, outRequestNo, response);
        }
        String text = "查询到退款成功, 退款交易: " + js(response.shownField("trade_no")) + " , 退款金额: "
                + js(response.shownField("refund_amount")) + " , 退款状态: " + status;
        return ToolResult.success(text, RefundStatus.SUCCEEDED.structured(outTradeNo, outRequestNo, response)
                .putIfPresent("refundAmount", GatewayAmounts.number(response.field("refund_amount")))
                .put("refundStatus", status)
                .build());
    }

    private static ToolResult error(RefundStatus outcome, String text, String outTradeNo, String outRequestNo,
            AlipayResponse response) {
        return ToolResult.error(text, outcome.structured(outTradeNo, outRequestNo, response).build());
    }

    /** Not known yet: query again later with the same numbers; a retry of the refund reuses the same number. */
    static String queryAgain(String outTradeNo, String outRequestNo) {
        return "Call query-alipay-refund again with outTradeNo=" + outTradeNo + " and outRequestNo=" + outRequestNo
                + " in 10 seconds or more; if you retry the refund, reuse outRequestNo=" + outRequestNo
                + " (Alipay refunds once per number; a new number is a new refund), never a new one.";
    }
}
