package alipaymcp.simulator;

import alipaymcp.alipay.FormCodec;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Map;

/**
 * The cashier's buttons: POST /cashier/pay and /cashier/cancel with out_trade_no. Paying sets
 * TRADE_SUCCESS, queues the signed notification and sends the browser to return_url with signed
 * parameters (or shows a "paid" page without one). Cancelling changes nothing: the trade stays
 * WAIT_BUYER_PAY, as an abandoned Alipay cashier does until its timeout (timeouts are not modelled).
 */
final class Cashier implements HttpHandler {
    private final TradeBook book;
    private final GatewayTime time;
    private final PaymentMessages messages;
    private final Notifier notifier;
    private final SecureRandom random = new SecureRandom();

    Cashier(TradeBook book, GatewayTime time, PaymentMessages messages, Notifier notifier) {
        this.book = book;
        this.time = time;
        this.messages = messages;
        this.notifier = notifier;
    }

    /** What the Pay button does. A first payment queues the notification. */
    private Trade.PayOutcome pay(Trade trade) {
        String now = time.nowText();
        Trade.PayOutcome outcome = trade.pay(now);
        if (outcome == Trade.PayOutcome.PAID_NOW) {
            String notifyId = time.today() + "00222" + String.format("%021d", random.nextLong() & Long.MAX_VALUE);
            notifier.send(trade.order().notifyUrl(), messages.notification(trade.view(), now, notifyId));
        }
        return outcome;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            boolean paying = CashierPage.PAY_PATH.equals(path);
            if (!paying && !CashierPage.CANCEL_PATH.equals(path)) {
                HttpReply.of(404, HttpReply.HTML, CashierPage.error("Not found", "No page at " + path)).send(exchange);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                HttpReply.of(405, HttpReply.HTML, CashierPage.error("Use the cashier's buttons",
                        "This address takes the cashier form's POST only.")).send(exchange);
                return;
            }
            Trade trade = find(exchange);
            if (trade == null) {
                HttpReply.of(404, HttpReply.HTML, CashierPage.error("Unknown order",
                        "No trade has this out_trade_no; open the page-pay URL first.")).send(exchange);
            } else if (paying) {
                afterPay(exchange, trade, pay(trade));
            } else {
                HttpReply.of(200, HttpReply.HTML, CashierPage.outcome("Payment cancelled",
                        "Nothing was paid; the order stays open (WAIT_BUYER_PAY).", trade.view())).send(exchange);
            }
        }
    }

    private void afterPay(HttpExchange exchange, Trade trade, Trade.PayOutcome outcome) throws IOException {
        Trade.View view = trade.view();
        if (outcome == Trade.PayOutcome.PAID_NOW && view.order().returnUrl() != null) {
            HttpReply.redirect(exchange, messages.returnUrl(view, time.nowText()));
            return;
        }
        String title = outcome == Trade.PayOutcome.PAID_NOW ? "Paid"
                : outcome == Trade.PayOutcome.ALREADY_PAID ? "Already paid" : "Trade closed";
        String text = outcome == Trade.PayOutcome.CLOSED ? "This order was refunded in full and is closed."
                : "The payment is done; you may close this page.";
        HttpReply.of(outcome == Trade.PayOutcome.CLOSED ? 409 : 200, HttpReply.HTML,
                CashierPage.outcome(title, text, view)).send(exchange);
    }

    private Trade find(HttpExchange exchange) throws IOException {
        try {
            String body = GatewayRequest.readBody(exchange.getRequestBody(), 4096);
            Map<String, String> form = FormCodec.decode(body);
            String outTradeNo = form.get("out_trade_no");
            return outTradeNo == null ? null : book.find(outTradeNo, null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
