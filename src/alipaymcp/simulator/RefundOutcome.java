package alipaymcp.simulator;

/**
 * What a refund request did. refund is the accepted or replayed refund, null otherwise.
 */
record RefundOutcome(Result result, TradeView trade, Refund refund) {
    enum Result {
        /** Money moved: fund_change=Y. */
        REFUNDED,
        /** Same out_request_no, same amount: answered again, fund_change=N. */
        REPLAYED,
        /** Same out_request_no, another amount: ACQ.DISCORDANT_REPEAT_REQUEST. */
        DISCORDANT,
        /** The trade is not TRADE_SUCCESS: ACQ.TRADE_STATUS_ERROR. */
        STATUS_ERROR,
        /** More than what is left: ACQ.REFUND_AMT_NOT_EQUAL_TOTAL. */
        OVER_REFUND,
        /** The simulator's bound on refunds per trade is reached. */
        TOO_MANY
    }
}
