package alipaymcp.simulator;

import alipaymcp.alipay.SignType;
import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.simulator.AnswerWriter.Answer;
import alipaymcp.simulator.AnswerWriter.GatewayError;
import java.math.BigDecimal;

/**
 * alipay.trade.query, alipay.trade.refund and alipay.trade.fastpay.refund.query over the trade book.
 * Business failures are answered signed under the method's own root, with code 40004.
 */
record TradeApi(Trade.Book book) {
    static final String QUERY = "alipay.trade.query";
    static final String REFUND = "alipay.trade.refund";
    static final String REFUND_QUERY = "alipay.trade.fastpay.refund.query";
    /** The simulated buyer and seller: fixed test values in Alipay's shapes (2088 + 12 digits). */
    static final String BUYER_LOGON_ID = "sim***@example.com";
    static final String BUYER_USER_ID = "2088000000000001";
    static final String SELLER_ID = "2088000000000002";
    static final String FUND_CHANNEL = "ALIPAYACCOUNT";

    /**
     * Every field is checked first (ACQ.INVALID_PARAMETER), then the trade is looked up. {@code pendingQueries}:
     * for the refund-pending fault, how many refund queries see a new refund still processing (0: none).
     */
    Answer call(String method, BizRequest biz, SignType signType, int pendingQueries) throws BizRequest.Invalid {
        String outTradeNo = biz.id("out_trade_no");
        String tradeNo = biz.id("trade_no");
        if (outTradeNo == null && tradeNo == null) {
            throw new BizRequest.Invalid("out_trade_no or trade_no is required");
        }
        Trade trade = book.find(outTradeNo, tradeNo);
        return switch (method) {
            case QUERY -> trade == null ? notExist(method, "ACQ.TRADE_NOT_EXIST", signType)
                    : Answer.success(method, query(trade.view()), signType);
            case REFUND -> refund(biz, trade, signType, pendingQueries);
            case REFUND_QUERY -> refundQuery(biz, trade, signType);
            default -> throw new IllegalArgumentException("not a trade API: " + method);
        };
    }

    private Answer refund(BizRequest biz, Trade trade, SignType signType, int pendingQueries)
            throws BizRequest.Invalid {
        BigDecimal amount = biz.amount("refund_amount");
        String outRequestNo = biz.id("out_request_no");
        String reason = biz.text("refund_reason", 256);
        if (trade == null) {
            return notExist(REFUND, "ACQ.TRADE_NOT_EXIST", signType);
        }
        String number = outRequestNo == null ? trade.order().outTradeNo() : outRequestNo;
        Trade.RefundOutcome outcome = trade.refund(number, amount, reason, book.nowText(), pendingQueries);
        Trade.RefundOutcome.Result result = outcome.result();
        if (result.subCode != null) {
            return Answer.failure(REFUND, GatewayError.business(result.subCode, result.subMsg), signType);
        }
        return Answer.success(REFUND, refund(outcome, pendingQueries > 0), signType);
    }

    private Answer refundQuery(BizRequest biz, Trade trade, SignType signType) throws BizRequest.Invalid {
        String outRequestNo = biz.id("out_request_no");
        if (outRequestNo == null) {
            throw new BizRequest.Invalid("out_request_no is required (it is out_trade_no for a refund made without one)");
        }
        if (trade == null) {
            return notExist(REFUND_QUERY, "TRADE_NOT_EXIST", signType); // Alipay's table for it has no ACQ. prefix
        }
        Trade.Refund refund = trade.queryRefund(outRequestNo);
        return Answer.success(REFUND_QUERY, refundQuery(trade.view(), outRequestNo, refund,
                biz.hasOption("gmt_refund_pay")), signType);
    }

    private static Answer notExist(String method, String subCode, SignType signType) {
        return Answer.failure(method, GatewayError.business(subCode, "交易不存在"), signType);
    }

    /** Every amount of the simulator's answers is a "0.00" string; their fields are in the gateway's order. */
    static String money(BigDecimal amount) {
        return amount.setScale(2).toPlainString();
    }

    private static JsonObject.Builder query(Trade.View trade) {
        boolean paid = trade.status() != Trade.Status.WAIT_BUYER_PAY;
        String total = money(trade.order().totalAmount());
        String paidAmount = paid ? total : "0.00";
        return about(trade)
                .putIfPresent("buyer_logon_id", paid ? BUYER_LOGON_ID : null)
                .put("trade_status", trade.status().name())
                .put("total_amount", total)
                .put("buyer_pay_amount", paidAmount)
                .put("point_amount", "0.00")
                .put("invoice_amount", paidAmount)
                .put("receipt_amount", paidAmount)
                .putIfPresent("send_pay_date", trade.gmtPayment())
                .putIfPresent("buyer_user_id", paid ? BUYER_USER_ID : null)
                .putIfPresent("fund_bill_list", paid ? JsonArray.of(JsonObject.builder()
                        .put("fund_channel", FUND_CHANNEL).put("amount", total).build()) : null);
    }

    /** {@code processing}: a refund made but not complete yet answers fund_change=N, as Alipay may. */
    private static JsonObject.Builder refund(Trade.RefundOutcome outcome, boolean processing) {
        Trade.View trade = outcome.trade();
        boolean moved = outcome.result() == Trade.RefundOutcome.Result.REFUNDED && !processing;
        return about(trade)
                .put("buyer_logon_id", BUYER_LOGON_ID)
                .put("fund_change", moved ? "Y" : "N")
                .put("refund_fee", money(trade.refunded()))
                .put("gmt_refund_pay", outcome.refund().gmtRefundPay())
                .put("buyer_user_id", BUYER_USER_ID);
    }

    /** A known refund: REFUND_SUCCESS with its amount; an unknown one: no refund_status at all. */
    private static JsonObject.Builder refundQuery(Trade.View trade, String outRequestNo, Trade.Refund refund,
            boolean withGmt) {
        JsonObject.Builder out = about(trade).put("out_request_no", outRequestNo);
        if (refund == null) {
            return out;
        }
        return out.put("total_amount", money(trade.order().totalAmount()))
                .put("refund_amount", money(refund.amount()))
                .put("refund_status", "REFUND_SUCCESS")
                .putIfPresent("refund_reason", refund.reason())
                .putIfPresent("gmt_refund_pay", withGmt ? refund.gmtRefundPay() : null);
    }

    private static JsonObject.Builder about(Trade.View trade) {
        return JsonObject.builder().put("trade_no", trade.tradeNo()).put("out_trade_no", trade.order().outTradeNo());
    }
}
