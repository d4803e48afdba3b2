package alipaymcp.tools;

import alipaymcp.alipay.AlipayException;
import alipaymcp.alipay.AlipayResponse;
import alipaymcp.alipay.GatewayClient;
import alipaymcp.json.JsonNumber;
import java.math.BigDecimal;

/**
 * Confirms a refund the gateway accepted with a verified 10000. That answer never names out_request_no, so it
 * could be a replayed success about an earlier refund of the same order, and Alipay says code=10000 only means
 * the request was accepted (fund_change=N, or none, must be checked). So: one refund query for the same
 * outTradeNo and outRequestNo (read-only), whose verified success must name both numbers (GatewayClient checks
 * that), report REFUND_SUCCESS and a refund_amount equal to the amount asked. When it finds nothing yet (no
 * refund_status) it is sent once more after {@link #RETRY_WAIT_MILLIS}.
 */
final class RefundQueryCheck {
    /** Alipay advises 10 s before querying; a short second look catches a refund that completes at once. */
    static final long RETRY_WAIT_MILLIS = 1_500;

    /** Whether the refund is confirmed, and if not, why (a clause for the result text). */
    record Result(boolean confirmed, String reason) {
    }

    private RefundQueryCheck() {
    }

    static Result confirm(GatewayClient client, String outTradeNo, String outRequestNo, BigDecimal amount) {
        Attempt first = once(client, outTradeNo, outRequestNo, amount);
        if (first.result.confirmed() || !first.foundNothing) {
            return first.result;
        }
        try {
            Thread.sleep(RETRY_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return first.result;
        }
        return once(client, outTradeNo, outRequestNo, amount).result;
    }

    private record Attempt(Result result, boolean foundNothing) {
    }

    private static Attempt once(GatewayClient client, String outTradeNo, String outRequestNo, BigDecimal amount) {
        AlipayResponse answer;
        try {
            answer = client.refundQuery(outTradeNo, outRequestNo);
        } catch (AlipayException e) {
            return new Attempt(new Result(false, "the confirming refund query got no usable answer ("
                    + e.kind() + ")"), false);
        }
        if (!answer.isSuccess()) {
            return new Attempt(new Result(false, "the confirming refund query was answered " + answer.shownField("code")
                    + (answer.subCode() == null ? "" : "/" + answer.shownField("sub_code"))), false);
        }
        String status = answer.field("refund_status");
        if (status == null) {
            return new Attempt(new Result(false, "the refund query finds no refund_status yet (still processing,"
                    + " or failed)"), true);
        }
        if (!status.equals("REFUND_SUCCESS")) {
            return new Attempt(new Result(false, "the refund query reports refund_status "
                    + answer.shownField("refund_status")), false);
        }
        if (!sameAmount(answer.field("refund_amount"), amount)) {
            return new Attempt(new Result(false, "the refund query reports REFUND_SUCCESS for another amount ("
                    + AlipayTool.js(answer.shownField("refund_amount")) + ")"), false);
        }
        return new Attempt(new Result(true, "confirmed"), false);
    }

    /** Exact decimal equality of a plain decimal ("5" equals "5.00"); anything else is not equal. */
    static boolean sameAmount(String gatewayAmount, BigDecimal asked) {
        JsonNumber number = GatewayAmounts.number(gatewayAmount);
        return number != null && new BigDecimal(number.text()).compareTo(asked) == 0;
    }
}
