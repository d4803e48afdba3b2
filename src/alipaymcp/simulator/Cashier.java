package alipaymcp.simulator;

import alipaymcp.alipay.SignType;
import alipaymcp.simulator.AnswerWriter.GatewayError;
import alipaymcp.simulator.AnswerWriter.HttpReply;
import alipaymcp.simulator.PaymentMessages.Notifier;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.Map;

/**
 * The cashier: its pages (every text from a request HTML-escaped; no script) and its buttons, POST /cashier/pay
 * and /cashier/cancel with out_trade_no. Paying sets TRADE_SUCCESS, queues the signed notification and sends the
 * browser to return_url with signed parameters. Cancelling changes nothing: the trade stays WAIT_BUYER_PAY, as
 * an abandoned Alipay cashier does until its timeout (not modelled).
 */
record Cashier(Trade.Book book, PaymentMessages messages, Notifier notifier) implements HttpHandler {
    static final String WAP = "alipay.trade.wap.pay";
    static final String PAGE = "alipay.trade.page.pay";
    static final String PAY_PATH = "/cashier/pay";
    static final String CANCEL_PATH = "/cashier/cancel";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            boolean paying = PAY_PATH.equals(path);
            if (!paying && !CANCEL_PATH.equals(path)) {
                HttpReply.of(404, HttpReply.HTML, errorPage("Not found", "No page at " + path)).send(exchange);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                HttpReply.of(405, HttpReply.HTML, errorPage("Use the cashier's buttons",
                        "This address takes the cashier form's POST only.")).send(exchange);
                return;
            }
            Trade trade = find(exchange);
            if (trade == null) {
                HttpReply.of(404, HttpReply.HTML, errorPage("Unknown order",
                        "No trade has this out_trade_no; open the page-pay URL first.")).send(exchange);
            } else if (paying) {
                pay(exchange, trade);
            } else {
                HttpReply.of(200, HttpReply.HTML, outcomePage("Payment cancelled",
                        "Nothing was paid; the order stays open (WAIT_BUYER_PAY).", trade.view())).send(exchange);
            }
        }
    }

    /** The Pay button: a first payment queues the notification and sends the browser to return_url, if any. */
    private void pay(HttpExchange exchange, Trade trade) throws IOException {
        String now = book.nowText();
        Trade.PayOutcome outcome = trade.pay(now);
        Trade.View view = trade.view();
        if (outcome == Trade.PayOutcome.PAID_NOW) {
            String notifyId = book.today() + "00222" + String.format("%021d", RANDOM.nextLong() & Long.MAX_VALUE);
            notifier.send(view.order().notifyUrl(), messages.notification(view, now, notifyId));
            if (view.order().returnUrl() != null) {
                HttpReply.redirect(exchange, messages.returnUrl(view, now));
                return;
            }
        }
        String title = outcome == Trade.PayOutcome.PAID_NOW ? "Paid"
                : outcome == Trade.PayOutcome.ALREADY_PAID ? "Already paid" : "Trade closed";
        String text = outcome == Trade.PayOutcome.CLOSED ? "This order was refunded in full and is closed."
                : "The payment is done; you may close this page.";
        HttpReply.of(outcome == Trade.PayOutcome.CLOSED ? 409 : 200, HttpReply.HTML,
                outcomePage(title, text, view)).send(exchange);
    }

    private Trade find(HttpExchange exchange) throws IOException {
        try {
            String outTradeNo = GatewayHandler.readForm(exchange.getRequestBody(), 4096).get("out_trade_no");
            return outTradeNo == null ? null : book.find(outTradeNo, null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String cashierPage(Trade.View trade) {
        String amount = TradeApi.money(trade.order().totalAmount());
        String outTradeNo = escape(trade.order().outTradeNo());
        return page("Cashier - " + trade.order().subject(),
                "<h1 id=\"subject\">" + escape(trade.order().subject()) + "</h1>\n"
                + "<p class=\"amount\">&yen;<span id=\"amount\">" + amount + "</span></p>\n" + details(trade)
                + form(PAY_PATH, outTradeNo, "pay", "Pay &yen;" + amount)
                + form(CANCEL_PATH, outTradeNo, "cancel", "Cancel"));
    }

    static String outcomePage(String title, String message, Trade.View trade) {
        return page(title, "<h1 id=\"outcome\">" + escape(title) + "</h1>\n<p>" + escape(message) + "</p>\n"
                + details(trade));
    }

    private static String details(Trade.View trade) {
        return "<dl><dt>Merchant order</dt><dd id=\"out-trade-no\">" + escape(trade.order().outTradeNo()) + "</dd>\n"
                + "<dt>Alipay trade</dt><dd id=\"trade-no\">" + trade.tradeNo() + "</dd>\n"
                + "<dt>Status</dt><dd id=\"status\">" + trade.status().name() + "</dd></dl>\n";
    }

    static String errorPage(String title, String detail) {
        return page(title, "<h1 id=\"error\">" + escape(title) + "</h1>\n<p id=\"detail\">" + escape(detail) + "</p>\n");
    }

    private static String form(String action, String escapedOutTradeNo, String id, String label) {
        return "<form method=\"post\" action=\"" + action + "\">"
                + "<input type=\"hidden\" name=\"out_trade_no\" value=\"" + escapedOutTradeNo + "\">"
                + "<button type=\"submit\" id=\"" + id + "\">" + label + "</button></form>\n";
    }

    private static String page(String title, String main) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n"
                + "<style>body{font-family:sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}"
                + ".banner{background:#fff3cd;padding:.5rem}.amount{font-size:2rem}"
                + "button{font-size:1.1rem;margin:.3rem 0;width:100%;padding:.6rem}</style>\n"
                + "</head><body>\n<p class=\"banner\">Alipay gateway SIMULATOR: no real account, no real money.</p>\n"
                + main + "</body></html>\n";
    }

    /** The five HTML-significant characters, so request text can go in text and attribute values. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /**
     * alipay.trade.wap.pay and alipay.trade.page.pay, opened by a browser after the gateway checks: opens (or
     * finds again) the trade and answers the cashier page, or an HTML error page naming the field and the rule.
     */
    HttpReply openPage(Map<String, String> request, SignType signType) {
        try {
            Trade.View view = book.open(order(request, signType)).view();
            if (view.status() != Trade.Status.WAIT_BUYER_PAY) {
                return HttpReply.of(200, HttpReply.HTML, outcomePage("Already paid",
                        "This order was paid before; nothing more to pay.", view));
            }
            return HttpReply.of(200, HttpReply.HTML, cashierPage(view));
        } catch (BizRequest.Invalid e) {
            return rejected(GatewayError.invalidParameter(e.getMessage()));
        } catch (Trade.Book.Refused e) {
            return HttpReply.of(409, HttpReply.HTML, errorPage("Payment request rejected", e.getMessage()));
        }
    }

    static boolean handles(String method) {
        return WAP.equals(method) || PAGE.equals(method);
    }

    static HttpReply rejected(GatewayError error) {
        return HttpReply.of(400, HttpReply.HTML, errorPage("Payment request rejected",
                error.code() + " " + error.msg() + ": " + error.subCode() + " " + error.subMsg()));
    }

    private static Trade.Order order(Map<String, String> request, SignType signType) throws BizRequest.Invalid {
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
    private static String url(Map<String, String> request, String name) throws BizRequest.Invalid {
        String value = request.get(name);
        if (value != null && (value.length() > 256 || Notifier.webUri(value) == null)) {
            throw new BizRequest.Invalid(name + " must be an absolute http or https URL of at most 256 characters");
        }
        return value;
    }
}
