package alipaymcp.simulator;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One trade and its refunds. Every read and change holds this trade's own lock, so parallel refunds
 * on one trade are serialized and can never refund more than was paid, while other trades go on.
 */
final class Trade {
    /** Bound on refunds kept per trade (the real gateway has a lower, undocumented one). */
    static final int MAX_REFUNDS = 1_000;

    enum PayOutcome { PAID_NOW, ALREADY_PAID, CLOSED }

    private final Order order;
    private final String tradeNo;
    private final String gmtCreate;
    private final Map<String, Refund> refunds = new LinkedHashMap<>();
    /** Refunds still "processing": how many more refund queries answer without refund_status. */
    private final Map<String, Integer> processing = new LinkedHashMap<>();
    private TradeStatus status = TradeStatus.WAIT_BUYER_PAY;
    private String gmtPayment;
    private BigDecimal refunded = BigDecimal.ZERO;

    Trade(Order order, String tradeNo, String gmtCreate) {
        this.order = order;
        this.tradeNo = tradeNo;
        this.gmtCreate = gmtCreate;
    }

    Order order() {
        return order;
    }

    String tradeNo() {
        return tradeNo;
    }

    synchronized TradeView view() {
        return new TradeView(order, tradeNo, gmtCreate, status, gmtPayment, refunded);
    }

    synchronized PayOutcome pay(String now) {
        switch (status) {
            case WAIT_BUYER_PAY:
                status = TradeStatus.TRADE_SUCCESS;
                gmtPayment = now;
                return PayOutcome.PAID_NOW;
            case TRADE_SUCCESS:
                return PayOutcome.ALREADY_PAID;
            default:
                return PayOutcome.CLOSED;
        }
    }

    /** The gateway's order: a replay is recognised first, so it is answered even after the trade closed. */
    synchronized RefundOutcome refund(String outRequestNo, BigDecimal amount, String reason, String now) {
        Refund earlier = refunds.get(outRequestNo);
        if (earlier != null) {
            boolean same = earlier.amount().compareTo(amount) == 0;
            return outcome(same ? RefundOutcome.Result.REPLAYED : RefundOutcome.Result.DISCORDANT, same ? earlier : null);
        }
        if (status != TradeStatus.TRADE_SUCCESS) {
            return outcome(RefundOutcome.Result.STATUS_ERROR, null);
        }
        if (refunded.add(amount).compareTo(order.totalAmount()) > 0) {
            return outcome(RefundOutcome.Result.OVER_REFUND, null);
        }
        if (refunds.size() >= MAX_REFUNDS) {
            return outcome(RefundOutcome.Result.TOO_MANY, null);
        }
        Refund refund = new Refund(amount, reason, now);
        refunds.put(outRequestNo, refund);
        refunded = refunded.add(amount);
        if (refunded.compareTo(order.totalAmount()) == 0) {
            status = TradeStatus.TRADE_CLOSED;
        }
        return outcome(RefundOutcome.Result.REFUNDED, refund);
    }

    /** The refund made with this out_request_no, or null. */
    synchronized Refund findRefund(String outRequestNo) {
        return refunds.get(outRequestNo);
    }

    /** The refund-pending fault: the next {@code queries} refund queries of this refund see it processing. */
    synchronized void holdBack(String outRequestNo, int queries) {
        processing.put(outRequestNo, queries);
    }

    /** What a refund query sees: null while the refund is processing (each such query counts) or unknown. */
    synchronized Refund queryRefund(String outRequestNo) {
        Integer left = processing.get(outRequestNo);
        if (left != null) {
            if (left > 1) {
                processing.put(outRequestNo, left - 1);
            } else {
                processing.remove(outRequestNo);
            }
            return null;
        }
        return refunds.get(outRequestNo);
    }

    private RefundOutcome outcome(RefundOutcome.Result result, Refund refund) {
        return new RefundOutcome(result, view(), refund);
    }
}
