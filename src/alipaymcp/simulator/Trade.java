package alipaymcp.simulator;

import alipaymcp.alipay.SignType;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One trade and its refunds. Every read and change holds this trade's own lock, so parallel refunds
 * on one trade are serialized and can never refund more than was paid, while other trades go on.
 */
final class Trade {
    /** Bound on refunds kept per trade (the real gateway has a lower, undocumented one). */
    static final int MAX_REFUNDS = 1_000;

    /**
     * What a page-pay request asked for, after validation; body, notifyUrl, returnUrl and passbackParams (echoed
     * in the notification, as Alipay does) are null when absent. The return and notification use its signType.
     */
    record Order(String outTradeNo, BigDecimal totalAmount, String subject, String body, String method,
            SignType signType, String notifyUrl, String returnUrl, String passbackParams) {
        Order {
            Objects.requireNonNull(outTradeNo, "outTradeNo");
            Objects.requireNonNull(totalAmount, "totalAmount");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(signType, "signType");
        }
    }

    /** The trade states the simulator models (TRADE_FINISHED, the end of the refund window, is not modelled). */
    enum Status {
        WAIT_BUYER_PAY, // opened at the cashier, not paid; Cancel leaves a trade here and no timeout closes it
        TRADE_SUCCESS, // paid; refundable while refunds leave something
        TRADE_CLOSED // paid and fully refunded
    }

    /** A consistent snapshot of a trade, taken under its lock. gmtPayment is null until paid. */
    record View(Order order, String tradeNo, String gmtCreate, Status status, String gmtPayment,
            BigDecimal refunded) {
    }

    /** One accepted refund, kept under its out_request_no. */
    record Refund(BigDecimal amount, String reason, String gmtRefundPay) {
    }

    /** What a refund request did. refund is the accepted or replayed refund, null otherwise. */
    record RefundOutcome(Result result, View trade, Refund refund) {
        /** Each result with the 40004 sub_code and sub_msg the gateway answers it with; null for a success. */
        enum Result {
            REFUNDED(null, null), // money moved: fund_change=Y
            REPLAYED(null, null), // same out_request_no, same amount: answered again, fund_change=N
            DISCORDANT("ACQ.DISCORDANT_REPEAT_REQUEST", "不一致的请求"), // same out_request_no, another amount
            STATUS_ERROR("ACQ.TRADE_STATUS_ERROR", "交易状态不合法"), // the trade is not TRADE_SUCCESS
            OVER_REFUND("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限"), // more than what is left
            TOO_MANY("ACQ.TRADE_NOT_ALLOW_REFUND",
                    "交易不允许退款 (the simulator keeps at most " + MAX_REFUNDS + " refunds per trade)");

            final String subCode;
            final String subMsg;

            Result(String subCode, String subMsg) {
                this.subCode = subCode;
                this.subMsg = subMsg;
            }
        }
    }

    enum PayOutcome { PAID_NOW, ALREADY_PAID, CLOSED }

    private final Order order;
    private final String tradeNo;
    private final String gmtCreate;
    private final Map<String, Refund> refunds = new LinkedHashMap<>();
    /** Refunds still "processing": how many more refund queries answer without refund_status. */
    private final Map<String, Integer> processing = new LinkedHashMap<>();
    private Status status = Status.WAIT_BUYER_PAY;
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

    synchronized View view() {
        return new View(order, tradeNo, gmtCreate, status, gmtPayment, refunded);
    }

    synchronized PayOutcome pay(String now) {
        if (status != Status.WAIT_BUYER_PAY) {
            return status == Status.TRADE_SUCCESS ? PayOutcome.ALREADY_PAID : PayOutcome.CLOSED;
        }
        status = Status.TRADE_SUCCESS;
        gmtPayment = now;
        return PayOutcome.PAID_NOW;
    }

