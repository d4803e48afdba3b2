package alipaymcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.config.Config;
import alipaymcp.config.Config.ConfirmRefunds;
import alipaymcp.config.ConfigLoader;
import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonBoolean;
import alipaymcp.json.JsonValue.JsonNumber;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue.JsonString;
import alipaymcp.json.JsonValue;
import alipaymcp.log.EventLog;
import alipaymcp.simulator.GatewaySimulator;
import alipaymcp.tools.Tool.CallContext;
import alipaymcp.tools.Tool.ToolResult;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The five tools wired exactly as Main does it (environment -> ConfigLoader -> ToolRegistry.select, our own
 * tags, the system clock) against an in-process GatewaySimulator, plus a browser's two steps: opening a
 * payment link (the cashier page) and pressing its Pay button (the page's own form POST). The chaos tests use it
 * too, with AP_GATEWAY_URL pointing at a faulty relay or a closed port.
 */
public final class SimulatedTools {
    static final String VERSION = "0.0.0-test";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** AP_MAX_REFUND_AMOUNT unset and AP_CONFIRM_REFUNDS=auto, for the tools on an injected client. */
    static final RefundTool.Policy DEFAULT_REFUNDS = new RefundTool.Policy(null, ConfirmRefunds.AUTO, "(not configured)",
            "the configured gateway");

    final GatewaySimulator sim;
    private final Map<String, Tool> tools = new LinkedHashMap<>();
    private static final HttpClient BROWSER = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).proxy(HttpClient.Builder.NO_PROXY).build();

    /** {@code extraEnv}: AP_TIMEOUT_MS, AP_MAX_REFUND_AMOUNT, ... on top of the simulator's own settings. */
    public SimulatedTools(GatewaySimulator sim, Map<String, String> extraEnv) throws Exception {
        this.sim = sim;
        Map<String, String> env = new HashMap<>();
        env.putAll(sim.serverEnvironment());
        env.put("AP_LOG_ENABLED", "false");
        env.put("AP_TIMEOUT_MS", "5000");
        env.putAll(extraEnv);
        Config config = ConfigLoader.load(env, ToolRegistry.NAMES);
        for (Tool tool : ToolRegistry.select(config, EventLog.disabled(), VERSION)) {
            tools.put(tool.name(), tool);
        }
    }

    /** The tools in upstream's order (as McpServer takes them). */
    List<Tool> list() {
        return List.copyOf(tools.values());
    }

    /** A fresh order number for this JVM run: tests sharing one simulator never collide. */
    public static String orderNo(String prefix) {
        return prefix + "_" + System.nanoTime() + "_" + SEQUENCE.incrementAndGet();
    }

    /** Calls a tool with arguments given as JSON text (parsed by our parser, so numbers keep their lexeme). */
    public ToolResult call(String tool, String argumentsJson) throws Exception {
        return call(tool, argumentsJson, () -> false);
    }

    /** The same, in {@code context}: a client that may cancel or be asked to confirm. */
    public ToolResult call(String tool, String argumentsJson, CallContext context) throws Exception {
        Tool t = tools.get(tool);
        assertThat(t).as("tool " + tool).isNotNull();
        ToolResult result = t.call((JsonObject) JsonParser.parse(argumentsJson), context);
        if (!result.isError()) {
            conforms(t.outputSchema().orElseThrow(), result.structuredContent(), tool);
        }
        return result;
    }

    /**
     * Structured content against the tool's output schema, as a validating client checks it: an object,
     * required members present, no others, each of its declared type; a "uri" is an absolute URI.
     */
    static void conforms(JsonObject schema, JsonObject content, String tool) {
        assertThat(content).as(tool + ": a success carries structured content").isNotNull();
        JsonObject properties = schema.object("properties").orElseThrow();
        for (JsonValue name : ((JsonArray) schema.get("required")).elements()) {
            assertThat(content.members()).as(tool + " structured content").containsKey(((JsonString) name).value());
        }
        for (Map.Entry<String, JsonValue> member : content.members().entrySet()) {
            JsonObject property = properties.object(member.getKey()).orElse(null);
            assertThat(property).as(tool + ": " + member.getKey() + " is not in the output schema").isNotNull();
            JsonValue value = member.getValue();
            switch (property.string("type").orElseThrow()) {
                case "string" -> assertThat(value).as(tool + "." + member.getKey()).isInstanceOf(JsonString.class);
                case "number" -> assertThat(value).as(tool + "." + member.getKey()).isInstanceOf(JsonNumber.class);
                case "boolean" -> assertThat(value).as(tool + "." + member.getKey()).isInstanceOf(JsonBoolean.class);
                default -> throw new AssertionError("a schema type this check does not know: " + property);
            }
            if (property.string("format").filter("uri"::equals).isPresent()) {
                assertThat(URI.create(((JsonString) value).value()).isAbsolute()).isTrue();
            }
        }
    }

    /** A web-page payment link whose trade the simulator holds (the link was opened), not yet paid. */
    String openedOrder(String outTradeNo, String amount) throws Exception {
        cashier(outTradeNo, amount);
        return outTradeNo;
    }

    /** An order opened and paid through the cashier page. */
    public String paidOrder(String prefix, String amount) throws Exception {
        String outTradeNo = orderNo(prefix);
        HttpResponse<String> paid = pressPay(cashier(outTradeNo, amount));
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        return outTradeNo;
    }

    /** Opens a payment link and presses Pay, as a buyer would; through whatever gateway the link names. */
    public static void payAtCashier(String url) throws Exception {
        HttpResponse<String> page = open(url);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        HttpResponse<String> paid = pressPay(page);
        assertThat(paid.statusCode()).as(paid.body()).isIn(200, 303); // 303: on to the return URL
    }

    /** The cashier page of a new web-page payment link. */
    private HttpResponse<String> cashier(String outTradeNo, String amount) throws Exception {
        ToolResult link = call("create-web-page-alipay-payment", "{\"outTradeNo\":" + quote(outTradeNo)
                + ",\"totalAmount\":" + amount + ",\"orderTitle\":\"test order\"}");
        assertThat(link.isError()).as(link.text()).isFalse();
        HttpResponse<String> page = open(link.structuredContent().string("url").orElseThrow());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return page;
    }

    /** GET of a payment link, as a browser opens it. */
    static HttpResponse<String> open(String url) throws Exception {
        HttpRequest get = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
        return BROWSER.send(get, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Submits a cashier page's Pay form: its action (relative to the page) and its hidden fields. */
    static HttpResponse<String> pressPay(HttpResponse<String> page) throws Exception {
        String cashierHtml = page.body();
        int button = cashierHtml.indexOf("id=\"pay\"");
        assertThat(button).as("the cashier page has a Pay button:\n" + cashierHtml).isPositive();
        int form = cashierHtml.lastIndexOf("<form", button);
        String formHtml = cashierHtml.substring(form, button);
        String action = attribute(formHtml, "action");
        StringBuilder body = new StringBuilder();
        for (int at = formHtml.indexOf("<input"); at >= 0; at = formHtml.indexOf("<input", at + 1)) {
            String input = formHtml.substring(at, formHtml.indexOf('>', at));
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(attribute(input, "name"), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(attribute(input, "value"), StandardCharsets.UTF_8));
        }
        HttpRequest post = HttpRequest.newBuilder(page.uri().resolve(action)).timeout(Duration.ofSeconds(10))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return BROWSER.send(post, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** An attribute's value, HTML entities of the cashier's escaping undone. */
    static String attribute(String tag, String name) {
        int start = tag.indexOf(name + "=\"");
        assertThat(start).as(name + " in " + tag).isNotNegative();
        start += name.length() + 2;
        String raw = tag.substring(start, tag.indexOf('"', start));
        return raw.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    /** A JSON string literal (the ids and titles in these tests need only quote and backslash escaping). */
    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
