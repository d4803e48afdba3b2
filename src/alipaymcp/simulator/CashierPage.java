package alipaymcp.simulator;

/**
 * The simulator's HTML pages: the cashier (subject, amount, trade numbers, Pay and Cancel) and the short
 * pages after paying, cancelling or failing. UTF-8; every text from a request is HTML-escaped; no script.
 */
final class CashierPage {
    static final String PAY_PATH = "/cashier/pay";
    static final String CANCEL_PATH = "/cashier/cancel";

    private CashierPage() {
    }

    static String cashier(Trade.View trade) {
        String amount = TradeFields.money(trade.order().totalAmount());
        String outTradeNo = escape(trade.order().outTradeNo());
        return page("Cashier - " + trade.order().subject(),
                "<h1 id=\"subject\">" + escape(trade.order().subject()) + "</h1>\n"
                + "<p class=\"amount\">&yen;<span id=\"amount\">" + amount + "</span></p>\n"
                + "<dl><dt>Merchant order</dt><dd id=\"out-trade-no\">" + outTradeNo + "</dd>\n"
                + "<dt>Alipay trade</dt><dd id=\"trade-no\">" + trade.tradeNo() + "</dd>\n"
                + "<dt>Status</dt><dd id=\"status\">" + trade.status().name() + "</dd></dl>\n"
                + form(PAY_PATH, outTradeNo, "pay", "Pay &yen;" + amount)
                + form(CANCEL_PATH, outTradeNo, "cancel", "Cancel"));
    }

    static String outcome(String title, String message, Trade.View trade) {
        return page(title, "<h1 id=\"outcome\">" + escape(title) + "</h1>\n<p>" + escape(message) + "</p>\n"
                + "<dl><dt>Merchant order</dt><dd id=\"out-trade-no\">" + escape(trade.order().outTradeNo()) + "</dd>\n"
                + "<dt>Alipay trade</dt><dd id=\"trade-no\">" + trade.tradeNo() + "</dd>\n"
                + "<dt>Status</dt><dd id=\"status\">" + trade.status().name() + "</dd></dl>\n");
    }

    static String error(String title, String detail) {
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

    /** Escapes the five HTML-significant characters, so request text can go in text and attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&': out.append("&amp;"); break;
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&#39;"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }
}
