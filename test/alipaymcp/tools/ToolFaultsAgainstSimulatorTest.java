package alipaymcp.tools;

import static alipaymcp.tools.SimulatedTools.quote;
import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.TestConfig;
import alipaymcp.simulator.Faults.Fault;
import alipaymcp.simulator.GatewaySimulator;
import alipaymcp.simulator.SimControl;
import alipaymcp.simulator.SimulatorOptions;
import alipaymcp.tools.Tool.ToolResult;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every fault the simulator can inject (the two situations, refund-pending and replay, are RefundOutcomesOverMcpTest's), for each of the three tools that call the gateway: an isError
 * result that says what happened, never a success text, no secret; a refund whose outcome is unknown tells
 * the caller to query with the same outRequestNo, and that advice is right (the refund query finds it).
 */
class ToolFaultsAgainstSimulatorTest {
    /** The delay fault's timeout; its answer is held back 7 s longer, slack that holds on a loaded machine. */
    static final int TIMEOUT_MS = 1_000;
    static final AtomicInteger REQUESTS = new AtomicInteger();
    static GatewaySimulator sim;
    static SimulatedTools tools;
    /** Only for the delay fault: a short timeout. The others keep 5 s: a loaded machine must not turn them into timeouts. */
    static SimulatedTools impatient;
    static String order;

    @BeforeAll
    static void start() throws Exception {
        sim = GatewaySimulator.start(SimulatorOptions.defaults());
        tools = new SimulatedTools(sim, Map.of());
        impatient = new SimulatedTools(sim, Map.of("AP_TIMEOUT_MS", String.valueOf(TIMEOUT_MS)));
        order = tools.paidOrder("FAULT", "1000");
        assertThat(tools.call("refund-alipay-payment", refund("R0")).isError()).isFalse();
    }

    @AfterEach
    void clear() {
        SimControl.clearFaults(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @ParameterizedTest
    @EnumSource(value = Fault.Kind.class, mode = EnumSource.Mode.EXCLUDE, names = {"REFUND_PENDING", "REPLAY"})
    void query_underAFaultIsAnAccurateError(Fault.Kind kind) throws Exception {
        SimControl.injectFault(sim, "alipay.trade.query", fault(kind));
        ToolResult r = toolsFor(kind).call("query-alipay-payment", "{\"outTradeNo\":" + quote(order) + "}");
        checkError(r, kind, "alipay.trade.query", "交易查询失败. 查询结果: ");
        assertThat(r.text()).doesNotStartWith("交易状态");
    }

    @ParameterizedTest
    @EnumSource(value = Fault.Kind.class, mode = EnumSource.Mode.EXCLUDE, names = {"REFUND_PENDING", "REPLAY"})
    void refundQuery_underAFaultIsAnAccurateError(Fault.Kind kind) throws Exception {
        SimControl.injectFault(sim, "alipay.trade.fastpay.refund.query", fault(kind));
        ToolResult r = toolsFor(kind).call("query-alipay-refund",
                "{\"outRequestNo\":\"R0\",\"outTradeNo\":" + quote(order) + "}");
        checkError(r, kind, "alipay.trade.fastpay.refund.query", "退款查询失败. 退款查询结果: ");
        assertThat(r.text()).doesNotStartWith("查询到退款成功");
    }

    @ParameterizedTest
    @EnumSource(value = Fault.Kind.class, mode = EnumSource.Mode.EXCLUDE, names = {"REFUND_PENDING", "REPLAY"})
    void refund_underAFaultIsAnErrorThatSaysHowToFindOut(Fault.Kind kind) throws Exception {
        String outRequestNo = "RF" + REQUESTS.incrementAndGet();
        SimControl.injectFault(sim, "alipay.trade.refund", fault(kind));
        ToolResult r = toolsFor(kind).call("refund-alipay-payment", refund(outRequestNo));
        checkError(r, kind, "alipay.trade.refund", "退款执行失败. 退款结果: ");
        assertThat(r.text()).doesNotStartWith("退款结果");
        boolean processed = kind != Fault.Kind.ERROR_RESPONSE && kind != Fault.Kind.SYSTEM_ERROR
                && kind != Fault.Kind.ACQ_SYSTEM_ERROR;
        if (kind != Fault.Kind.ERROR_RESPONSE) {
            assertThat(r.text()).contains("Call query-alipay-refund with outTradeNo=" + order + " and outRequestNo="
                    + outRequestNo + " in 10 seconds or more to find out", "reuse outRequestNo=" + outRequestNo);
        } else {
            assertThat(r.text()).endsWith("If you retry this refund, reuse outRequestNo=" + outRequestNo
                    + " (Alipay refunds once per number; a new number is a new refund), never a new one.");
        }
        SimControl.clearFaults(sim);
        String query = "{\"outRequestNo\":" + quote(outRequestNo) + ",\"outTradeNo\":" + quote(order) + "}";
        ToolResult found = tools.call("query-alipay-refund", query);
        for (int i = 0; i < 700 && processed && found.isError(); i++) { // ends when found; the bound is generous
            Thread.sleep(100); // a delayed answer is processed after the client gave up
            found = tools.call("query-alipay-refund", query);
        }
        assertThat(found.text()).as("the advised query tells the truth")
                .startsWith(processed ? "查询到退款成功, " : "未查询到退款成功. ");
        ToolResult retry = tools.call("refund-alipay-payment", refund(outRequestNo));
        assertThat(retry.text()).as("a retry with the same number never refunds twice")
                .startsWith(processed ? "退款结果: 重复请求退款幂等成功, " : "退款结果: 退款成功, ");
    }

    @Test
    void wrongAppKey_isAnUnsignedFailureWithTheTokenRedacted() throws Exception {
        String token = "202504BBsecretToken42";
        SimulatedTools wrongKey = new SimulatedTools(sim, Map.of("AP_APP_KEY", TestConfig.appPrivateKey(),
                "AP_INVOKE_AUTH_TOKEN", token));
        ToolResult r = wrongKey.call("query-alipay-payment", "{\"outTradeNo\":" + quote(order) + "}");
        assertThat(r.isError()).isTrue();
        assertThat(r.text()).startsWith("Alipay answered alipay.trade.query with an unsigned failure (unverified):"
                + " code 40002, sub_code isv.invalid-signature, message (unverified) \"验签出错").contains("AP_APP_KEY");
        // The gateway echoes its string-to-sign, token included: the token must not come through, and an
        // unverified message is cut short and carries no URL (the notify_url it echoes).
        assertThat(r.text()).doesNotContain(token).doesNotContain("交易状态").doesNotContain("http");
        checkNoSecret(r.text());
    }

    @Test
    void wrongAlipayPublicKey_trustsNoAnswer() throws Exception {
        SimulatedTools wrongKey = new SimulatedTools(sim, Map.of("AP_PUB_KEY", TestConfig.alipayPublicKey()));
        ToolResult r = wrongKey.call("query-alipay-payment", "{\"outTradeNo\":" + quote(order) + "}");
        assertThat(r.isError()).isTrue();
        assertThat(r.text()).contains("could not be verified", "AP_PUB_KEY");
    }

    private static void checkError(ToolResult r, Fault.Kind kind, String method, String failurePrefix) {
        assertThat(r.isError()).as(r.text()).isTrue();
        if (method.equals("alipay.trade.query")) {
            assertThat(r.structuredContent()).isNull();
        } else { // the refund tools say what is known, for a client that does not read the text
            String outcome = kind == Fault.Kind.ERROR_RESPONSE ? "failed" : "unknown";
            assertThat(r.structuredContent().string("outcome")).as(kind + " on " + method).hasValue(outcome);
        }
        checkNoSecret(r.text());
        switch (kind) {
            case DELAY -> assertThat(r.text()).startsWith("No complete answer from the gateway to " + method
                    + " within " + TIMEOUT_MS + " ms (AP_TIMEOUT_MS)");
            case HTTP_500, HTTP_502 -> assertThat(r.text()).startsWith("The gateway answered " + method
                    + " with HTTP status " + kind.token().substring(5) + " instead of 200");
            case HTML_BODY, NOT_JSON, TRUNCATED_BODY -> assertThat(r.text()).startsWith("The response body of "
                    + method + " is not valid JSON");
            case CONNECTION_CLOSED -> assertThat(r.text()).startsWith("The connection to the gateway failed during "
                    + method);
            case BAD_SIGNATURE, TAMPERED_FIELD -> assertThat(r.text()).startsWith("The response to " + method
                    + " could not be verified: its signature does not verify with AP_PUB_KEY (RSA2). It was not trusted.");
            case MISSING_SIGN -> assertThat(r.text()).startsWith("The response to " + method
                    + " could not be verified: it claims success without a signature.");
            case DUPLICATE_ROOT -> assertThat(r.text()).startsWith("The response holds " + method.replace('.', '_')
                    + "_response more than once");
            case OTHER_TRADE -> assertThat(r.text()).startsWith("The verified answer to " + method
                    + " is about another order");
            case ERROR_RESPONSE -> assertThat(r.text()).startsWith(failurePrefix + "{\"code\":\"40006\",\"msg\":"
                    + "\"Insufficient Permissions\",\"subCode\":\"isv.insufficient-isv-permissions\",\"subMsg\":"
                    + "\"ISV权限不足，建议在开发者中心检查对应功能是否已经添加\"}");
            case SYSTEM_ERROR -> assertThat(r.text()).startsWith(failurePrefix + "{\"code\":\"20000\",\"msg\":"
                    + "\"Service Currently Unavailable\",\"subCode\":\"isp.unknow-error\",\"subMsg\":\"系统繁忙\"}");
            case ACQ_SYSTEM_ERROR -> assertThat(r.text()).startsWith(failurePrefix + "{\"code\":\"40004\",\"msg\":"
                    + "\"Business Failed\",\"subCode\":\"ACQ.SYSTEM_ERROR\",\"subMsg\":\"系统错误\"}");
            default -> throw new AssertionError("a fault kind this test does not know: " + kind);
        }
    }

    /** No stack trace, no Base64 run as long as a key or signature, no sign parameter. */
    static void checkNoSecret(String text) {
        assertThat(text).doesNotContain("\tat ", "Exception\n", "sign=").doesNotContainPattern("[A-Za-z0-9+/=]{60,}");
        assertThat(text).doesNotContain(sim.serverEnvironment().get("AP_APP_KEY").substring(100, 140));
    }

    static SimulatedTools toolsFor(Fault.Kind kind) {
        return kind == Fault.Kind.DELAY ? impatient : tools;
    }

    static Fault fault(Fault.Kind kind) {
        return kind == Fault.Kind.DELAY ? new Fault(Fault.Kind.DELAY, TIMEOUT_MS + 7_000) : new Fault(kind, 0);
    }

    static String refund(String outRequestNo) {
        return "{\"outTradeNo\":" + quote(order) + ",\"refundAmount\":0.01,\"outRequestNo\":" + quote(outRequestNo) + "}";
    }
}
