package alipaymcp.tools;

import static alipaymcp.tools.SimulatedTools.orderNo;
import static alipaymcp.tools.SimulatedTools.quote;
import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.json.JsonValue.JsonBoolean;
import alipaymcp.json.JsonValue.JsonNumber;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue.JsonString;
import alipaymcp.simulator.GatewaySimulator;
import alipaymcp.simulator.SimulatorOptions;
import alipaymcp.tools.Tool.ToolResult;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every tool end to end against the in-process simulator: links that open the cashier, payment, queries,
 * refunds and their replays, and each business failure with upstream's exact text (marked isError).
 */
class ToolsAgainstSimulatorTest {
    static GatewaySimulator sim;
    static SimulatedTools tools;

    @BeforeAll
    static void start() throws Exception {
        sim = GatewaySimulator.start(SimulatorOptions.defaults());
        tools = new SimulatedTools(sim, Map.of());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void webPagePayment_givesUpstreamsLinkToTheSimulatorCashier() throws Exception {
        String no = orderNo("WEB");
        ToolResult r = tools.call("create-web-page-alipay-payment",
                "{\"outTradeNo\":" + quote(no) + ",\"totalAmount\":19.99,\"orderTitle\":\"测试订单\"}");
        assertThat(r.isError()).as(r.text()).isFalse();
        String url = r.structuredContent().string("url").orElseThrow();
        assertThat(r.text()).isEqualTo("网页支付链接: [点击完成支付](" + url + ")");
        assertThat(url).startsWith(sim.gatewayUrl() + "?method=alipay.trade.page.pay&");
        assertThat(r.structuredContent().get("outTradeNo")).isEqualTo(new JsonString(no));
        assertThat(r.structuredContent().get("totalAmount")).isEqualTo(new JsonNumber("19.99"));
        HttpResponse<String> page = SimulatedTools.open(url);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("测试订单", "19.99", no, "WAIT_BUYER_PAY", "id=\"pay\"");
    }

    @Test
    void mobilePayment_givesUpstreamsLinkToTheSimulatorCashier() throws Exception {
        String no = orderNo("WAP");
        ToolResult r = tools.call("create-mobile-alipay-payment",
                "{\"outTradeNo\":" + quote(no) + ",\"totalAmount\":0.07,\"orderTitle\":\"手机订单\"}");
        assertThat(r.isError()).as(r.text()).isFalse();
        String url = r.structuredContent().string("url").orElseThrow();
        assertThat(r.text()).isEqualTo("支付链接: [点击完成支付](" + url + ")");
        assertThat(url).startsWith(sim.gatewayUrl() + "?method=alipay.trade.wap.pay&");
        HttpResponse<String> paid = SimulatedTools.pressPay(SimulatedTools.open(url));
        assertThat(paid.statusCode()).isEqualTo(200);
        assertThat(paid.body()).contains("TRADE_SUCCESS");
        ToolResult q = tools.call("query-alipay-payment", "{\"outTradeNo\":" + quote(no) + "}");
        assertThat(q.text()).startsWith("交易状态: TRADE_SUCCESS , 交易金额: 0.07 , 支付宝交易号: ");
    }

    @Test
    void query_beforePaymentShowsWaitBuyerPay() throws Exception {
        String no = tools.openedOrder(orderNo("WAIT"), "1.15");
        ToolResult q = tools.call("query-alipay-payment", "{\"outTradeNo\":" + quote(no) + "}");
        assertThat(q.isError()).as(q.text()).isFalse();
        assertThat(q.text()).matches("交易状态: WAIT_BUYER_PAY , 交易金额: 1\\.15 , 支付宝交易号: \\d+");
        assertThat(q.structuredContent().get("totalAmount")).isEqualTo(new JsonNumber("1.15"));
    }

    @Test
    void payQueryRefundReplayAndRefundQuery_haveUpstreamsTexts() throws Exception {
        String no = orderNo("FLOW");
        ToolResult link = tools.call("create-web-page-alipay-payment",
                "{\"outTradeNo\":" + quote(no) + ",\"totalAmount\":19.99,\"orderTitle\":\"Flow\"}");
        HttpResponse<String> cashier = SimulatedTools.open(link.structuredContent().string("url").orElseThrow());
        String tradeNo = between(cashier.body(), "<dd id=\"trade-no\">", "</dd>");
        assertThat(SimulatedTools.pressPay(cashier).statusCode()).isEqualTo(200);

        ToolResult q = tools.call("query-alipay-payment", "{\"outTradeNo\":" + quote(no) + "}");
        assertThat(q.isError()).isFalse();
        assertThat(q.text()).isEqualTo("交易状态: TRADE_SUCCESS , 交易金额: 19.99 , 支付宝交易号: " + tradeNo);
        assertThat(q.structuredContent()).isEqualTo(JsonObject.builder().put("outTradeNo", no)
                .put("tradeStatus", "TRADE_SUCCESS").put("totalAmount", new JsonNumber("19.99"))
                .put("tradeNo", tradeNo).build());

        String refund = "{\"outTradeNo\":" + quote(no) + ",\"refundAmount\":5.5,\"outRequestNo\":\"R1\"}";
        ToolResult r1 = tools.call("refund-alipay-payment", refund);
        assertThat(r1.isError()).as(r1.text()).isFalse();
        assertThat(r1.text()).isEqualTo("退款结果: 退款成功, 退款交易: " + tradeNo);
        assertThat(r1.structuredContent().get("fundChange")).isEqualTo(JsonBoolean.TRUE);
        assertThat(r1.structuredContent().string("outcome")).hasValue("succeeded");
        assertThat(r1.structuredContent().get("refundFee")).isEqualTo(new JsonNumber("5.5"));

        ToolResult replay = tools.call("refund-alipay-payment", refund);
        assertThat(replay.isError()).as(replay.text()).isFalse();
        assertThat(replay.text()).isEqualTo("退款结果: 重复请求退款幂等成功, 退款交易: " + tradeNo);
        assertThat(replay.structuredContent().get("fundChange")).isEqualTo(JsonBoolean.FALSE);
        assertThat(replay.structuredContent().string("outcome")).as("a replay confirmed by the refund query")
                .hasValue("succeeded");
        assertThat(replay.structuredContent().get("refundFee")).isEqualTo(new JsonNumber("5.5"));

        ToolResult rq = tools.call("query-alipay-refund", "{\"outRequestNo\":\"R1\",\"outTradeNo\":" + quote(no) + "}");
        assertThat(rq.isError()).as(rq.text()).isFalse();
        assertThat(rq.text()).isEqualTo("查询到退款成功, 退款交易: " + tradeNo + " , 退款金额: 5.50 , 退款状态: REFUND_SUCCESS");
        assertThat(rq.structuredContent()).isEqualTo(JsonObject.builder().put("outTradeNo", no)
                .put("outRequestNo", "R1").put("outcome", "succeeded").put("tradeNo", tradeNo).put("refundAmount", new JsonNumber("5.5"))
                .put("refundStatus", "REFUND_SUCCESS").build());

        assertThat(tools.call("query-alipay-payment", "{\"outTradeNo\":" + quote(no) + "}").text())
                .as("a partial refund leaves the trade paid").startsWith("交易状态: TRADE_SUCCESS , ");
    }

    @Test
    void refund_sameNumberOtherAmountIsUpstreamsFailureText() throws Exception {
        String no = tools.paidOrder("DISC", "20");
        tools.call("refund-alipay-payment", refund(no, "1", "R1"));
        ToolResult r = tools.call("refund-alipay-payment", refund(no, "2", "R1"));
        assertThat(r.isError()).isTrue();
        assertThat(r.structuredContent()).isEqualTo(JsonObject.builder().put("outTradeNo", no)
                .put("outRequestNo", "R1").put("outcome", "failed").put("code", "40004")
                .put("subCode", "ACQ.DISCORDANT_REPEAT_REQUEST").build());
        assertThat(r.text()).isEqualTo("退款执行失败. 退款结果: {\"code\":\"40004\",\"msg\":\"Business Failed\","
                + "\"subCode\":\"ACQ.DISCORDANT_REPEAT_REQUEST\",\"subMsg\":\"不一致的请求\"}\n"
                + "If you retry this refund, reuse outRequestNo=R1 (Alipay refunds once per number; a new number is a new refund),"
                + " never a new one.");
    }

    @Test
    void refund_moreThanWasPaidIsABusinessFailure() throws Exception {
        String no = tools.paidOrder("OVER", "10");
        assertThat(tools.call("refund-alipay-payment", refund(no, "6", "R1")).isError()).isFalse();
        ToolResult r = tools.call("refund-alipay-payment", refund(no, "4.01", "R2"));
        assertThat(r.isError()).isTrue();
        assertThat(r.text()).isEqualTo("退款执行失败. 退款结果: {\"code\":\"40004\",\"msg\":\"Business Failed\","
                + "\"subCode\":\"ACQ.REFUND_AMT_NOT_EQUAL_TOTAL\",\"subMsg\":\"退款金额超限\"}\n"
                + "If you retry this refund, reuse outRequestNo=R2 (Alipay refunds once per number; a new number is a new refund),"
                + " never a new one.");
        assertThat(tools.call("query-alipay-refund", refundQuery(no, "R2")).text()).startsWith("未查询到退款成功.");
    }

    @Test
    void refund_ofAnUnpaidTradeIsABusinessFailure() throws Exception {
        String no = tools.openedOrder(orderNo("UNPAID"), "10");
        ToolResult r = tools.call("refund-alipay-payment", refund(no, "1", "R1"));
        assertThat(r.isError()).isTrue();
        assertThat(r.text()).isEqualTo("退款执行失败. 退款结果: {\"code\":\"40004\",\"msg\":\"Business Failed\","
                + "\"subCode\":\"ACQ.TRADE_STATUS_ERROR\",\"subMsg\":\"交易状态不合法\"}\n"
                + "If you retry this refund, reuse outRequestNo=R1 (Alipay refunds once per number; a new number is a new refund),"
                + " never a new one.");
    }

    @Test
    void refund_ofAnUnknownTradeIsABusinessFailure() throws Exception {
        ToolResult r = tools.call("refund-alipay-payment", refund(orderNo("NONE"), "1", "R1"));
        assertThat(r.isError()).isTrue();
        assertThat(r.text()).isEqualTo("退款执行失败. 退款结果: {\"code\":\"40004\",\"msg\":\"Business Failed\","
                + "\"subCode\":\"ACQ.TRADE_NOT_EXIST\",\"subMsg\":\"交易不存在\"}\n"
                + "If you retry this refund, reuse outRequestNo=R1 (Alipay refunds once per number; a new number is a new refund),"
                + " never a new one.");
    }

    @Test
    void query_ofAnUnknownTradeIsUpstreamsFailureText() throws Exception {
        ToolResult r = tools.call("query-alipay-payment", "{\"outTradeNo\":" + quote(orderNo("NONE")) + "}");
        assertThat(r.isError()).isTrue();
        assertThat(r.structuredContent()).isNull();
        assertThat(r.text()).isEqualTo("交易查询失败. 查询结果: {\"code\":\"40004\",\"msg\":\"Business Failed\","
                + "\"subCode\":\"ACQ.TRADE_NOT_EXIST\",\"subMsg\":\"交易不存在\"}");
    }

    @Test
    void refundQuery_ofAnUnknownRefundIsNotASuccess() throws Exception {
        String no = tools.paidOrder("NOREF", "10");
        ToolResult r = tools.call("query-alipay-refund", refundQuery(no, "R_never"));
        assertThat(r.isError()).isTrue();
        String tradeNo = tools.call("query-alipay-payment", "{\"outTradeNo\":" + quote(no) + "}").structuredContent()
                .string("tradeNo").orElseThrow();
        assertThat(r.text()).isEqualTo("未查询到退款成功. 退款查询结果: {\"code\":\"10000\",\"msg\":\"Success\","
                + "\"tradeNo\":\"" + tradeNo + "\",\"outTradeNo\":\"" + no + "\",\"outRequestNo\":\"R_never\"}\n"
                + "The refund is not confirmed (still processing, or failed). Call query-alipay-refund again with"
                + " outTradeNo=" + no + " and outRequestNo=R_never in 10 seconds or more; if you retry the refund, reuse"
                + " outRequestNo=R_never (Alipay refunds once per number; a new number is a new refund), never a new one.");
        assertThat(r.structuredContent().string("outcome")).hasValue("pending");
    }

    @Test
    void refundQuery_ofAnUnknownTradeIsUpstreamsFailureText() throws Exception {
        ToolResult r = tools.call("query-alipay-refund", refundQuery(orderNo("NONE"), "R1"));
        assertThat(r.isError()).isTrue();
        assertThat(r.text()).isEqualTo("退款查询失败. 退款查询结果: {\"code\":\"40004\",\"msg\":\"Business Failed\","
                + "\"subCode\":\"TRADE_NOT_EXIST\",\"subMsg\":\"交易不存在\"}");
    }

    @Test
    void refund_ofTheWholeAmountClosesTheTrade() throws Exception {
        String no = tools.paidOrder("FULL", "100000000");
        assertThat(tools.call("refund-alipay-payment", refund(no, "99999999.99", "R1")).isError()).isFalse();
        ToolResult last = tools.call("refund-alipay-payment", refund(no, "0.01", "R2"));
        assertThat(last.text()).startsWith("退款结果: 退款成功, ");
        assertThat(last.structuredContent().get("refundFee")).isEqualTo(new JsonNumber("100000000"));
        ToolResult q = tools.call("query-alipay-payment", "{\"outTradeNo\":" + quote(no) + "}");
        assertThat(q.isError()).isFalse();
        assertThat(q.text()).startsWith("交易状态: TRADE_CLOSED , 交易金额: 100000000.00 , 支付宝交易号: ");
        assertThat(q.structuredContent().get("totalAmount")).isEqualTo(new JsonNumber("100000000"));
        assertThat(tools.call("refund-alipay-payment", refund(no, "0.01", "R2")).text())
                .as("a replay is still answered after the trade closed").startsWith("退款结果: 重复请求退款幂等成功, ");
    }

    @Test
    void refund_cancelledOnceItWasSent_isFinishedAndReported() throws Exception {
        String no = tools.paidOrder("LATECANCEL", "10");
        Tool refund = tools.list().stream().filter(t -> t.name().equals("refund-alipay-payment")).findFirst()
                .orElseThrow();
        java.util.concurrent.atomic.AtomicInteger looks = new java.util.concurrent.atomic.AtomicInteger();
        // the look before sending sees no cancel; any look after it would: the request is never abandoned
        ToolResult r = refund.call((JsonObject) alipaymcp.json.JsonParser.parse(refund(no, "3", "R1")),
                () -> looks.getAndIncrement() > 0);
        assertThat(looks).as("the flag is looked at before sending").hasPositiveValue();
        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(r.text()).startsWith("退款结果: 退款成功, ");
        assertThat(tools.call("query-alipay-refund", refundQuery(no, "R1")).text()).contains("REFUND_SUCCESS");
    }

    @Test
    void maxRefundAmount_refusesALargerRefundBeforeAnyGatewayCall() throws Exception {
        SimulatedTools guarded = new SimulatedTools(sim, Map.of("AP_MAX_REFUND_AMOUNT", "10"));
        String no = guarded.paidOrder("GUARD", "50");
        ToolResult refused = guarded.call("refund-alipay-payment", refund(no, "10.01", "R1"));
        assertThat(refused.isError()).isTrue();
        assertThat(refused.text()).isEqualTo("refundAmount: must be at most 10 (AP_MAX_REFUND_AMOUNT), got 10.01;"
                + " nothing was sent to Alipay");
        ToolResult rq = guarded.call("query-alipay-refund", refundQuery(no, "R1"));
        assertThat(rq.text()).as("the simulator saw no refund R1").startsWith("未查询到退款成功.");
        // R1 was never used, so the same number may still carry an allowed amount.
        ToolResult allowed = guarded.call("refund-alipay-payment", refund(no, "10", "R1"));
        assertThat(allowed.text()).as(allowed.text()).startsWith("退款结果: 退款成功, ");
    }

    @Test
    void refundReason_isOptionalAndKeptByTheGateway() throws Exception {
        String no = tools.paidOrder("REASON", "10");
        ToolResult r = tools.call("refund-alipay-payment", "{\"outTradeNo\":" + quote(no)
                + ",\"refundAmount\":1,\"outRequestNo\":\"R1\",\"refundReason\":\"商品退货 (broken)\"}");
        assertThat(r.isError()).as(r.text()).isFalse();
        ToolResult without = tools.call("refund-alipay-payment", refund(no, "1", "R2"));
        assertThat(without.isError()).as(without.text()).isFalse();
    }

    @Test
    void orderNumbersWithHyphens_workEndToEnd() throws Exception {
        String no = "ORDER-" + orderNo("H");
        ToolResult link = tools.call("create-web-page-alipay-payment",
                "{\"outTradeNo\":" + quote(no) + ",\"totalAmount\":1,\"orderTitle\":\"hyphen\"}");
        assertThat(link.isError()).as(link.text()).isFalse();
        HttpResponse<String> cashier = SimulatedTools.open(link.structuredContent().string("url").orElseThrow());
        assertThat(SimulatedTools.pressPay(cashier).statusCode()).isEqualTo(200);
        assertThat(tools.call("refund-alipay-payment", refund(no, "1", "R-1")).text()).startsWith("退款结果: 退款成功, ");
        assertThat(tools.call("query-alipay-refund", refundQuery(no, "R-1")).text()).startsWith("查询到退款成功, ");
    }

    static String refund(String outTradeNo, String amount, String outRequestNo) {
        return "{\"outTradeNo\":" + quote(outTradeNo) + ",\"refundAmount\":" + amount + ",\"outRequestNo\":"
                + quote(outRequestNo) + "}";
    }

    static String refundQuery(String outTradeNo, String outRequestNo) {
        return "{\"outRequestNo\":" + quote(outRequestNo) + ",\"outTradeNo\":" + quote(outTradeNo) + "}";
    }

    static String between(String text, String before, String after) {
        int start = text.indexOf(before);
        assertThat(start).as(before + " in\n" + text).isNotNegative();
        start += before.length();
        return text.substring(start, text.indexOf(after, start));
    }
}
