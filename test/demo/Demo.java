import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * make demo: a scripted MCP session over stdio against {@code java -jar <jar> --simulator}. It creates a
 * web-page payment, opens the link and presses Pay on the simulator's cashier page over HTTP, queries the
 * payment, refunds part of it, asks for a second refund, queries the refund, and prints a readable transcript.
 * The demo client declares MCP elicitation, so the server asks "the person" before each refund
 * (AP_CONFIRM_REFUNDS=auto): the demo answers yes to the first and no to the second, which is then not sent.
 * Every step's result is checked; any failure ends the demo with a message and exit status 1. Every wait is
 * bounded. Needs only a JDK: run it with the source launcher, {@code java test/demo/Demo.java <jar>}.
 */
public final class Demo {
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);
    static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);
    static final PrintStream OUT = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);

    /** A step did not give what it should: the message says which step and what came instead. */
    static final class DemoFailure extends Exception {
        private static final long serialVersionUID = 1L;

        DemoFailure(String message) {
            super(message);
        }
    }

    private final Process server;
    private final Writer toServer;
    private final BlockingQueue<String> fromServer = new LinkedBlockingQueue<>();
    private final HttpClient browser = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).proxy(HttpClient.Builder.NO_PROXY).build();
    private int nextId = 1;
    private int step = 0;
    /** The person's answers to the server's questions (elicitation/create), in order: true is yes. */
    private final List<Boolean> answers = new ArrayList<>();

    private Demo(Process server) {
        this.server = server;
        this.toServer = new OutputStreamWriter(server.getOutputStream(), StandardCharsets.UTF_8);
        pump(server.getInputStream(), fromServer::add, "demo-stdout");
        pump(server.getErrorStream(), line -> OUT.println("   [server stderr] " + line), "demo-stderr");
    }

    public static void main(String[] args) {
        String jar = args.length > 0 ? args[0] : "build/mcp-server-alipay.jar";
        if (!Files.isRegularFile(Path.of(jar))) {
            System.err.println("make demo: no jar at " + jar + "; build it first with ./build.sh (make demo does).");
            System.exit(2);
        }
        Process server;
        try {
            ProcessBuilder builder = new ProcessBuilder(javaCommand(), "-jar", jar, "--simulator");
            builder.environment().put("AP_LOG_ENABLED", "false");
            server = builder.start();
        } catch (IOException e) {
            System.err.println("make demo: cannot start the server: " + e.getMessage());
            System.exit(2);
            return;
        }
        int status;
        try {
            status = new Demo(server).run();
        } catch (DemoFailure e) {
            System.err.println("make demo: FAILED: " + e.getMessage());
            status = 1;
        } catch (Exception e) {
            System.err.println("make demo: FAILED: " + e);
            status = 1;
        } finally {
            server.destroyForcibly();
        }
        System.exit(status);
    }

    private int run() throws Exception {
        OUT.println("== make demo: an MCP session over stdio with mcp-server-alipay --simulator (no real money) ==");
        Map<String, Object> init = request("initialize", "{\"protocolVersion\":\"2025-11-25\","
                + "\"capabilities\":{\"elicitation\":{}},\"clientInfo\":{\"name\":\"make-demo\",\"version\":\"1\"}}");
        Map<String, Object> info = object(init.get("serverInfo"), "initialize: serverInfo");
        expect("2025-11-25".equals(init.get("protocolVersion")), "initialize: protocol 2025-11-25 expected, got " + init);
        expect("mcp-server-alipay".equals(info.get("name")), "initialize: serverInfo.name mcp-server-alipay expected");
        OUT.println("<- " + info.get("name") + " " + info.get("version") + ", protocol " + init.get("protocolVersion"));
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        OUT.println("-> notifications/initialized");
        List<String> names = new ArrayList<>();
        for (Object tool : list(request("tools/list", "{}").get("tools"), "tools/list: tools")) {
            names.add((String) object(tool, "tools/list: a tool").get("name"));
        }
        OUT.println("<- " + names.size() + " tools: " + String.join(", ", names));
        expect(names.size() == 5, "tools/list: 5 tools expected, got " + names);

        String no = "DEMO_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        Map<String, Object> link = callTool("create-web-page-alipay-payment", "{\"outTradeNo\":\"" + no
                + "\",\"totalAmount\":88.88,\"orderTitle\":\"演示订单：龙井茶 (250g)\"}", "网页支付链接: [点击完成支付](");
        String url = (String) object(link.get("structuredContent"), "payment: structuredContent").get("url");
        expect(url != null && text(link).equals("网页支付链接: [点击完成支付](" + url + ")"),
                "payment: the link text should carry structuredContent.url");
        String cashier = openCashier(url);
        payAtCashier(URI.create(url), cashier);
        callTool("query-alipay-payment", "{\"outTradeNo\":\"" + no + "\"}", "交易状态: TRADE_SUCCESS , 交易金额: 88.88 , ");
        String refund = "{\"outTradeNo\":\"" + no + "\",\"refundAmount\":10.00,\"outRequestNo\":\"R1\","
                + "\"refundReason\":\"演示退款\"}";
        answers.add(true);
        callTool("refund-alipay-payment", refund, "退款结果: 退款成功, 退款交易: ");
        OUT.println("   (a second refund: this time the person says no, so nothing is sent to Alipay)");
        answers.add(false);
        callTool("refund-alipay-payment", "{\"outTradeNo\":\"" + no + "\",\"refundAmount\":20.00,"
                + "\"outRequestNo\":\"R2\",\"refundReason\":\"演示退款\"}", "No refund was made and nothing was sent"
                + " to Alipay: the person did not confirm it", true);
        expect(answers.isEmpty(), "the server asked fewer questions than the demo expected: " + answers);
        Map<String, Object> query = callTool("query-alipay-refund", "{\"outRequestNo\":\"R1\",\"outTradeNo\":\"" + no
                + "\"}", "查询到退款成功, 退款交易: ");
        expect(text(query).endsWith(" , 退款金额: 10.00 , 退款状态: REFUND_SUCCESS"), "refund query: 10.00 expected");

        toServer.close(); // end of input: the server finishes and exits
        expect(server.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                "the server did not exit within " + EXIT_TIMEOUT.toSeconds() + " s after stdin closed");
        expect(server.exitValue() == 0, "the server exited with status " + server.exitValue());
        OUT.println("== OK: " + step + " steps passed; the server exited with status 0 after stdin closed ==");
        return 0;
    }

    /** tools/call: prints the call and its text, checks isError is false and the text's start. */
    private Map<String, Object> callTool(String name, String arguments, String expectedStart) throws Exception {
        return callTool(name, arguments, expectedStart, false);
    }

    /** tools/call: prints the call and its text, checks isError is {@code error} and the text's start. */
    private Map<String, Object> callTool(String name, String arguments, String expectedStart, boolean error)
            throws Exception {
        step++;
        OUT.println();
        OUT.println(step + ". -> tools/call " + name + " " + arguments);
        Map<String, Object> result = exchange("tools/call", "{\"name\":\"" + name + "\",\"arguments\":" + arguments + "}");
        String text = text(result);
        OUT.println("   <- " + text);
        expect(Boolean.TRUE.equals(result.get("isError")) == error, name + " returned isError " + result.get("isError")
                + ": " + text);
        expect(text.startsWith(expectedStart), name + ": text should start with '" + expectedStart + "'");
        return result;
    }

    /** GET of the payment link, as a browser opens it: the simulator's cashier page. */
    private String openCashier(String url) throws Exception {
        step++;
        OUT.println();
        OUT.println(step + ". cashier: GET the payment link (" + url.substring(0, url.indexOf('?')) + "?...)");
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(url)).timeout(STEP_TIMEOUT).GET()
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String html = page.body();
        expect(page.statusCode() == 200 && html.contains("id=\"pay\""), "cashier: a page with a Pay button expected,"
                + " got HTTP " + page.statusCode() + ": " + html);
        OUT.println("   <- HTTP 200: \"" + element(html, "<h1 id=\"subject\">", "</h1>") + "\", ¥"
                + element(html, "<span id=\"amount\">", "</span>") + ", Alipay trade "
                + element(html, "<dd id=\"trade-no\">", "</dd>") + ", status " + element(html, "<dd id=\"status\">", "</dd>"));
        return html;
    }

    /** Presses Pay: submits the page's own form (its action and hidden fields). */
    private void payAtCashier(URI page, String html) throws Exception {
        step++;
        int button = html.indexOf("id=\"pay\"");
        String form = html.substring(html.lastIndexOf("<form", button), button);
        String action = attribute(form, "action");
        StringBuilder body = new StringBuilder();
        for (int at = form.indexOf("<input"); at >= 0; at = form.indexOf("<input", at + 1)) {
            String input = form.substring(at, form.indexOf('>', at));
            body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(attribute(input, "name"),
                    StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(attribute(input, "value"),
                    StandardCharsets.UTF_8));
        }
        OUT.println();
        OUT.println(step + ". cashier: press Pay (POST " + action + " " + body + ")");
        URI target = page.resolve(action);
        HttpResponse<String> paid = browser.send(HttpRequest.newBuilder(target).timeout(STEP_TIMEOUT)
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        boolean ok = paid.statusCode() == 200 && paid.body().contains("TRADE_SUCCESS")
                || paid.statusCode() == 302 || paid.statusCode() == 303;
        expect(ok, "cashier: payment expected, got HTTP " + paid.statusCode() + ": " + paid.body());
        OUT.println("   <- HTTP " + paid.statusCode() + ": \"" + element(paid.body(), "<h1 id=\"outcome\">", "</h1>")
                + "\", status " + element(paid.body(), "<dd id=\"status\">", "</dd>"));
    }

    /** Prints and sends a request, and returns its result. */
    private Map<String, Object> request(String method, String params) throws Exception {
        OUT.println("-> " + method + (params.equals("{}") ? "" : " " + params));
        return exchange(method, params);
    }

    /** Sends a request and waits, at most STEP_TIMEOUT, for the response with its id. */
    private Map<String, Object> exchange(String method, String params) throws Exception {
        int id = nextId++;
        send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}");
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (true) {
            String line = fromServer.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new DemoFailure(method + ": no answer within " + STEP_TIMEOUT.toSeconds() + " s"
                        + (server.isAlive() ? "" : " (the server exited with status " + server.exitValue() + ")"));
            }
            Map<String, Object> message = object(new Json(line).value(), "a line from the server");
            if ("elicitation/create".equals(message.get("method"))) {
                answer(message);
                continue;
            }
            if (message.get("id") instanceof BigDecimal n && n.intValue() == id) {
                if (message.containsKey("error")) {
                    throw new DemoFailure(method + ": JSON-RPC error " + message.get("error"));
                }
                return object(message.get("result"), method + ": result");
            }
        }
    }

    /** The server asks the person (elicitation/create): shows the question and gives the next scripted answer. */
    private void answer(Map<String, Object> request) throws Exception {
        Map<String, Object> params = object(request.get("params"), "elicitation/create: params");
        expect(request.get("id") instanceof String, "elicitation/create: a string id expected, got " + request.get("id"));
        expect(!answers.isEmpty(), "the server asked more questions than the demo expected");
        boolean yes = answers.remove(0);
        OUT.println("   <- the server asks the person (elicitation/create, a form with one checkbox):");
        for (String line : String.valueOf(params.get("message")).split("\n")) {
            OUT.println("      | " + line);
        }
        OUT.println("   -> the person " + (yes ? "ticks \"Send this refund\" and accepts" : "declines"));
        send("{\"jsonrpc\":\"2.0\",\"id\":\"" + request.get("id") + "\",\"result\":" + (yes
                ? "{\"action\":\"accept\",\"content\":{\"confirm\":true}}" : "{\"action\":\"decline\"}") + "}");
    }

    private void send(String line) throws DemoFailure, InterruptedException {
        try {
            toServer.write(line);
            toServer.write('\n');
            toServer.flush();
        } catch (IOException e) {
            boolean exited = server.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            throw new DemoFailure("cannot write to the server (" + e.getMessage() + ")" + (exited
                    ? "; it exited with status " + server.exitValue() + " (its stderr is above)" : ""));
        }
    }

    private static String text(Map<String, Object> result) throws DemoFailure {
        List<Object> content = list(result.get("content"), "content");
        expect(!content.isEmpty(), "a tool result without content");
        return (String) object(content.get(0), "content[0]").get("text");
    }

    private static void expect(boolean condition, String failure) throws DemoFailure {
        if (!condition) {
            throw new DemoFailure(failure);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String what) throws DemoFailure {
        expect(value instanceof Map, what + ": a JSON object expected, got " + value);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value, String what) throws DemoFailure {
        expect(value instanceof List, what + ": a JSON array expected, got " + value);
        return (List<Object>) value;
    }

    private static String element(String html, String open, String close) {
        int start = html.indexOf(open);
        return start < 0 ? "?" : unescape(html.substring(start + open.length(), html.indexOf(close, start)));
    }

    private static String attribute(String tag, String name) throws DemoFailure {
        int start = tag.indexOf(name + "=\"");
        expect(start >= 0, "cashier: no " + name + " in " + tag);
        start += name.length() + 2;
        return unescape(tag.substring(start, tag.indexOf('"', start)));
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&yen;", "¥").replace("&amp;", "&");
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Reads lines on a daemon thread, so no read can block the demo past its timeouts. */
    private static void pump(InputStream in, java.util.function.Consumer<String> sink, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // the server is gone; the waiting side reports it
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Just enough JSON for the server's replies: objects, arrays, strings, numbers, literals. */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object value() throws DemoFailure {
            skip();
            expect(i < s.length(), "JSON ended early in: " + s);
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> out = new LinkedHashMap<>();
                i++;
                skip();
                if (s.charAt(i) == '}') {
                    i++;
                    return out;
                }
                do {
                    skip();
                    String key = (String) value();
                    skip();
                    expect(s.charAt(i++) == ':', "':' expected in JSON: " + s);
                    out.put(key, value());
                    skip();
                } while (s.charAt(i++) == ',');
                expect(s.charAt(i - 1) == '}', "'}' expected in JSON: " + s);
                return out;
            }
            if (c == '[') {
                List<Object> out = new ArrayList<>();
                i++;
                skip();
                if (s.charAt(i) == ']') {
                    i++;
                    return out;
                }
                do {
                    out.add(value());
                    skip();
                } while (s.charAt(i++) == ',');
                expect(s.charAt(i - 1) == ']', "']' expected in JSON: " + s);
                return out;
            }
            if (c == '"') {
                return string();
            }
            for (String literal : new String[] {"true", "false", "null"}) {
                if (s.startsWith(literal, i)) {
                    i += literal.length();
                    return literal.equals("null") ? null : Boolean.valueOf(literal);
                }
            }
            int start = i;
            while (i < s.length() && "+-.eE0123456789".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            expect(i > start, "unexpected '" + c + "' in JSON: " + s);
            return new BigDecimal(s.substring(start, i));
        }

        private String string() throws DemoFailure {
            StringBuilder out = new StringBuilder();
            for (i++; s.charAt(i) != '"'; i++) {
                char c = s.charAt(i);
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = s.charAt(++i);
                switch (e) {
                    case 'n': out.append('\n'); break;
                    case 't': out.append('\t'); break;
                    case 'r': out.append('\r'); break;
                    case 'b': out.append('\b'); break;
                    case 'f': out.append('\f'); break;
                    case 'u': out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16)); i += 4; break;
                    default: out.append(e);
                }
            }
            i++;
            return out.toString();
        }

        private void skip() {
            while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
        }
    }
}
