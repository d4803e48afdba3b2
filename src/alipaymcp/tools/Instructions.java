package alipaymcp.tools;

/**
 * The initialize result's {@code instructions}: what an agent must know before calling the five tools. Short,
 * English, and only about using them safely; the tool descriptions stay upstream's.
 */
public final class Instructions {
    public static final String TEXT = "Alipay payments. Amounts (totalAmount, refundAmount) are CNY yuan with at"
            + " most two decimals, such as 88.8 or 0.01. The create-*-payment tools return a payment link: show it"
            + " to the buyer, who pays on Alipay's page; query-alipay-payment then tells whether they paid. To"
            + " retry a refund, reuse the same outRequestNo: a new number can refund twice. When a refund's"
            + " outcome is unknown, call query-alipay-refund with the same outTradeNo and outRequestNo before"
            + " anything else.";

    private Instructions() {
    }
}
