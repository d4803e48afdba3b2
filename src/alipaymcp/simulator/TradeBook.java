package alipaymcp.simulator;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Every trade of the simulator's one merchant app, by out_trade_no and by trade_no; bounded. */
final class TradeBook {
    /** A page pay that cannot open its trade; the message is shown on the cashier's error page. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private final Map<String, Trade> byOutTradeNo = new ConcurrentHashMap<>();
    private final Map<String, Trade> byTradeNo = new ConcurrentHashMap<>();
    private final int maxTrades;
    private final GatewayTime time;
    /** Random start, so trade numbers of two simulator runs differ. */
    private final AtomicLong serial = new AtomicLong(new SecureRandom().nextInt(1_000_000_000) * 100_000L);

    TradeBook(int maxTrades, GatewayTime time) {
        this.maxTrades = maxTrades;
        this.time = time;
    }

    /**
     * The trade for this order: the one already opened with the same out_trade_no and amount, or a new
     * WAIT_BUYER_PAY trade. Creation is serialized so the bound holds exactly.
     */
    synchronized Trade open(Trade.Order order) throws Refused {
        Trade existing = byOutTradeNo.get(order.outTradeNo());
        if (existing != null) {
            if (existing.order().totalAmount().compareTo(order.totalAmount()) != 0) {
                throw new Refused("out_trade_no " + order.outTradeNo() + " was already opened with total_amount "
                        + existing.order().totalAmount().toPlainString() + "; use a new out_trade_no for a new amount");
            }
            return existing;
        }
        if (byOutTradeNo.size() >= maxTrades) {
            throw new Refused("the simulator holds at most " + maxTrades
                    + " trades and is full; restart it to start afresh");
        }
        String tradeNo = time.today() + "22001" + String.format("%015d", serial.incrementAndGet() % 1_000_000_000_000_000L);
        Trade trade = new Trade(order, tradeNo, time.nowText());
        byOutTradeNo.put(order.outTradeNo(), trade);
        byTradeNo.put(tradeNo, trade);
        return trade;
    }

    /** Alipay's lookup: trade_no wins when both are given; null when unknown or neither is given. */
    Trade find(String outTradeNo, String tradeNo) {
        if (tradeNo != null) {
            return byTradeNo.get(tradeNo);
        }
        return outTradeNo == null ? null : byOutTradeNo.get(outTradeNo);
    }
}
