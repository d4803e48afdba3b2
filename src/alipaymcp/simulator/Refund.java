package alipaymcp.simulator;

import java.math.BigDecimal;

/** One accepted refund of a trade; its trade keeps it under its out_request_no. reason may be null. */
record Refund(BigDecimal amount, String reason, String gmtRefundPay) {
}
