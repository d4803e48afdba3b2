package alipaymcp.chaos;

import alipaymcp.config.ConfigLoader;
import alipaymcp.json.JsonObject;
import alipaymcp.json.JsonParser;
import alipaymcp.log.EventLog;
import alipaymcp.simulator.GatewaySimulator;
import alipaymcp.tools.Tool;
import alipaymcp.tools.ToolRegistry;
import alipaymcp.tools.ToolResult;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The five tools wired as Main wires them (environment, ConfigLoader, ToolRegistry.select), with the app's
 * keys from an in-process simulator and the gateway URL of the caller's choice (a relay, a closed port).
 */
final class ChaosTools {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final HttpClient BROWSER = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .proxy(HttpClient.Builder.NO_PROXY).followRedirects(HttpClient.Redirect.NEVER).build();

    private final Map<String, Tool> tools = new LinkedHashMap<>();

    ChaosTools(GatewaySimulator sim, URI gateway, int timeoutMs) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("AP_APP_ID", sim.appId());
        env.put("AP_APP_KEY", sim.appPrivateKeyBase64());
        env.put("AP_PUB_KEY", sim.platformPublicKeyBase64());
        env.put("AP_GATEWAY_URL", gateway.toString());
        env.put("AP_LOG_ENABLED", "false");
        env.put("AP_TIMEOUT_MS", String.valueOf(timeoutMs));
        for (Tool tool : ToolRegistry.select(ConfigLoader.load(env), EventLog.disabled(), "0.0.0-chaos").get()) {
            tools.put(tool.name(), tool);
        }
    }

    ToolResult call(String tool, String argumentsJson) throws Exception {
        return tools.get(tool).call((JsonObject) JsonParser.parse(argumentsJson), () -> false);
    }

    static String orderNo(String prefix) {
        return prefix + "_" + System.nanoTime() + "_" + SEQUENCE.incrementAndGet();
    }

    /** A trade opened through its payment link and paid at its cashier, through whatever gateway the tools use. */
    String paidOrder(String amount) throws Exception {
        String no = orderNo("CHAOS");
        ToolResult link = call("create-web-page-alipay-payment", "{\"outTradeNo\":\"" + no + "\",\"totalAmount\":"
                + amount + ",\"orderTitle\":\"chaos\"}");
        payAtCashier(link.structuredContent().string("url").orElseThrow());
        return no;
    }

    /** Opens a payment link and presses Pay on the cashier page (its own form POST), as a browser would. */
    static void payAtCashier(String url) throws Exception {
        URI link = URI.create(url);
        HttpResponse<String> page = BROWSER.send(HttpRequest.newBuilder(link).timeout(Duration.ofSeconds(10)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        String html = page.body();
        int button = html.indexOf("id=\"pay\"");
        if (page.statusCode() != 200 || button < 0) {
            throw new IllegalStateException("no cashier page: HTTP " + page.statusCode() + " " + html);
        }
        String form = html.substring(html.lastIndexOf("<form", button), button);
        StringBuilder body = new StringBuilder();
        for (int at = form.indexOf("<input"); at >= 0; at = form.indexOf("<input", at + 1)) {
            String input = form.substring(at, form.indexOf('>', at));
            body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(attribute(input, "name"),
                    StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(attribute(input, "value"),
                    StandardCharsets.UTF_8));
        }
        HttpResponse<String> paid = BROWSER.send(HttpRequest.newBuilder(link.resolve(attribute(form, "action")))
                .timeout(Duration.ofSeconds(10)).header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (paid.statusCode() != 200 && paid.statusCode() != 303) {
            throw new IllegalStateException("Pay failed: HTTP " + paid.statusCode() + " " + paid.body());
        }
    }

    private static String attribute(String tag, String name) {
        int start = tag.indexOf(name + "=\"") + name.length() + 2;
        return tag.substring(start, tag.indexOf('"', start)).replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }
}
