package alipaymcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonBoolean;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue.JsonString;
import alipaymcp.json.JsonValue;
import alipaymcp.mcp.McpServer;
import alipaymcp.simulator.GatewaySimulator;
import alipaymcp.simulator.SimulatorOptions;
import alipaymcp.tools.ToolRegistry.ToolName;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every invalid tool-argument class (issue 7) through the real McpServer and the five real tools, wired to
 * an in-process GatewaySimulator: missing, wrong type, string amount, too many decimals, out of range, empty
 * id, over-long id, whitespace, control characters, lone surrogates, unknown argument. Each call must get
 * exactly one reply, a result with {@code isError:true} and the exact message (never a JSON-RPC error, never
 * a gateway answer: an argument error is found before anything is sent).
 */
class HostileArgumentsTest {
    /** TOOL (short name) TAB ARGUMENTS TAB EXPECTED TEXT; {{N*c}} stands for c repeated N times. */
    private static final String CASES = """
            webPagePay\t{"totalAmount":1,"orderTitle":"t"}\toutTradeNo: is required
            webPagePay\t{"outTradeNo":"T1","orderTitle":"t"}\ttotalAmount: is required
            webPagePay\t{"outTradeNo":"T1","totalAmount":1}\torderTitle: is required
            webPagePay\t{}\toutTradeNo: is required
            webPagePay\t{"outTradeNo":"T1","totalAmount":1,"orderTitle":"t","foo":1}\tfoo: unknown argument; the arguments are outTradeNo, totalAmount, orderTitle
            webPagePay\t{"outTradeNo":"T1","totalAmount":"19.99","orderTitle":"t"}\ttotalAmount: must be a JSON number such as 19.99, got a string
            webPagePay\t{"outTradeNo":"T1","totalAmount":1.001,"orderTitle":"t"}\ttotalAmount: at most 2 decimal places, got 1.001
            webPagePay\t{"outTradeNo":"T1","totalAmount":0,"orderTitle":"t"}\ttotalAmount: must be at least 0.01, got 0
            webPagePay\t{"outTradeNo":"T1","totalAmount":100000000.01,"orderTitle":"t"}\ttotalAmount: must be at most 100000000, got 100000000.01
            webPagePay\t{"outTradeNo":"T1","totalAmount":1,"orderTitle":""}\torderTitle: must not be empty
            webPagePay\t{"outTradeNo":"T1","totalAmount":1,"orderTitle":"a\\nb"}\torderTitle: must not contain control characters or line breaks (found one at position 2)
            mobilePay\t{"totalAmount":1,"orderTitle":"t"}\toutTradeNo: is required
            mobilePay\t{"outTradeNo":"T1","orderTitle":"t"}\ttotalAmount: is required
            mobilePay\t{"outTradeNo":"T1","totalAmount":1}\torderTitle: is required
            mobilePay\t{}\toutTradeNo: is required
            mobilePay\t{"outTradeNo":"T1","totalAmount":1,"orderTitle":"t","foo":1}\tfoo: unknown argument; the arguments are outTradeNo, totalAmount, orderTitle
            mobilePay\t{"outTradeNo":"T1","totalAmount":"19.99","orderTitle":"t"}\ttotalAmount: must be a JSON number such as 19.99, got a string
            mobilePay\t{"outTradeNo":"T1","totalAmount":1.001,"orderTitle":"t"}\ttotalAmount: at most 2 decimal places, got 1.001
            mobilePay\t{"outTradeNo":"T1","totalAmount":0,"orderTitle":"t"}\ttotalAmount: must be at least 0.01, got 0
            mobilePay\t{"outTradeNo":"T1","totalAmount":100000000.01,"orderTitle":"t"}\ttotalAmount: must be at most 100000000, got 100000000.01
            mobilePay\t{"outTradeNo":"T1","totalAmount":1,"orderTitle":""}\torderTitle: must not be empty
            mobilePay\t{"outTradeNo":"T1","totalAmount":1,"orderTitle":"a\\nb"}\torderTitle: must not contain control characters or line breaks (found one at position 2)
            webPagePay\t{"outTradeNo":123,"totalAmount":1,"orderTitle":"t"}\toutTradeNo: must be a string, got a number
            webPagePay\t{"outTradeNo":null,"totalAmount":1,"orderTitle":"t"}\toutTradeNo: must be a string, got null
            webPagePay\t{"outTradeNo":true,"totalAmount":1,"orderTitle":"t"}\toutTradeNo: must be a string, got a boolean
            webPagePay\t{"outTradeNo":["T1"],"totalAmount":1,"orderTitle":"t"}\toutTradeNo: must be a string, got an array
            webPagePay\t{"outTradeNo":{"no":"T1"},"totalAmount":1,"orderTitle":"t"}\toutTradeNo: must be a string, got an object
            webPagePay\t{"outTradeNo":"a b","totalAmount":1,"orderTitle":"t"}\toutTradeNo: must be visible ASCII characters only (0x21-0x7E: letters, digits, _ - and other printable signs; no spaces, no control or invisible characters), found U+0020 at position 2
            webPagePay\t{"outTradeNo":" T1","totalAmount":1,"orderTitle":"t"}\toutTradeNo: must be visible ASCII characters only (0x21-0x7E: letters, digits, _ - and other printable signs; no spaces, no control or invisible characters), found U+0020 at position 1
            webPagePay\t{"outTradeNo":"T1 ","totalAmount":1,"orderTitle":"t"}\toutTradeNo: must be visible ASCII characters only (0x21-0x7E: letters, digits, _ - and other printable signs; no spaces, no control or invisible characters), found U+0020 at position 3
            webPagePay\t{"outTradeNo":"a\\tb","totalAmount":1,"orderTitle":"t"}\toutTradeNo: must be visible ASCII characters only (0x21-0x7E: letters, digits, _ - and other printable signs; no spaces, no control or invisible characters), found U+0009 at position 2
            webPagePay\t{"outTradeNo":"a\\nb","totalAmount":1,"orderTitle":"t"}\toutTradeNo: must be visible ASCII characters only (0x21-0x7E: letters, digits, _ - and other printable signs; no spaces, no control or invisible characters), found U+000A at position 2
            webPagePay\t{"outTradeNo":"a\\u0000b","totalAmount":1,"orderTitle":"t"}\toutTradeNo: must be visible ASCII characters only (0x21-0x7E: letters, digits, _ - and other printable signs; no spaces, no control or invisible characters), found U+0000 at position 2
            webPagePay\t{"outTradeNo":"a\\u007fb","totalAmount":1,"orderTitle":"t"}\toutTradeNo: must be visible ASCII characters only (0x21-0x7E: letters, digits, _ - and other printable signs; no spaces, no control or invisible characters), found U+007F at position 2
            webPagePay\t{"outTradeNo":"a\\u00a0b","totalAmount":1,"orderTitle":"t"}\toutTradeNo: must be visible ASCII characters only (0x21-0x7E: letters, digits, _ - and other printable signs; no spaces, no control or invisible characters), found U+00A0 at position 2
            webPagePay\t{"outTradeNo":"a\\u3000b","totalAmount":1,"orderTitle":"t"}\toutTradeNo: must be visible ASCII characters only (0x21-0x7E: letters, digits, _ - and other printable signs; no spaces, no control or invisible characters), found U+3000 at position 2
            webPagePay\t{"outTradeNo":"a\\u2028b","totalAmount":1,"orderTitle":"t"}\toutTradeNo: must be visible ASCII characters only (0x21-0x7E: letters, digits, _ - and other printable signs; no spaces, no control or invisible characters), found U+2028 at position 2
            webPagePay\t{"outTradeNo":"a\\u001bb","totalAmount":1,"orderTitle":"t"}\toutTradeNo: must be visible ASCII characters only (0x21-0x7E: letters, digits, _ - and other printable signs; no spaces, no control or invisible characters), found U+001B at position 2
            webPagePay\t{"outTradeNo":"\\u200a","totalAmount":1,"orderTitle":"t"}\toutTradeNo: must be visible ASCII characters only (0x21-0x7E: letters, digits, _ - and other printable signs; no spaces, no control or invisible characters), found U+200A at position 1
            webPagePay\t{"outTradeNo":"T\\u200b1","totalAmount":1,"orderTitle":"t"}\toutTradeNo: must be visible ASCII characters only (0x21-0x7E: letters, digits, _ - and other printable signs; no spaces, no control or invisible characters), found U+200B at position 2
            refundPay\t{"outTradeNo":"T1","refundAmount":1,"outRequestNo":"\\ufeffR1"}\toutRequestNo: must be visible ASCII characters only (0x21-0x7E: letters, digits, _ - and other printable signs; no spaces, no control or invisible characters), found U+FEFF at position 1
            queryPay\t{"outTradeNo":"T\u00e91"}\toutTradeNo: must be visible ASCII characters only (0x21-0x7E: letters, digits, _ - and other printable signs; no spaces, no control or invisible characters), found U+00E9 at position 2
            webPagePay\t{"outTradeNo":"","totalAmount":1,"orderTitle":"t"}\toutTradeNo: must be 1 to 64 characters, got 0
            webPagePay\t{"outTradeNo":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","totalAmount":1,"orderTitle":"t"}\toutTradeNo: must be 1 to 64 characters, got 65
            webPagePay\t{"outTradeNo":"{{100000*x}}","totalAmount":1,"orderTitle":"t"}\toutTradeNo: must be 1 to 64 characters, got 100000
            webPagePay\t{"outTradeNo":"a\\ud800","totalAmount":1,"orderTitle":"t"}\toutTradeNo: must be visible ASCII characters only (0x21-0x7E: letters, digits, _ - and other printable signs; no spaces, no control or invisible characters), found U+D800 at position 2
            webPagePay\t{"outTradeNo":"\\udc00\\ud800","totalAmount":1,"orderTitle":"t"}\toutTradeNo: must be visible ASCII characters only (0x21-0x7E: letters, digits, _ - and other printable signs; no spaces, no control or invisible characters), found U+DC00 at position 1
            webPagePay\t{"outTradeNo":"T1","totalAmount":-1,"orderTitle":"t"}\ttotalAmount: must be at least 0.01, got -1
            webPagePay\t{"outTradeNo":"T1","totalAmount":-0,"orderTitle":"t"}\ttotalAmount: must be at least 0.01, got -0
            webPagePay\t{"outTradeNo":"T1","totalAmount":0.001,"orderTitle":"t"}\ttotalAmount: must be at least 0.01, got 0.001
            webPagePay\t{"outTradeNo":"T1","totalAmount":1e-3,"orderTitle":"t"}\ttotalAmount: must be at least 0.01, got 1e-3
            webPagePay\t{"outTradeNo":"T1","totalAmount":1e9,"orderTitle":"t"}\ttotalAmount: must be at most 100000000, got 1e9
            webPagePay\t{"outTradeNo":"T1","totalAmount":1E+9,"orderTitle":"t"}\ttotalAmount: must be at most 100000000, got 1E+9
            webPagePay\t{"outTradeNo":"T1","totalAmount":19.999,"orderTitle":"t"}\ttotalAmount: at most 2 decimal places, got 19.999
            webPagePay\t{"outTradeNo":"T1","totalAmount":{{400*9}},"orderTitle":"t"}\ttotalAmount: must be an amount in yuan with at most 2 decimal places, got a 400-character number
            webPagePay\t{"outTradeNo":"T1","totalAmount":0.{{398*0}}1,"orderTitle":"t"}\ttotalAmount: must be an amount in yuan with at most 2 decimal places, got a 401-character number
            webPagePay\t{"outTradeNo":"T1","totalAmount":1e9999999999,"orderTitle":"t"}\ttotalAmount: must be an amount in yuan such as 19.99, got 1e9999999999
            webPagePay\t{"outTradeNo":"T1","totalAmount":1e-9999999999,"orderTitle":"t"}\ttotalAmount: must be an amount in yuan such as 19.99, got 1e-9999999999
            webPagePay\t{"outTradeNo":"T1","totalAmount":100000001,"orderTitle":"t"}\ttotalAmount: must be at most 100000000, got 100000001
            webPagePay\t{"outTradeNo":"T1","totalAmount":0.009,"orderTitle":"t"}\ttotalAmount: must be at least 0.01, got 0.009
            webPagePay\t{"outTradeNo":"T1","totalAmount":"1","orderTitle":"t"}\ttotalAmount: must be a JSON number such as 19.99, got a string
            webPagePay\t{"outTradeNo":"T1","totalAmount":null,"orderTitle":"t"}\ttotalAmount: must be a JSON number such as 19.99, got null
            webPagePay\t{"outTradeNo":"T1","totalAmount":true,"orderTitle":"t"}\ttotalAmount: must be a JSON number such as 19.99, got a boolean
            webPagePay\t{"outTradeNo":"T1","totalAmount":[1],"orderTitle":"t"}\ttotalAmount: must be a JSON number such as 19.99, got an array
            webPagePay\t{"outTradeNo":"T1","totalAmount":{"value":1},"orderTitle":"t"}\ttotalAmount: must be a JSON number such as 19.99, got an object
            webPagePay\t{"outTradeNo":"T1","totalAmount":"NaN","orderTitle":"t"}\ttotalAmount: must be a JSON number such as 19.99, got a string
            webPagePay\t{"outTradeNo":"T1","totalAmount":1,"orderTitle":"\\u0000"}\torderTitle: must not contain control characters or line breaks (found one at position 1)
            webPagePay\t{"outTradeNo":"T1","totalAmount":1,"orderTitle":"a\\u001b[31m"}\torderTitle: must not contain control characters or line breaks (found one at position 2)
            webPagePay\t{"outTradeNo":"T1","totalAmount":1,"orderTitle":"a\\u2028"}\torderTitle: must not contain control characters or line breaks (found one at position 2)
            webPagePay\t{"outTradeNo":"T1","totalAmount":1,"orderTitle":"a\\u2029"}\torderTitle: must not contain control characters or line breaks (found one at position 2)
            webPagePay\t{"outTradeNo":"T1","totalAmount":1,"orderTitle":"a\\u0085"}\torderTitle: must not contain control characters or line breaks (found one at position 2)
            webPagePay\t{"outTradeNo":"T1","totalAmount":1,"orderTitle":"\\r"}\torderTitle: must not contain control characters or line breaks (found one at position 1)
            webPagePay\t{"outTradeNo":"T1","totalAmount":1,"orderTitle":"x\\u007f"}\torderTitle: must not contain control characters or line breaks (found one at position 2)
            webPagePay\t{"outTradeNo":"T1","totalAmount":1,"orderTitle":"{{257*题}}"}\torderTitle: must be at most 256 characters, got 257
            webPagePay\t{"outTradeNo":"T1","totalAmount":1,"orderTitle":"{{1000000*t}}"}\torderTitle: must be at most 256 characters, got 1000000
            webPagePay\t{"outTradeNo":"T1","totalAmount":1,"orderTitle":"ok\\ud83d"}\torderTitle: contains an unpaired surrogate (invalid Unicode) at position 3
            webPagePay\t{"outTradeNo":"T1","totalAmount":1,"orderTitle":5}\torderTitle: must be a string, got a number
            webPagePay\t{"outtradeno":"T1","totalAmount":1,"orderTitle":"t"}\touttradeno: unknown argument; the arguments are outTradeNo, totalAmount, orderTitle
            webPagePay\t{"OutTradeNo":"T1"}\tOutTradeNo: unknown argument; the arguments are outTradeNo, totalAmount, orderTitle
            webPagePay\t{"a\\u0000b\\u001b":1}\ta?b?: unknown argument; the arguments are outTradeNo, totalAmount, orderTitle
            webPagePay\t{"{{1000*n}}":1}\tnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn...: unknown argument; the arguments are outTradeNo, totalAmount, orderTitle
            webPagePay\t{"":1}\t: unknown argument; the arguments are outTradeNo, totalAmount, orderTitle
            webPagePay\t{"\\ud800":1}\t?: unknown argument; the arguments are outTradeNo, totalAmount, orderTitle
            webPagePay\t{"__proto__":{"x":1},"outTradeNo":"T1","totalAmount":1,"orderTitle":"t"}\t__proto__: unknown argument; the arguments are outTradeNo, totalAmount, orderTitle
            queryPay\t{}\toutTradeNo: is required
            queryPay\t{"outTradeNo":7}\toutTradeNo: must be a string, got a number
            queryPay\t{"outTradeNo":""}\toutTradeNo: must be 1 to 64 characters, got 0
            queryPay\t{"outTradeNo":"T 1"}\toutTradeNo: must be visible ASCII characters only (0x21-0x7E: letters, digits, _ - and other printable signs; no spaces, no control or invisible characters), found U+0020 at position 2
            queryPay\t{"outTradeNo":"T1","totalAmount":1}\ttotalAmount: unknown argument; the arguments are outTradeNo
            refundPay\t{"outTradeNo":"T1","outRequestNo":"R1"}\trefundAmount: is required
            refundPay\t{"outTradeNo":"T1","refundAmount":1}\toutRequestNo: is required
            refundPay\t{"outTradeNo":"T1","refundAmount":"1","outRequestNo":"R1"}\trefundAmount: must be a JSON number such as 19.99, got a string
            refundPay\t{"outTradeNo":"T1","refundAmount":10.005,"outRequestNo":"R1"}\trefundAmount: at most 2 decimal places, got 10.005
            refundPay\t{"outTradeNo":"T1","refundAmount":-5,"outRequestNo":"R1"}\trefundAmount: must be at least 0.01, got -5
            refundPay\t{"outTradeNo":"T1","refundAmount":1000.01,"outRequestNo":"R1"}\trefundAmount: must be at most 1000 (AP_MAX_REFUND_AMOUNT), got 1000.01; nothing was sent to Alipay
            refundPay\t{"outTradeNo":"T1","refundAmount":1,"outRequestNo":""}\toutRequestNo: must be 1 to 64 characters, got 0
            refundPay\t{"outTradeNo":"T1","refundAmount":1,"outRequestNo":"rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr"}\toutRequestNo: must be 1 to 64 characters, got 65
            refundPay\t{"outTradeNo":"T1","refundAmount":1,"outRequestNo":"R\\t1"}\toutRequestNo: must be visible ASCII characters only (0x21-0x7E: letters, digits, _ - and other printable signs; no spaces, no control or invisible characters), found U+0009 at position 2
            refundPay\t{"outTradeNo":"T1","refundAmount":1,"outRequestNo":"R\\udfff"}\toutRequestNo: must be visible ASCII characters only (0x21-0x7E: letters, digits, _ - and other printable signs; no spaces, no control or invisible characters), found U+DFFF at position 2
            refundPay\t{"outTradeNo":"T1","refundAmount":1,"outRequestNo":"R1","refundReason":5}\trefundReason: must be a string, got a number
            refundPay\t{"outTradeNo":"T1","refundAmount":1,"outRequestNo":"R1","refundReason":null}\trefundReason: must be a string, got null
            refundPay\t{"outTradeNo":"T1","refundAmount":1,"outRequestNo":"R1","refundReason":"{{257*y}}"}\trefundReason: must be at most 256 characters, got 257
            refundPay\t{"outTradeNo":"T1","refundAmount":1,"outRequestNo":"R1","refundReason":"a\\nb"}\trefundReason: must not contain control characters or line breaks (found one at position 2)
            refundPay\t{"outTradeNo":"T1","refundAmount":1,"outRequestNo":"R1","reason":"x"}\treason: unknown argument; the arguments are outTradeNo, refundAmount, outRequestNo, refundReason
            refundPay\t{"outTradeNo":"T1","refundAmount":1,"outRequestNo":"R1","refundAmount ":1}\trefundAmount : unknown argument; the arguments are outTradeNo, refundAmount, outRequestNo, refundReason
            refundQuery\t{"outTradeNo":"T1"}\toutRequestNo: is required
            refundQuery\t{"outRequestNo":"R1"}\toutTradeNo: is required
            refundQuery\t{"outRequestNo":["R1"],"outTradeNo":"T1"}\toutRequestNo: must be a string, got an array
            refundQuery\t{"outRequestNo":"R1","outTradeNo":"T\\u00001"}\toutTradeNo: must be visible ASCII characters only (0x21-0x7E: letters, digits, _ - and other printable signs; no spaces, no control or invisible characters), found U+0000 at position 2
            refundQuery\t{"outRequestNo":"R1","outTradeNo":"T1","refundAmount":1}\trefundAmount: unknown argument; the arguments are outRequestNo, outTradeNo
            """;
    private static final Pattern REPEAT = Pattern.compile("\\{\\{(\\d+)\\*(.)\\}\\}");

