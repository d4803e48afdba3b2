package alipaymcp.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * The checks every gateway fault must pass, whichever way the tools are driven (in process or through the
 * jar's stdio): an isError result with the accurate message and no success text, no secret in it; for a
 * refund, the advice to query with the same outRequestNo, exactly one request sent carrying that number
 * (none at all when the connection was refused), and the advice proven right by a refund query afterwards.
 */
final class ChaosCheck {
    /**
     * The bound on waiting for a refund that the gateway acts on late (the delay fault) to show up; the wait
     * ends as soon as it does, so the bound only matters when something is wrong.
     */
    private static final long SETTLE_MS = ChaosFault.DELAY_MS + 60_000;

    /** One tool call, whichever way it is made. */
    interface Caller {
        Outcome call(String tool, String argumentsJson) throws Exception;
    }

    /** What a client sees of a tool result. */
    record Outcome(String text, boolean isError) {
    }

    private ChaosCheck() {
    }

    /** The query and refund-query tools under a fault: an accurate error, never a success. */
    static void readTool(Caller caller, ChaosFault fault, String method, String outTradeNo, String outRequestNo)
            throws Exception {
        String args = method.equals(ChaosFault.QUERY) ? "{\"outTradeNo\":\"" + outTradeNo + "\"}"
                : "{\"outRequestNo\":\"" + outRequestNo + "\",\"outTradeNo\":\"" + outTradeNo + "\"}";
        Outcome r = caller.call(ChaosFault.tool(method), args);
        accurateError(r, fault, method);
    }

    /**
     * A refund under a fault. {@code refundsSent} gives the refund requests that reached the gateway (or the
     * relay in front of it) so far; {@code clear} removes the fault; {@code healthy} calls without it.
     */
    static void refund(Caller caller, Caller healthy, Runnable clear, RefundsSeen refundsSent, ChaosFault fault,
            String outTradeNo, String outRequestNo) throws Exception {
        int before = refundsSent.seen().size();
        String args = "{\"outTradeNo\":\"" + outTradeNo + "\",\"refundAmount\":0.01,\"outRequestNo\":\""
                + outRequestNo + "\",\"refundReason\":\"chaos " + fault + "\"}";
        Outcome r = caller.call("refund-alipay-payment", args);
        accurateError(r, fault, ChaosFault.REFUND);
        if (fault.refundOutcomeUnknown()) {
            assertThat(r.text()).as(fault + ": the refund's outcome is unknown; the message must say how to find out")
                    .contains(ChaosFault.refundAdvice(outTradeNo, outRequestNo));
        } else if (fault == ChaosFault.REFUSED) {
            assertThat(r.text()).contains("nothing was sent");
        }
        List<String> sent = refundsSent.seen().subList(before, refundsSent.seen().size());
        assertThat(sent).as(fault + ": refund requests sent for this call (the tool never re-sends, never with"
                + " another out_request_no)").containsExactly(fault == ChaosFault.REFUSED ? new String[0]
                        : new String[] {outRequestNo});
        clear.run();
        String query = "{\"outRequestNo\":\"" + outRequestNo + "\",\"outTradeNo\":\"" + outTradeNo + "\"}";
        Outcome found = healthy.call("query-alipay-refund", query);
        long deadline = System.currentTimeMillis() + SETTLE_MS;
        while (fault.processed && found.isError() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100); // the delay fault: the gateway acts after the client gave up
            found = healthy.call("query-alipay-refund", query);
        }
        assertThat(found.text()).as(fault + ": the advised refund query tells the truth")
                .startsWith(fault.processed ? "查询到退款成功, " : "未查询到退款成功. ");
        Outcome retry = healthy.call("refund-alipay-payment", args);
        assertThat(retry.text()).as(fault + ": the same outRequestNo again never refunds twice")
                .startsWith(fault.processed ? "退款结果: 重复请求退款幂等成功, " : "退款结果: 退款成功, ");
        sent = refundsSent.seen().subList(before, refundsSent.seen().size());
        assertThat(sent).as(fault + ": every refund request for this number carried it").allMatch(outRequestNo::equals);
    }

    /** The out_request_no of every refund request seen so far, in order. */
    interface RefundsSeen {
        List<String> seen();
    }

    static void accurateError(Outcome r, ChaosFault fault, String method) {
        assertThat(r.isError()).as(fault + " on " + method + ": " + r.text()).isTrue();
        assertThat(r.text()).as(fault + " on " + method).startsWith(fault.expectedStart(method))
                .doesNotStartWith(ChaosFault.successStart(method));
        noSecretShape(r.text());
    }

    /** No stack trace, no sign parameter, no base64 run as long as a key or a signature. */
    static void noSecretShape(String text) {
        assertThat(text).doesNotContain("\tat ", "sign=").doesNotContainPattern("[A-Za-z0-9+/=]{60,}");
    }
}
