package alipaymcp.simulator;

import java.math.BigDecimal;

/** One accepted refund of a trade; keyed by outRequestNo inside its trade. reason may be null. */
record Refund(String outRequestNo, BigDecimal amount, String reason, String gmtRefundPay) {
}
