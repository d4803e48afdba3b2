package alipaymcp.simulator;

import alipaymcp.alipay.SignType;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * alipay.trade.wap.pay and alipay.trade.page.pay, as opened by a browser: the signed request has passed
 * the gateway checks; its biz_content is validated, the trade opened (or found again) as WAIT_BUYER_PAY,
 * and the cashier page answered. Anything wrong is an HTML error page naming the field and the rule.
 */
final class PagePay {
    static final String WAP = "alipay.trade.wap.pay";
    static final String PAGE = "alipay.trade.page.pay";

    private final TradeBook book;

    PagePay(TradeBook book) {
        this.book = book;
    }

    static boolean handles(String method) {
        return WAP.equals(method) || PAGE.equals(method);
    }

    HttpReply open(GatewayRequest request, SignType signType) {
        Trade.Order order;
        try {
            order = order(request, signType);
        } catch (BizRequest.Invalid e) {
            return rejected(GatewayError.invalidParameter(e.getMessage()));
        }
        try {
            Trade trade = book.open(order);
            Trade.View view = trade.view();
            if (view.status() != Trade.Status.WAIT_BUYER_PAY) {
                return HttpReply.of(200, HttpReply.HTML, Cashier.outcomePage("Already paid",
                        "This order was paid before; nothing more to pay.", view));
            }
            return HttpReply.of(200, HttpReply.HTML, Cashier.cashierPage(view));
        } catch (TradeBook.Refused e) {
            return HttpReply.of(409, HttpReply.HTML, Cashier.errorPage("Payment request rejected", e.getMessage()));
        }
    }

    /** The page shown for a request the gateway refuses (bad signature, bad parameter). */
    static HttpReply rejected(GatewayError error) {
        return HttpReply.of(400, HttpReply.HTML, Cashier.errorPage("Payment request rejected",
                error.code() + " " + error.msg() + ": " + error.subCode() + " " + error.subMsg()));
    }

    private static Trade.Order order(GatewayRequest request, SignType signType) throws BizRequest.Invalid {
        String method = request.get("method");
        BizRequest biz = BizRequest.parse(request.get("biz_content"));
        String outTradeNo = biz.id("out_trade_no");
        if (outTradeNo == null) {
            throw new BizRequest.Invalid("out_trade_no is required");
        }
        BigDecimal amount = biz.amount("total_amount");
        String subject = biz.requiredText("subject", 256);
        String productCode = biz.text("product_code", 64);
        String expected = WAP.equals(method) ? "QUICK_WAP_WAY" : "FAST_INSTANT_TRADE_PAY";
        if (productCode == null ? PAGE.equals(method) : !productCode.equals(expected)) {
            throw new BizRequest.Invalid("product_code must be " + expected + " for " + method);
        }
        return new Trade.Order(outTradeNo, amount, subject, biz.text("body", 512), method, signType,
                url(request, "notify_url"), url(request, "return_url"), biz.raw("passback_params"));
    }

    /** An absolute http(s) URL of at most 256 characters, or null when absent. */
    private static String url(GatewayRequest request, String name) throws BizRequest.Invalid {
        String value = request.get(name);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (value.length() <= 256 && uri.getHost() != null
                    && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                return value;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw new BizRequest.Invalid(name + " must be an absolute http or https URL of at most 256 characters");
    }
}
