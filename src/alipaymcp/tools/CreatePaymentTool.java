package alipaymcp.tools;

import alipaymcp.alipay.AlipayException;
import alipaymcp.alipay.GatewayClient;
import alipaymcp.json.JsonValue.JsonNumber;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.log.EventLog;
import alipaymcp.tools.Arguments.ArgumentException;
import alipaymcp.tools.ToolRegistry.ToolName;
import java.math.BigDecimal;
import java.util.List;

/**
 * create-mobile-alipay-payment (alipay.trade.wap.pay) and create-web-page-alipay-payment
 * (alipay.trade.page.pay): a signed GET URL on the gateway, returned as upstream's Markdown link. Nothing is
 * sent: the buyer's browser opens the link.
 */
final class CreatePaymentTool extends AlipayTool {
    private final boolean mobile;

    private CreatePaymentTool(ToolName name, String title, String description, GatewayClient gateway, EventLog log) {
        super(name, title, description, Schemas.PAYMENT_INPUT, Schemas.PAYMENT_OUTPUT, hints(false, false, false),
                gateway, log);
        this.mobile = name == ToolName.MOBILE_PAY;
    }

    /** In upstream's order. */
    static List<CreatePaymentTool> both(GatewayClient gateway, EventLog log) {
        return List.of(new CreatePaymentTool(ToolName.MOBILE_PAY, "Create an Alipay mobile payment link",
                "创建一笔支付宝订单，返回带有支付链接的 Markdown 文本，该链接在手机浏览器中打开后可跳转到支付宝或直接在浏览器中支付。"
                        + "本工具适用于移动网站或移动 App。", gateway, log),
                new CreatePaymentTool(ToolName.WEB_PAGE_PAY, "Create an Alipay web-page payment link",
                "创建一笔支付宝订单，返回带有支付链接的 Markdown 文本，该链接在电脑浏览器中打开后会展示支付二维码，用户可扫码支付。"
                        + "本工具适用于桌面网站或电脑客户端。", gateway, log));
    }

    @Override
    ToolResult run(Arguments arguments, CallContext context, CallRecord record)
            throws ArgumentException, AlipayException {
        String outTradeNo = arguments.id("outTradeNo");
        record.outTradeNo = outTradeNo;
        BigDecimal totalAmount = arguments.amount("totalAmount");
        String title = arguments.title("orderTitle");
        String url = mobile
                ? gateway.wapPayUrl(outTradeNo, totalAmount, title)
                : gateway.pagePayUrl(outTradeNo, totalAmount, title);
        record.result = "link";
        String text = (mobile ? "支付链接: " : "网页支付链接: ") + "[点击完成支付](" + url + ")";
        return ToolResult.success(text, JsonObject.builder()
                .put("url", url)
                .put("outTradeNo", outTradeNo)
                .put("totalAmount", JsonNumber.of(totalAmount))
                .build());
    }
}
