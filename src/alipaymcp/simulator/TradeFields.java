package alipaymcp.simulator;

import alipaymcp.json.JsonArray;
import alipaymcp.json.JsonObject;
import java.math.BigDecimal;

/** The fields of the simulator's answers, in the gateway's order; every amount is a "0.00" string. */
final class TradeFields {
    /** The simulated buyer and seller: fixed test values in Alipay's shapes (2088 + 12 digits). */
    static final String BUYER_LOGON_ID = "sim***@example.com";
    static final String BUYER_USER_ID = "2088000000000001";
    static final String SELLER_ID = "2088000000000002";
    static final String FUND_CHANNEL = "ALIPAYACCOUNT";

    private TradeFields() {
    }

    static String money(BigDecimal amount) {
        return amount.setScale(2).toPlainString();
    }

    static JsonObject.Builder query(Trade.View trade) {
        boolean paid = trade.status() != Trade.Status.WAIT_BUYER_PAY;
        String total = money(trade.order().totalAmount());
        String paidAmount = paid ? total : "0.00";
        JsonObject.Builder out = JsonObject.builder()
                .put("trade_no", trade.tradeNo())
                .put("out_trade_no", trade.order().outTradeNo());
        if (paid) {
            out.put("buyer_logon_id", BUYER_LOGON_ID);
        }
        out.put("trade_status", trade.status().name())
                .put("total_amount", total)
                .put("buyer_pay_amount", paidAmount)
                .put("point_amount", "0.00")
                .put("invoice_amount", paidAmount)
                .put("receipt_amount", paidAmount);
        if (paid) {
            out.put("send_pay_date", trade.gmtPayment())
                    .put("buyer_user_id", BUYER_USER_ID)
                    .put("fund_bill_list", JsonArray.of(JsonObject.builder()
                            .put("fund_channel", FUND_CHANNEL).put("amount", total).build()));
        }
        return out;
    }

    /** {@code processing}: a refund made but not complete yet answers fund_change=N, as Alipay may. */
    static JsonObject.Builder refund(Trade.RefundOutcome outcome, boolean processing) {
        Trade.View trade = outcome.trade();
        boolean moved = outcome.result() == Trade.RefundOutcome.Result.REFUNDED && !processing;
        return JsonObject.builder()
                .put("trade_no", trade.tradeNo())
                .put("out_trade_no", trade.order().outTradeNo())
                .put("buyer_logon_id", BUYER_LOGON_ID)
                .put("fund_change", moved ? "Y" : "N")
                .put("refund_fee", money(trade.refunded()))
                .put("gmt_refund_pay", outcome.refund().gmtRefundPay())
                .put("buyer_user_id", BUYER_USER_ID);
    }

    /** A known refund: REFUND_SUCCESS with its amount; an unknown one: no refund_status at all. */
    static JsonObject.Builder refundQuery(Trade.View trade, String outRequestNo, Trade.Refund refund, boolean withGmt) {
        JsonObject.Builder out = JsonObject.builder()
                .put("trade_no", trade.tradeNo())
                .put("out_trade_no", trade.order().outTradeNo())
                .put("out_request_no", outRequestNo);
        if (refund == null) {
            return out;
        }
        out.put("total_amount", money(trade.order().totalAmount()))
                .put("refund_amount", money(refund.amount()))
                .put("refund_status", "REFUND_SUCCESS")
                .putIfPresent("refund_reason", refund.reason());
        if (withGmt) {
            out.put("gmt_refund_pay", refund.gmtRefundPay());
        }
        return out;
    }
}
