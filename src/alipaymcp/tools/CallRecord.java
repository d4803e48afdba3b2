package alipaymcp.tools;

import alipaymcp.log.EventLog;

/**
 * What one tool call leaves in the log: tool, order number, result code and duration. Only these fields:
 * never an argument text, a URL (it carries the signature), a key or a token.
 */
final class CallRecord {
    private final String tool;
    private final long startNanos = System.nanoTime();
    private String outTradeNo = "";
    private String outRequestNo;
    private String result = "";
    private String confirmation; // refunds only: how the person's confirmation ended

    CallRecord(String tool) {
        this.tool = tool;
    }

    void outTradeNo(String value) {
        outTradeNo = value;
    }

    void outRequestNo(String value) {
        outRequestNo = value;
    }

    /** A gateway code ({@code 10000}, {@code 40004/ACQ.TRADE_NOT_EXIST}) or our own outcome word. */
    void result(String value) {
        result = value;
    }

    /** AP_CONFIRM_REFUNDS: confirmed, declined, cancelled, timed-out, failed, call-cancelled or not-asked. */
    void confirmation(String value) {
        confirmation = value;
    }

    void writeTo(EventLog log) {
        long ms = (System.nanoTime() - startNanos) / 1_000_000;
        if (outRequestNo == null) {
            log.event("call", "tool", tool, "outTradeNo", outTradeNo, "result", result, "ms", ms);
        } else if (confirmation == null) {
            log.event("call", "tool", tool, "outTradeNo", outTradeNo, "outRequestNo", outRequestNo, "result", result,
                    "ms", ms);
        } else {
            log.event("call", "tool", tool, "outTradeNo", outTradeNo, "outRequestNo", outRequestNo,
                    "confirmation", confirmation, "result", result, "ms", ms);
        }
    }
}
