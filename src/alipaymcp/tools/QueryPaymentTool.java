package alipaymcp.tools;

import alipaymcp.alipay.AlipayException;
import alipaymcp.alipay.AlipayResponse;
import alipaymcp.alipay.GatewayClient;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.log.EventLog;
import alipaymcp.tools.Arguments.ArgumentException;
import alipaymcp.tools.ToolRegistry.ToolName;

/** query-alipay-payment: alipay.trade.query by outTradeNo, with upstream's texts. */
final class QueryPaymentTool extends AlipayTool {

    QueryPaymentTool(GatewayClient gateway, EventLog log) {
        super(ToolName.QUERY_PAY, "Query an Alipay payment", "查询一笔支付宝订单，并返回带有订单信息的文本。",
                Schemas.QUERY_INPUT, Schemas.QUERY_OUTPUT, hints(true, false, true), gateway, log);
    }

    @Override
    ToolResult run(Arguments arguments, CallContext context, CallRecord record)
            throws ArgumentException, AlipayException {
        String outTradeNo = arguments.id("outTradeNo");
        record.outTradeNo = outTradeNo;
        AlipayResponse response = gateway.query(outTradeNo);
        record.answered(response);
        if (!response.isSuccess()) {
            return ToolResult.error("交易查询失败. 查询结果: " + failureJson(response));
        }
        if (response.field("trade_status") == null) {
            return ToolResult.error("Alipay answered the query of " + outTradeNo + " with success but without"
                    + " trade_status; query again later. 查询结果: " + failureJson(response));
        }
        String status = response.shownField("trade_status");
        String amount = response.shownField("total_amount");
        String tradeNo = response.shownField("trade_no");
        String text = "交易状态: " + status + " , 交易金额: " + js(amount) + " , 支付宝交易号: " + js(tradeNo);
        return ToolResult.success(text, JsonObject.builder()
                .put("outTradeNo", outTradeNo)
                .put("tradeStatus", status)
                .putIfPresent("totalAmount", gatewayAmount(amount))
                .putIfPresent("tradeNo", tradeNo)
                .build());
    }
}
