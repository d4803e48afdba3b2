package alipaymcp.simulator;

import java.math.BigDecimal;

/** A consistent snapshot of a trade, taken under its lock. gmtPayment is null until paid. */
record TradeView(Order order, String tradeNo, String gmtCreate, TradeStatus status, String gmtPayment,
        BigDecimal refunded) {
}
