package alipaymcp.tools;

import static alipaymcp.tools.SimulatedTools.orderNo;
import static alipaymcp.tools.SimulatedTools.quote;
import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.TestConfig;
import alipaymcp.alipay.AlipayPublicKey;
import alipaymcp.alipay.AppPrivateKey;
import alipaymcp.alipay.GatewayClient;
import alipaymcp.alipay.GatewayClient.RequestSettings;
import alipaymcp.alipay.SignType;
import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.log.EventLog;
import alipaymcp.simulator.GatewaySimulator;
import alipaymcp.simulator.SimulatorOptions;
import alipaymcp.tools.Tool.ToolResult;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every invalid argument class gives an isError result naming the argument and the rule, and nothing is
 * sent (a counting gateway sees no request; a page tool makes no link). The boundaries pass end to end.
 */
class ToolArgumentsTest {
    static final String WEB = "create-web-page-alipay-payment";
    static final String WAP = "create-mobile-alipay-payment";
    static final String QUERY = "query-alipay-payment";
    static final String REFUND = "refund-alipay-payment";
    static final String REFUND_QUERY = "query-alipay-refund";
    static final String ID64 = "A".repeat(64);
    static final String TITLE256 = "题".repeat(256);

    static HttpServer counting;
    static final AtomicInteger REQUESTS = new AtomicInteger();
    static Map<String, Tool> offline;
    static GatewaySimulator sim;
    static SimulatedTools tools;

