package alipaymcp.tools;

import alipaymcp.alipay.AlipayException;
import alipaymcp.alipay.AlipayResponse;
import alipaymcp.json.JsonObject;
import alipaymcp.log.EventLog;
import java.util.List;

/** query-alipay-refund: alipay.trade.fastpay.refund.query; only REFUND_SUCCESS is a success. */
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
        AlipayResponse response = gateway.client().refundQuery(outTradeNo, outRequestNo);
        recordCode(record, response);
        if (!response.isSuccess()) {
            return ToolResult.error("退款查询失败. 退款查询结果: " + failureJson(response));
        }
        String status = response.field("refund_status");
        JsonObject structured = JsonObject.builder()
                .put("outTradeNo", outTradeNo)
                .put("outRequestNo", outRequestNo)
                .putIfPresent("tradeNo", response.field("trade_no"))
                .putIfPresent("refundAmount", GatewayAmounts.number(response.field("refund_amount")))
                .putIfPresent("refundStatus", status)
                .build();
        if (!"REFUND_SUCCESS".equals(status)) {
            return ToolResult.error("未查询到退款成功. 退款查询结果: " + failureJson(response));
        }
        if (!structured.has("refundAmount")) {
            return ToolResult.error("Alipay reports the refund " + outRequestNo + " as REFUND_SUCCESS but without a"
                    + " readable refund_amount; query again later. 退款查询结果: " + failureJson(response));
        }
        String text = "查询到退款成功, 退款交易: " + js(response.field("trade_no")) + " , 退款金额: "
                + js(response.field("refund_amount")) + " , 退款状态: " + status;
        return ToolResult.success(text, structured);
    }
}
