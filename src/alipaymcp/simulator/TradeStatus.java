package alipaymcp.simulator;

/** The trade states the simulator models (TRADE_FINISHED, the end of the refund window, is not modelled). */
enum TradeStatus {
    /** Opened at the cashier, not paid. Cancel leaves a trade here; no timeout closes it. */
    WAIT_BUYER_PAY,
    /** Paid; refundable while refunds leave something. */
    TRADE_SUCCESS,
    /** Paid and fully refunded. */
    TRADE_CLOSED
}