    @BeforeAll
    static void start() throws Exception {
        counting = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        counting.createContext("/", exchange -> {
            REQUESTS.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        counting.start();
        GatewayClient gateway = new GatewayClient(URI.create("http://127.0.0.1:" + counting.getAddress().getPort()
                + "/gateway.do"), new RequestSettings("2021000000000000", SignType.RSA2, null, null, null,
                "mcp-server-alipay-java-test", "mcp_test", null, null),
                AppPrivateKey.parse(TestConfig.appPrivateKey()), AlipayPublicKey.parse(TestConfig.alipayPublicKey()),
                Duration.ofSeconds(2), Clock.systemUTC());
        offline = new java.util.HashMap<>();
        for (Tool tool : ToolRegistry.all(gateway, SimulatedTools.DEFAULT_REFUNDS, EventLog.disabled())) {
            offline.put(tool.name(), tool);
        }
        sim = GatewaySimulator.start(SimulatorOptions.defaults());
        tools = new SimulatedTools(sim, Map.of());
    }

    @AfterAll
    static void stop() {
        counting.stop(0);
        sim.close();
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> invalid() {
        List<org.junit.jupiter.params.provider.Arguments> out = new ArrayList<>();
        for (String tool : List.of(WEB, WAP)) {
            String t = ",\"orderTitle\":\"t\"}";
            add(out, tool, "{\"totalAmount\":1" + t, "outTradeNo: is required");
            add(out, tool, "{\"outTradeNo\":\"A1\"" + t, "totalAmount: is required");
            add(out, tool, "{\"outTradeNo\":\"A1\",\"totalAmount\":1}", "orderTitle: is required");
            add(out, tool, "{\"outTradeNo\":7,\"totalAmount\":1" + t, "outTradeNo: must be a string, got a number");
            add(out, tool, "{\"outTradeNo\":null,\"totalAmount\":1" + t, "outTradeNo: must be a string, got null");
            add(out, tool, "{\"outTradeNo\":[\"A1\"],\"totalAmount\":1" + t, "outTradeNo: must be a string, got an array");
            add(out, tool, amount("\"5\"") + t, "totalAmount: must be a JSON number such as 19.99, got a string");
            add(out, tool, amount("true") + t, "totalAmount: must be a JSON number such as 19.99, got a boolean");
            add(out, tool, amount("{}") + t, "totalAmount: must be a JSON number such as 19.99, got an object");
            add(out, tool, amount("0.001") + t, "totalAmount: must be at least 0.01, got 0.001");
            add(out, tool, amount("0.009") + t, "totalAmount: must be at least 0.01, got 0.009");
            add(out, tool, amount("0") + t, "totalAmount: must be at least 0.01, got 0");
            add(out, tool, amount("-1") + t, "totalAmount: must be at least 0.01, got -1");
            add(out, tool, amount("1e9") + t, "totalAmount: must be at most 100000000, got 1e9");
            add(out, tool, amount("100000000.01") + t, "totalAmount: must be at most 100000000, got 100000000.01");
            add(out, tool, amount("1.005") + t, "totalAmount: at most 2 decimal places, got 1.005");
            add(out, tool, amount("0.30000000000000004") + t,
                    "totalAmount: at most 2 decimal places, got 0.30000000000000004");
            add(out, tool, "{\"outTradeNo\":\"\",\"totalAmount\":1" + t, "outTradeNo: must be 1 to 64 characters, got 0");
            add(out, tool, "{\"outTradeNo\":\"" + ID64 + "B\",\"totalAmount\":1" + t,
                    "outTradeNo: must be 1 to 64 characters, got 65");
            for (String[] bad : new String[][] {{" ", "0020"}, {"\\t", "0009"}, {"\\n", "000A"}, {"\\u00a0", "00A0"},
                {"\\u3000", "3000"}, {"\\u2028", "2028"}, {"\\u0000", "0000"}, {"\\u007f", "007F"},
                {"\\u200b", "200B"}, {"\\ufeff", "FEFF"}, {"\\ud800", "D800"}}) {
                add(out, tool, "{\"outTradeNo\":\"A" + bad[0] + "1\",\"totalAmount\":1" + t, visibleAscii("outTradeNo", bad[1], 2));
            }
            String head = "{\"outTradeNo\":\"A1\",\"totalAmount\":1,\"orderTitle\":";
            add(out, tool, head + "\"\"}", "orderTitle: must not be empty");
            add(out, tool, head + quote(TITLE256 + "x") + "}", "orderTitle: must be at most 256 characters, got 257");
            for (String control : List.of("\\u0007", "\\n", "\\r", "\\u001b", "\\u0085", "\\u2028", "\\u2029")) {
                add(out, tool, head + "\"ab" + control + "c\"}",
                        "orderTitle: must not contain control characters or line breaks (found one at position 3)");
            }
            add(out, tool, head + "\"x\\udc00y\"}", "orderTitle: contains an unpaired surrogate (invalid Unicode) at position 2");
            add(out, tool, head + "\"\\ud83d\"}", "orderTitle: contains an unpaired surrogate (invalid Unicode) at position 1");
            add(out, tool, head + "\"t\",\"subject\":\"x\"}",
                    "subject: unknown argument; the arguments are outTradeNo, totalAmount, orderTitle");
        }
        add(out, QUERY, "{}", "outTradeNo: is required");
        add(out, QUERY, "{\"outTradeNo\":\" A1\"}", visibleAscii("outTradeNo", "0020", 1));
        add(out, QUERY, "{\"outTradeNo\":\"A1\",\"tradeNo\":\"1\"}", "tradeNo: unknown argument; the arguments are outTradeNo");
        String r = "{\"outTradeNo\":\"A1\",\"outRequestNo\":\"R1\",\"refundAmount\":";
        add(out, REFUND, r + "\"5\"}", "refundAmount: must be a JSON number such as 19.99, got a string");
        add(out, REFUND, r + "1.005}", "refundAmount: at most 2 decimal places, got 1.005");
        add(out, REFUND, r + "0}", "refundAmount: must be at least 0.01, got 0");
        add(out, REFUND, r + "-0.01}", "refundAmount: must be at least 0.01, got -0.01");
        add(out, REFUND, r + "1e9}", "refundAmount: must be at most 100000000, got 1e9");
        add(out, REFUND, "{\"outTradeNo\":\"A1\",\"outRequestNo\":\"R1\"}", "refundAmount: is required");
        add(out, REFUND, "{\"outTradeNo\":\"A1\",\"refundAmount\":1}", "outRequestNo: is required");
        add(out, REFUND, "{\"outTradeNo\":\"A1\",\"refundAmount\":1,\"outRequestNo\":\"\"}",
                "outRequestNo: must be 1 to 64 characters, got 0");
        add(out, REFUND, "{\"outTradeNo\":\"A1\",\"refundAmount\":1,\"outRequestNo\":\"" + ID64 + "9\"}",
                "outRequestNo: must be 1 to 64 characters, got 65");
        add(out, REFUND, r + "1,\"refundReason\":null}", "refundReason: must be a string, got null");
        add(out, REFUND, r + "1,\"refundReason\":" + quote("x".repeat(257)) + "}",
                "refundReason: must be at most 256 characters, got 257");
        add(out, REFUND, r + "1,\"refundReason\":\"a\\nb\"}",
                "refundReason: must not contain control characters or line breaks (found one at position 2)");
        add(out, REFUND, r + "1,\"reason\":\"x\"}",
                "reason: unknown argument; the arguments are outTradeNo, refundAmount, outRequestNo, refundReason");
        add(out, REFUND_QUERY, "{\"outTradeNo\":\"A1\"}", "outRequestNo: is required");
        add(out, REFUND_QUERY, "{\"outRequestNo\":\"R 1\",\"outTradeNo\":\"A1\"}", visibleAscii("outRequestNo", "0020", 2));
        add(out, REFUND_QUERY, "{\"outRequestNo\":\"R1\",\"outTradeNo\":false}", "outTradeNo: must be a string, got a boolean");
        return out.stream();
    }

    /** outTradeNo and outRequestNo: visible ASCII only; the message names the argument, the rule and the character. */
    static String visibleAscii(String name, String hex, int position) {
        return name + ": must be visible ASCII characters only (0x21-0x7E: letters, digits, _ - and other printable"
                + " signs; no spaces, no control or invisible characters), found U+" + hex + " at position " + position;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalid")
    void invalidArgument_isAnErrorNamingTheRuleAndSendsNothing(String tool, String arguments, String message)
            throws Exception {
        int before = REQUESTS.get();
        ToolResult r = offline.get(tool).call((JsonObject) JsonParser.parse(arguments), () -> false);
        assertThat(r.isError()).isTrue();
        assertThat(r.structuredContent()).isNull();
        assertThat(r.text()).isEqualTo(message);
        assertThat(REQUESTS.get()).as("requests sent to the gateway").isEqualTo(before);
    }

    @Test
    void refund_cancelledBeforeSendingSendsNothing() throws Exception {
        int before = REQUESTS.get();
        ToolResult r = offline.get(REFUND).call((JsonObject) JsonParser.parse(
                "{\"outTradeNo\":\"A1\",\"refundAmount\":1,\"outRequestNo\":\"R1\"}"), () -> true);
        assertThat(r.isError()).isTrue();
        assertThat(r.text()).isEqualTo("Cancelled by the client before anything was sent to Alipay: no refund was made.");
        assertThat(REQUESTS.get()).isEqualTo(before);
    }

    @Test
    void unknownArgumentName_isShownPrintably() throws Exception {
        ToolResult r = offline.get(QUERY).call((JsonObject) JsonParser.parse(
                "{\"outTradeNo\":\"A1\",\"a\\u0007" + "b".repeat(60) + "\":1}"), () -> false);
        assertThat(r.text()).startsWith("a?bbb").contains("...: unknown argument").doesNotContain("\u0007");
    }

    @Test
    void boundaries_passEndToEnd() throws Exception {
        String unique = orderNo("B");
        String id = "A".repeat(64 - unique.length()) + unique;
        for (String tool : List.of(WEB, WAP)) {
            String no = tool.equals(WEB) ? id : "M" + id.substring(1);
            ToolResult link = tools.call(tool, "{\"outTradeNo\":" + quote(no) + ",\"totalAmount\":100000000,"
                    + "\"orderTitle\":" + quote(TITLE256.substring(0, 254) + "😀") + "}");
            assertThat(link.isError()).as(link.text()).isFalse();
            assertThat(SimulatedTools.open(link.structuredContent().string("url").orElseThrow()).statusCode()).isEqualTo(200);
        }
        ToolResult small = tools.call(WEB, "{\"outTradeNo\":" + quote(orderNo("S")) + ",\"totalAmount\":0.01,"
                + "\"orderTitle\":\"x\"}");
        assertThat(small.isError()).as(small.text()).isFalse();
        SimulatedTools.pressPay(SimulatedTools.open(link(WEB, id)));
        String refund = "{\"outTradeNo\":" + quote(id) + ",\"refundAmount\":0.01,\"outRequestNo\":" + quote(ID64);
        assertThat(tools.call(REFUND, refund + "}").text()).startsWith("退款结果: 退款成功, ");
        assertThat(tools.call(REFUND, refund + ",\"refundReason\":\"\"}").text())
                .as("an empty refundReason is as if absent").startsWith("退款结果: 重复请求退款幂等成功, ");
        assertThat(tools.call(REFUND, refund + ",\"refundReason\":" + quote("因".repeat(256)) + "}").text())
                .startsWith("退款结果: 重复请求退款幂等成功, ");
        assertThat(tools.call(REFUND_QUERY, "{\"outRequestNo\":" + quote(ID64) + ",\"outTradeNo\":" + quote(id) + "}")
                .text()).startsWith("查询到退款成功, ");
    }

    private static String link(String tool, String no) throws Exception {
        return tools.call(tool, "{\"outTradeNo\":" + quote(no) + ",\"totalAmount\":100000000,\"orderTitle\":"
                + quote(TITLE256.substring(0, 254) + "😀") + "}").structuredContent().string("url").orElseThrow();
    }

    private static String amount(String value) {
        return "{\"outTradeNo\":\"A1\",\"totalAmount\":" + value;
    }

    private static void add(List<org.junit.jupiter.params.provider.Arguments> out, String tool, String arguments,
            String message) {
        out.add(org.junit.jupiter.params.provider.Arguments.of(tool, arguments, message));
    }
}