    /**
     * The gateway's order: a replay is recognised first, so it is answered even after the trade closed.
     * {@code pendingQueries}: the refund-pending fault, how many refund queries see a new refund processing.
     */
    synchronized RefundOutcome refund(String outRequestNo, BigDecimal amount, String reason, String now,
            int pendingQueries) {
        Refund earlier = refunds.get(outRequestNo);
        if (earlier != null) {
            boolean same = earlier.amount().compareTo(amount) == 0;
            return outcome(same ? RefundOutcome.Result.REPLAYED : RefundOutcome.Result.DISCORDANT, same ? earlier : null);
        }
        if (status != Status.TRADE_SUCCESS) {
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
        if (pendingQueries > 0) {
            processing.put(outRequestNo, pendingQueries);
        }
        refunded = refunded.add(amount);
        if (refunded.compareTo(order.totalAmount()) == 0) {
            status = Status.TRADE_CLOSED;
        }
        return outcome(RefundOutcome.Result.REFUNDED, refund);
    }

    /** What a refund query sees: null while the refund is processing (each such query counts) or unknown. */
    synchronized Refund queryRefund(String outRequestNo) {
        if (processing.containsKey(outRequestNo)) {
            processing.computeIfPresent(outRequestNo, (no, left) -> left > 1 ? left - 1 : null); // null: done
            return null;
        }
        return refunds.get(outRequestNo);
    }

    private RefundOutcome outcome(RefundOutcome.Result result, Refund refund) {
        return new RefundOutcome(result, view(), refund);
    }

    /** Every trade of the simulator's one merchant app, by out_trade_no and by trade_no; bounded. */
    static final class Book {
        private final Map<String, Trade> byOutTradeNo = new ConcurrentHashMap<>();
        private final Map<String, Trade> byTradeNo = new ConcurrentHashMap<>();
        private final int maxTrades;
        private final Clock clock;
        /** Random start, so trade numbers of two simulator runs differ. */
        private final AtomicLong serial = new AtomicLong(new SecureRandom().nextInt(1_000_000_000) * 100_000L);

        Book(int maxTrades, Clock clock) {
            this.maxTrades = maxTrades;
            this.clock = clock;
        }

        /** An order the book will not open (another amount, or the book is full): the cashier's 409 page. */
        static final class Refused extends IllegalStateException {
            private static final long serialVersionUID = 1L;

            Refused(String message) {
                super(message);
            }
        }

        /**
         * The trade already opened with this out_trade_no and amount, or a new WAIT_BUYER_PAY trade; serialized so
         * the bound holds exactly. Refused when it cannot.
         */
        synchronized Trade open(Order order) {
            Trade existing = byOutTradeNo.get(order.outTradeNo());
            if (existing != null) {
                if (existing.order().totalAmount().compareTo(order.totalAmount()) != 0) {
                    throw new Refused("out_trade_no " + order.outTradeNo()
                            + " was already opened with total_amount " + existing.order().totalAmount().toPlainString()
                            + "; use a new out_trade_no for a new amount");
                }
                return existing;
            }
            if (byOutTradeNo.size() >= maxTrades) {
                throw new Refused("the simulator holds at most " + maxTrades
                        + " trades and is full; restart it to start afresh");
            }
            long serialNo = serial.incrementAndGet() % 1_000_000_000_000_000L;
            String tradeNo = today() + "22001" + String.format("%015d", serialNo);
            Trade trade = new Trade(order, tradeNo, nowText());
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

        // The gateway's clock: "yyyy-MM-dd HH:mm:ss" in GMT+8, as Alipay writes every time.
        private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
        private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
                .withResolverStyle(ResolverStyle.STRICT);
        private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuuMMdd");

        String nowText() {
            return TEXT.format(LocalDateTime.now(clock.withZone(CHINA)));
        }

        /** "20260115": the date prefix of trade and notify ids. */
        String today() {
            return DAY.format(LocalDateTime.now(clock.withZone(CHINA)));
        }

        /** A well-formed request timestamp (19 characters: uuuu takes longer years); its skew is not checked. */
        static boolean isTimestamp(String text) {
            try {
                return text.length() == 19 && LocalDateTime.parse(text, TEXT) != null;
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    }
}
