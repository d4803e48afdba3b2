package alipaymcp.simulator;

import alipaymcp.alipay.RsaSigner;
import alipaymcp.alipay.RsaSigner.SignContent;
import alipaymcp.alipay.SignType;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;


/** The page-pay cashier and its buttons over HTTP, as a browser uses them (no redirects followed). */
class CashierTest extends SimulatorFixture {
    private HttpResponse<String> press(String path, String outTradeNo) throws Exception {
        return client.postForm(path, "out_trade_no=" + outTradeNo);
    }

    @Test
    void pagePay_showsTheCashierWithSubjectAmountAndButtons() throws Exception {
        String order = newOrder();
        HttpResponse<String> page = client.openPage(Cashier.WAP, order, "88.8", "咖啡 Coffee", null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
        assertThat(page.body()).contains("<h1 id=\"subject\">咖啡 Coffee</h1>").contains("<span id=\"amount\">88.80</span>")
                .contains(order).contains("action=\"/cashier/pay\"").contains("action=\"/cashier/cancel\"")
                .contains("id=\"pay\"").contains("id=\"cancel\"").doesNotContain("<script");
    }

    @Test
    void pagePay_escapesRequestText() throws Exception {
        HttpResponse<String> page = client.openPage(Cashier.PAGE, newOrder(), "1", "<b>\"x\" & 'y'</b>", null, null);
        assertThat(page.body()).contains("&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;").doesNotContain("<b>");
    }

    @Test
    void pagePay_badSignatureShowsTheGatewayError() throws Exception {
        Map<String, String> params = client.sign(client.pageParams(Cashier.WAP, newOrder(), "1", "S", null, null));
        params.put("timestamp", "2026-01-15 10:00:01");
        HttpResponse<String> page = client.get(params);
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("40002").contains("isv.invalid-signature")
                .contains(Cashier.escape(SignContent.forRequest(params)));
    }

    @Test
    void pagePay_rejectsBadBizContent() throws Exception {
        String[][] cases = {
            {"0.001", "S", "FAST_INSTANT_TRADE_PAY", "total_amount"},
            {"1", "", "FAST_INSTANT_TRADE_PAY", "subject"},
            {"1", "S", "QUICK_WAP_WAY", "product_code"},
        };
        for (String[] c : cases) {
            String biz = "{\"out_trade_no\":\"" + newOrder() + "\",\"total_amount\":" + c[0] + ",\"subject\":\"" + c[1]
                    + "\",\"product_code\":\"" + c[2] + "\"}";
            HttpResponse<String> page = client.get(client.sign(client.params(Cashier.PAGE, biz)));
            assertThat(page.statusCode()).as(c[3]).isEqualTo(400);
            assertThat(page.body()).as(c[3]).contains("ACQ.INVALID_PARAMETER").contains(c[3]);
        }
    }

    @Test
    void pagePay_rejectsANonHttpReturnUrl() throws Exception {
        HttpResponse<String> page = client.openPage(Cashier.WAP, newOrder(), "1", "S", null, "javascript:alert(1)");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("return_url");
    }

    @Test
    void pagePay_sameOrderWithAnotherAmountIsRefused() throws Exception {
        String order = newOrder();
        assertThat(client.openPage(Cashier.WAP, order, "5", "S", null, null).statusCode()).isEqualTo(200);
        assertThat(client.openPage(Cashier.WAP, order, "5.00", "S", null, null).statusCode()).isEqualTo(200);
        HttpResponse<String> page = client.openPage(Cashier.WAP, order, "6", "S", null, null);
        assertThat(page.statusCode()).isEqualTo(409);
        assertThat(page.body()).contains("already opened with total_amount 5");
    }

    @Test
    void pay_redirectsToReturnUrlWithV1SignedParameters() throws Exception {
        String order = newOrder();
        client.openPage(Cashier.PAGE, order, "12.3", "S", null, "http://127.0.0.1:9/back?shop=1#top");
        HttpResponse<String> paid = press(Cashier.PAY_PATH, order);
        assertThat(paid.statusCode()).isEqualTo(303);
        String location = paid.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("http://127.0.0.1:9/back?shop=1&").endsWith("#top");
        Map<String, String> params = SimClient.decodeQuery(URI.create(location));
        params.remove("shop");
        assertThat(params).containsEntry("method", "alipay.trade.page.pay.return").containsEntry("out_trade_no", order)
                .containsEntry("total_amount", "12.30").containsEntry("app_id", sim.appId())
                .containsEntry("sign_type", "RSA2").containsEntry("charset", "utf-8").containsEntry("version", "1.0")
                .containsKeys("trade_no", "timestamp", "seller_id", "sign");
        assertThat(RsaSigner.verify(SignContent.forNotification(params, false), params.get("sign"),
                client.platformKey, SignType.RSA2)).isTrue();
        assertThat(RsaSigner.verify(SignContent.forNotification(params, true), params.get("sign"),
                client.platformKey, SignType.RSA2)).isFalse();
        assertThat(client.verifiedCall(TradeApi.QUERY, "{\"out_trade_no\":\"" + order + "\"}").string("trade_status"))
                .hasValue("TRADE_SUCCESS");
    }

    @Test
    void pay_withoutReturnUrlShowsAPaidPageAndRepeatsAsAlreadyPaid() throws Exception {
        String order = newOrder();
        client.openPage(Cashier.WAP, order, "1", "S", null, null);
        HttpResponse<String> paid = press(Cashier.PAY_PATH, order);
        assertThat(paid.statusCode()).isEqualTo(200);
        assertThat(paid.body()).contains("<h1 id=\"outcome\">Paid</h1>").contains("TRADE_SUCCESS");
        assertThat(press(Cashier.PAY_PATH, order).body()).contains("Already paid");
        assertThat(client.openPage(Cashier.WAP, order, "1", "S", null, null).body()).contains("Already paid")
                .doesNotContain("id=\"pay\"");
    }

    @Test
    void cancel_leavesTheTradeWaiting() throws Exception {
        String order = newOrder();
        client.openPage(Cashier.WAP, order, "1", "S", null, null);
        HttpResponse<String> cancelled = press(Cashier.CANCEL_PATH, order);
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(cancelled.body()).contains("Payment cancelled");
        assertThat(client.verifiedCall(TradeApi.QUERY, "{\"out_trade_no\":\"" + order + "\"}").string("trade_status"))
                .hasValue("WAIT_BUYER_PAY");
    }

    @Test
    void pay_unknownOrderAndGetAreRefused() throws Exception {
        assertThat(press(Cashier.PAY_PATH, "NOPE").statusCode()).isEqualTo(404);
        assertThat(client.getPath(Cashier.PAY_PATH).statusCode()).isEqualTo(405);
    }

    @Test
    void pay_javaApiMatchesTheButton() throws Exception {
        String order = newOrder();
        client.openPage(Cashier.WAP, order, "3", "S", null, null);
        String tradeNo = SimControl.pay(sim, order);
        assertThat(tradeNo).hasSize(28).startsWith("20");
        assertThat(SimControl.pay(sim, order)).isEqualTo(tradeNo);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SimControl.pay(sim, "NEVER_OPENED"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("page-pay");
    }

    @Test
    void pay_closedTradeCannotBePaid() throws Exception {
        String order = newOrder();
        client.paidTrade(order, "2");
        client.verifiedCall(TradeApi.REFUND, "{\"out_trade_no\":\"" + order + "\",\"refund_amount\":2}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SimControl.pay(sim, order))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("TRADE_CLOSED");
        assertThat(press(Cashier.PAY_PATH, order).statusCode()).isEqualTo(409);
    }

    @Test
    void pages_carryProtectiveHeaders() throws Exception {
        HttpResponse<String> page = client.openPage(Cashier.WAP, newOrder(), "1", "S", null, null);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void escape_coversTextAndAttributes() {
        assertThat(Cashier.escape("<a href=\"x\">'&'</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assertThat(Cashier.escape("咖啡")).isEqualTo("咖啡");
    }

    @Test
    void error_escapesTitleAndDetail() {
        assertThat(Cashier.errorPage("<t>", "<d>")).contains("&lt;t&gt;", "&lt;d&gt;").doesNotContain("<t>", "<d>");
    }
}