    static GatewaySimulator sim;
    static List<Tool> tools;

    @BeforeAll
    static void start() throws Exception {
        sim = GatewaySimulator.start(SimulatorOptions.defaults());
        tools = new SimulatedTools(sim, Map.of("AP_MAX_REFUND_AMOUNT", "1000")).list();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void everyInvalidArgumentClass_isAnIsErrorResultWithItsExactMessage() throws Exception {
        List<String[]> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(100);
        StringBuilder in = new StringBuilder(line("init", "initialize", "{\"protocolVersion\":\"2025-11-25\"}"));
        for (int i = 0; i < cases.size(); i++) {
            String params = "{\"name\":\"" + ToolName.find(cases.get(i)[0]).longName + "\",\"arguments\":"
                    + cases.get(i)[1] + "}";
            in.append(line("c" + i, "tools/call", params));
        }
        in.append(line("alive", "ping", "{}"));
        Map<String, List<JsonObject>> replies = serve(in.toString());
        assertThat(replies.get("\"alive\"")).as("the ping after all calls").hasSize(1);
        for (int i = 0; i < cases.size(); i++) {
            String[] c = cases.get(i);
            String where = "case " + i + " " + c[0] + " " + abbreviate(c[1]);
            List<JsonObject> got = replies.getOrDefault("\"c" + i + "\"", List.of());
            assertThat(got).as(where + ": exactly one reply").hasSize(1);
            JsonObject result = got.get(0).object("result").orElseThrow(() -> new AssertionError(where + ": not a result: "
                    + abbreviate(got.get(0).toJson())));
            assertThat(result.get("isError")).as(where).isEqualTo(JsonBoolean.TRUE);
            assertThat(result.has("structuredContent")).as(where + ": no structured content").isFalse();
            JsonValue content = result.get("content");
            assertThat(content).as(where).isInstanceOf(JsonArray.class);
            assertThat(((JsonArray) content).elements().size()).as(where).isEqualTo(1);
            JsonObject text = (JsonObject) ((JsonArray) content).elements().get(0);
            assertThat(text.get("text")).as(where).isEqualTo(new JsonString(c[2]));
        }
        assertThat(replies.values().stream().mapToInt(List::size).sum()).as("no other reply").isEqualTo(cases.size() + 2);
    }

    /** Runs one session to end of input; the replies by id (JSON text). Every output line must be JSON-RPC. */
    private static Map<String, List<JsonObject>> serve(String input) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new McpServer("0.0.0-test", tools, null)
                .run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out);
        assertThat(status).isZero();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        Map<String, List<JsonObject>> byId = new HashMap<>();
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            JsonObject reply = (JsonObject) JsonParser.parse(line);
            assertThat(reply.string("jsonrpc")).contains("2.0");
            byId.computeIfAbsent(reply.get("id").toJson(), k -> new ArrayList<>()).add(reply);
        }
        return byId;
    }

    private static String line(String id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + new JsonString(id).toJson() + ",\"method\":\"" + method
                + "\",\"params\":" + params + "}\n";
    }

    static List<String[]> cases() {
        List<String[]> cases = new ArrayList<>();
        for (String row : CASES.split("\n")) {
            if (!row.isBlank()) {
                String[] fields = expand(row).split("\t", -1);
                assertThat(fields).as(row).hasSize(3);
                assertThat(ToolName.find(fields[0])).as(row).isNotNull();
                cases.add(fields);
            }
        }
        return cases;
    }

    private static String expand(String row) {
        Matcher m = REPEAT.matcher(row);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(2).repeat(Integer.parseInt(m.group(1)))));
        }
        return m.appendTail(out).toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "...";
    }
}
