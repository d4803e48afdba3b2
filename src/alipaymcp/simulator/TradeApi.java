package alipaymcp.simulator;

import alipaymcp.alipay.SignType;
import alipaymcp.json.JsonObject;
import alipaymcp.simulator.AnswerWriter.Answer;
import java.math.BigDecimal;

/**
 * alipay.trade.query, alipay.trade.refund and alipay.trade.fastpay.refund.query over the trade book.
 * Business failures are answered signed under the method's own root, with code 40004.
 */
final class TradeApi {
    static final String QUERY = "alipay.trade.query";
    static final String REFUND = "alipay.trade.refund";
    static final String REFUND_QUERY = "alipay.trade.fastpay.refund.query";

    private final TradeBook book;
    private final GatewayTime time;

    TradeApi(TradeBook book, GatewayTime time) {
        this.book = book;
        this.time = time;
    }

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
        switch (method) {
            case QUERY:
                return trade == null ? notExist(method, "ACQ.TRADE_NOT_EXIST", signType)
                        : Answer.success(method, TradeFields.query(trade.view()), signType);
            case REFUND:
                return refund(biz, trade, signType, pendingQueries);
            case REFUND_QUERY:
                return refundQuery(biz, trade, signType);
            default:
                throw new IllegalArgumentException("not a trade API: " + method);
        }
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
        Trade.RefundOutcome outcome = trade.refund(number, amount, reason, time.nowText());
        boolean pending = pendingQueries > 0 && outcome.result() == Trade.RefundOutcome.Result.REFUNDED;
        if (pending) {
            trade.holdBack(number, pendingQueries);
        }
        switch (outcome.result()) {
            case REFUNDED:
            case REPLAYED:
                return Answer.success(REFUND, TradeFields.refund(outcome, pending), signType);
            case DISCORDANT:
                return failure(REFUND, "ACQ.DISCORDANT_REPEAT_REQUEST", "不一致的请求", signType);
            case STATUS_ERROR:
                return failure(REFUND, "ACQ.TRADE_STATUS_ERROR", "交易状态不合法", signType);
            case OVER_REFUND:
                return failure(REFUND, "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限", signType);
            default:
                return failure(REFUND, "ACQ.TRADE_NOT_ALLOW_REFUND",
                        "交易不允许退款 (the simulator keeps at most " + Trade.MAX_REFUNDS + " refunds per trade)", signType);
        }
    }

    private Answer refundQuery(BizRequest biz, Trade trade, SignType signType) throws BizRequest.Invalid {
        String outRequestNo = biz.id("out_request_no");
        if (outRequestNo == null) {
            throw new BizRequest.Invalid("out_request_no is required (it is out_trade_no for a refund made without one)");
        }
        if (trade == null) {
            // Alipay's table for this API names the code without the ACQ. prefix.
            return notExist(REFUND_QUERY, "TRADE_NOT_EXIST", signType);
        }
        Trade.Refund refund = trade.queryRefund(outRequestNo);
        return Answer.success(REFUND_QUERY, TradeFields.refundQuery(trade.view(), outRequestNo, refund,
                biz.hasOption("gmt_refund_pay")), signType);
    }

    private static Answer notExist(String method, String subCode, SignType signType) {
        return failure(method, subCode, "交易不存在", signType);
    }

    private static Answer failure(String method, String subCode, String subMsg, SignType signType) {
        return Answer.failure(method, GatewayError.business(subCode, subMsg), signType);
    }
}
