package alipaymcp.tools;

import alipaymcp.alipay.AlipayException;
import alipaymcp.alipay.AlipayResponse;
import alipaymcp.json.JsonObject;
import alipaymcp.log.EventLog;
import java.util.List;

/** query-alipay-payment: alipay.trade.query by outTradeNo, with upstream's texts. */
final class QueryPaymentTool extends AlipayTool {
    static final ToolSpec SPEC = new ToolSpec(ToolName.QUERY_PAY, "Query an Alipay payment",
            "查询一笔支付宝订单，并返回带有订单信息的文本。", List.of("outTradeNo"), Schemas.QUERY_INPUT,
            Schemas.QUERY_OUTPUT, ToolSpec.hints(true, false, true));

    QueryPaymentTool(Gateway gateway, EventLog log) {
        super(SPEC, gateway, log);
    }

    @Override
    ToolResult run(Arguments arguments, CallContext cancelled, CallRecord record)
            throws ArgumentException, AlipayException {
        String outTradeNo = arguments.id("outTradeNo");
        record.outTradeNo(outTradeNo);
        AlipayResponse response = gateway.client().query(outTradeNo);
        recordCode(record, response);
        String status = response.field("trade_status");
        if (!response.isSuccess()) {
            return ToolResult.error("交易查询失败. 查询结果: " + failureJson(response));
        }
        if (status == null) {
            return ToolResult.error("Alipay answered the query of " + outTradeNo + " with success but without"
                    + " trade_status; query again later. 查询结果: " + failureJson(response));
        }
        String amount = response.field("total_amount");
        String tradeNo = response.field("trade_no");
        String text = "交易状态: " + status + " , 交易金额: " + js(amount) + " , 支付宝交易号: " + js(tradeNo);
        return ToolResult.success(text, JsonObject.builder()
                .put("outTradeNo", outTradeNo)
                .put("tradeStatus", status)
                .putIfPresent("totalAmount", GatewayAmounts.number(amount))
                .putIfPresent("tradeNo", tradeNo)
                .build());
    }
}
