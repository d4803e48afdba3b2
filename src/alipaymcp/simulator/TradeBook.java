package alipaymcp.simulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
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

    /** The gateway's clock: "yyyy-MM-dd HH:mm:ss" in GMT+8, as Alipay writes every time. */
    static final class GatewayTime {
        private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
        private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
                .withResolverStyle(ResolverStyle.STRICT);
        private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuuMMdd");

        private final Clock clock;

        GatewayTime(Clock clock) {
            this.clock = clock;
        }

        LocalDateTime now() {
            return LocalDateTime.now(clock.withZone(CHINA));
        }

        String nowText() {
            return TEXT.format(now());
        }

        /** "20260115": the date prefix of trade and notify ids. */
        String today() {
            return DAY.format(now());
        }

        /** True for a well-formed request timestamp; the skew is not checked (the gateway's tolerance is unknown). */
        static boolean isTimestamp(String text) {
            if (text.length() != 19) {
                return false;
            }
            try {
                LocalDateTime.parse(text, TEXT);
                return true;
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    }
}
