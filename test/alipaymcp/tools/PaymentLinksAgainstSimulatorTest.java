package alipaymcp.tools;

import static alipaymcp.tools.SimulatedTools.orderNo;
import static alipaymcp.tools.SimulatedTools.quote;
import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonNumber;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue.JsonString;
import alipaymcp.simulator.GatewaySimulator;
import alipaymcp.simulator.SimulatorOptions;
import alipaymcp.tools.Tool.ToolResult;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Payment links: any title gives a Markdown link that does not break and a URL that carries the exact title
 * (the simulator verifies the signature over it), and amounts come out exact in the structured content.
 */
class PaymentLinksAgainstSimulatorTest {
    static final Pattern WEB_LINK = Pattern.compile("^网页支付链接: \\[点击完成支付\\]\\([^()\\s]+\\)$");
    static final Pattern MOBILE_LINK = Pattern.compile("^支付链接: \\[点击完成支付\\]\\([^()\\s]+\\)$");

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

    @ParameterizedTest
    @ValueSource(strings = {"Tea (large)", "a) [b](c) ![x](y)", "<script>alert('x')</script>", "**bold** _it_ `c` ~s~",
        "50% off & free=yes; #1 ?q", "引号\"和\\反斜杠", "it's *the* (best)!", "plain", "emoji 😀 (ok)",
        "  leading and trailing spaces  ", "a+b=c/d"})
    void title_withMetacharactersGivesAnUnbrokenLinkCarryingTheExactTitle(String title) throws Exception {
        for (String tool : new String[] {"create-web-page-alipay-payment", "create-mobile-alipay-payment"}) {
            String no = orderNo("TITLE");
            ToolResult r = tools.call(tool, "{\"outTradeNo\":" + quote(no) + ",\"totalAmount\":1,\"orderTitle\":"
                    + quote(title) + "}");
            assertThat(r.isError()).as(r.text()).isFalse();
            Pattern link = tool.contains("web") ? WEB_LINK : MOBILE_LINK;
            assertThat(r.text()).matches(link);
            String url = r.structuredContent().string("url").orElseThrow();
            assertThat(r.text()).endsWith("(" + url + ")");
            JsonObject biz = (JsonObject) JsonParser.parse(queryParameter(url, "biz_content"));
            assertThat(biz.string("subject")).hasValue(title);
            assertThat(biz.string("body")).hasValue(title);
            HttpResponse<String> page = SimulatedTools.open(url);
            assertThat(page.statusCode()).as("the simulator accepts the signed link: " + page.body()).isEqualTo(200);
            assertThat(page.body()).contains("<h1 id=\"subject\">" + htmlEscape(title) + "</h1>");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"19.99", "0.07", "1.15", "100000000", "0.01", "88.8", "1.10", "1e2", "100000000.00"})
    void amount_isExactInStructuredContentAndAtTheGateway(String lexeme) throws Exception {
        String plain = new java.math.BigDecimal(lexeme).stripTrailingZeros().toPlainString();
        String no = orderNo("AMT");
        ToolResult r = tools.call("create-web-page-alipay-payment", "{\"outTradeNo\":" + quote(no)
                + ",\"totalAmount\":" + lexeme + ",\"orderTitle\":\"amount\"}");
        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(r.structuredContent().get("totalAmount")).isEqualTo(new JsonNumber(plain));
        assertThat(queryParameter(r.structuredContent().string("url").orElseThrow(), "biz_content"))
                .contains("\"total_amount\":" + plain + ",");
        SimulatedTools.pressPay(SimulatedTools.open(r.structuredContent().string("url").orElseThrow()));
        ToolResult q = tools.call("query-alipay-payment", "{\"outTradeNo\":" + quote(no) + "}");
        assertThat(q.structuredContent().get("totalAmount")).isEqualTo(new JsonNumber(plain));
        assertThat(q.text()).contains(" , 交易金额: " + new java.math.BigDecimal(plain).setScale(2).toPlainString() + " , ");
        ToolResult refund = tools.call("refund-alipay-payment", "{\"outTradeNo\":" + quote(no) + ",\"refundAmount\":"
                + lexeme + ",\"outRequestNo\":\"R1\"}");
        assertThat(refund.structuredContent().get("refundFee")).isEqualTo(new JsonNumber(plain));
        ToolResult rq = tools.call("query-alipay-refund", "{\"outRequestNo\":\"R1\",\"outTradeNo\":" + quote(no) + "}");
        assertThat(rq.structuredContent().get("refundAmount")).isEqualTo(new JsonNumber(plain));
        assertThat(rq.structuredContent().get("outRequestNo")).isEqualTo(new JsonString("R1"));
    }

    /** One parameter of a URL's query, percent-decoded (the appended part is encodeURIComponent: no '+'). */
    static String queryParameter(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + url);
    }

    static String htmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
