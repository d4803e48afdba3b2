package alipaymcp;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.chaos.GatewayRelay;
import alipaymcp.chaos.McpProcess;
import alipaymcp.config.ConfigException;
import alipaymcp.config.ConfigLoader;
import alipaymcp.json.JsonValue.JsonString;
import alipaymcp.simulator.Faults.Fault;
import alipaymcp.simulator.GatewaySimulator;
import alipaymcp.simulator.SimControl;
import alipaymcp.simulator.SimulatorOptions;
import alipaymcp.tools.ToolRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secret hygiene of the whole program, run as a client runs it: the jar in a child process with logging on,
 * every tool, failures included (invalid arguments, business failures, every gateway fault, a wrong AP_APP_KEY
 * whose isv.invalid-signature sub_msg echoes the string-to-sign with the app_auth_token), against the simulator
 * behind a recording relay that captures every sign sent and received. Neither stdout (outside the payment
 * links of the two payment tools), nor stderr, nor the log file may hold the private key (whole or any
 * 16-character piece of its base64), any sign value, or the app_auth_token (whole or any 16-character piece). Also the log file's mode, a
 * symbolic link planted at its path, Config.toString and the start-up error messages, and titles that try to
 * break the Markdown link.
 */
class SecretsTest {
    static final String TOKEN = "202506BBtokenSECRET7f3a9c41d2e8";
    static final String LINK_TOOL = "create-web-page-alipay-payment";
    static final String MOBILE_TOOL = "create-mobile-alipay-payment";
    /** Titles that try to end the link, start another, inject HTML or a second line. */
    static final List<String> HOSTILE_TITLES = List.of("a](https://evil.example/x) [b", "![img](https://evil.example/p.png)",
            "<a href=\"https://evil.example\">x</a>", "<script>alert(1)</script>", "`c` *b* _i_ ~s~ | # > \\ ' \"",
            "((()))[[[]]]", "50% off & x=y; ?q #h", "right\u202eto-left \u200b zero width", "emoji 😀 (ok)",
            "[click](javascript:alert(1))", "</textarea>&lt;&amp;");
    static final List<String> CONTROL_TITLES = List.of("line\nbreak", "cr\rhere", "tab\there", "nul\u0000x", "del\u007f",
            "c1\u0085next", "sep\u2028line", "bell\u0007");
    static final Pattern LINK = Pattern.compile("^(网页支付链接|支付链接): \\[点击完成支付\\]\\(([A-Za-z0-9%&=?/:._*+-]+)\\)$");

    @TempDir
    static Path dir;
    static GatewaySimulator sim;
    static GatewayRelay relay;
    static String wrongKey;
    static Path home;
    /** stdout with the payment links removed, stderr, and the log: where no secret may appear. */
    static final List<String> forbiddenPlaces = new ArrayList<>();
    /** Every payment link URL returned (the one place a sign and the token may appear, on stdout). */
    static final List<String> links = new ArrayList<>();
    static Map<String, String> env;

    @BeforeAll
    static void session() throws Exception {
        sim = GatewaySimulator.start(SimulatorOptions.defaults());
        relay = GatewayRelay.start(sim.gatewayUrl());
        wrongKey = TestConfig.appPrivateKey();
        home = Files.createDirectories(dir.resolve("home"));
        env = new HashMap<>();
        env.put("HOME", home.toString());
        env.putAll(sim.serverEnvironment());
        env.put("AP_GATEWAY_URL", relay.gatewayUrl().toString());
        env.put("AP_INVOKE_AUTH_TOKEN", TOKEN);
        env.put("AP_TIMEOUT_MS", "5000"); // healthy calls finish well within it on a loaded machine
        env.put("AP_RETURN_URL", "http://127.0.0.1:9/return");
        try (McpProcess server = McpProcess.start(env)) {
            fullSession(server);
            assertThat(server.finish()).isZero();
            collect(server);
        }
        Map<String, String> wrong = new HashMap<>(env);
        wrong.put("AP_APP_KEY", wrongKey);
        try (McpProcess server = McpProcess.start(wrong)) {
            wrongKeySession(server);
            assertThat(server.finish()).isZero();
            collect(server);
        }
        forbiddenPlaces.add(Files.readString(home.resolve("mcp-server-alipay.log"), StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() throws Exception {
        relay.close();
        sim.close();
    }

    static void fullSession(McpProcess server) throws Exception {
        String order = "SEC_" + System.nanoTime();
        McpProcess.Result link = call(server, LINK_TOOL, "{\"outTradeNo\":\"" + order + "\",\"totalAmount\":100,"
                + "\"orderTitle\":\"secret test\"}");
        open(link.url());
        SimControl.pay(sim, order);
        String refund = "{\"outTradeNo\":\"" + order + "\",\"refundAmount\":1.5,\"outRequestNo\":\"S1\","
                + "\"refundReason\":\"reason ](x) <b>\"}";
        expect(call(server, "query-alipay-payment", "{\"outTradeNo\":\"" + order + "\"}"), false);
        expect(call(server, "refund-alipay-payment", refund), false);
        expect(call(server, "refund-alipay-payment", refund), false);
        expect(call(server, "query-alipay-refund", "{\"outRequestNo\":\"S1\",\"outTradeNo\":\"" + order + "\"}"), false);
        // business failures
        expect(call(server, "query-alipay-refund", "{\"outRequestNo\":\"NOPE\",\"outTradeNo\":\"" + order + "\"}"), true);
        expect(call(server, "query-alipay-payment", "{\"outTradeNo\":\"NO_SUCH_ORDER\"}"), true);
        expect(call(server, "refund-alipay-payment", "{\"outTradeNo\":\"" + order + "\",\"refundAmount\":500,"
                + "\"outRequestNo\":\"S2\"}"), true);
        expect(call(server, "refund-alipay-payment", refund.replace("1.5", "2.5")), true);
        // invalid arguments
        expect(call(server, "refund-alipay-payment", "{\"outTradeNo\":\"" + order + "\",\"refundAmount\":0.001,"
                + "\"outRequestNo\":\"S3\"}"), true);
        expect(call(server, LINK_TOOL, "{\"outTradeNo\":\"bad no\",\"totalAmount\":1,\"orderTitle\":\"t\"}"), true);
        expect(call(server, "query-alipay-payment", "{\"outTradeNo\":\"" + order + "\",\"sign\":\"x\"}"), true);
        expect(call(server, "query-alipay-refund", "{}"), true);
        for (String title : HOSTILE_TITLES) {
            for (String tool : new String[] {LINK_TOOL, MOBILE_TOOL}) {
                checkLink(call(server, tool, "{\"outTradeNo\":\"T" + System.nanoTime() + "\",\"totalAmount\":9.99,"
                        + "\"orderTitle\":" + McpProcess.quote(title) + "}"), title);
            }
        }
        for (String title : CONTROL_TITLES) {
            McpProcess.Result r = call(server, LINK_TOOL, "{\"outTradeNo\":\"C" + System.nanoTime()
                    + "\",\"totalAmount\":1,\"orderTitle\":" + McpProcess.quote(title) + "}");
            assertThat(r.isError()).as(title).isTrue();
            assertThat(r.text()).startsWith("orderTitle").doesNotContain(title).doesNotContainPattern("[\\p{Cc}\u2028]");
        }
        // every gateway fault, on each gateway method, and a reset connection
        for (Fault.Kind kind : Fault.Kind.values()) {
            if (kind.situation()) {
                continue; // a refund that completes later, a replay: not failures (RefundOutcomesOverMcpTest)
            }
            SimControl.injectFault(sim, "*", kind == Fault.Kind.DELAY ? new Fault(Fault.Kind.DELAY, 15_000) : new Fault(kind, 0));
            expect(call(server, "query-alipay-payment", "{\"outTradeNo\":\"" + order + "\"}"), true);
            expect(call(server, "refund-alipay-payment", "{\"outTradeNo\":\"" + order + "\",\"refundAmount\":0.01,"
                    + "\"outRequestNo\":\"F" + kind.ordinal() + "\"}"), true);
            expect(call(server, "query-alipay-refund", "{\"outRequestNo\":\"S1\",\"outTradeNo\":\"" + order + "\"}"), true);
            SimControl.clearFaults(sim);
        }
        relay.mode("alipay.trade.refund", GatewayRelay.Mode.RESET_AFTER_FORWARD);
        expect(call(server, "refund-alipay-payment", "{\"outTradeNo\":\"" + order + "\",\"refundAmount\":0.01,"
                + "\"outRequestNo\":\"RST\"}"), true);
        relay.clearModes();
    }

    /** The wrong AP_APP_KEY: the gateway refuses with isv.invalid-signature and echoes its string-to-sign. */
    static void wrongKeySession(McpProcess server) throws Exception {
        McpProcess.Result r = call(server, "query-alipay-payment", "{\"outTradeNo\":\"ANY_ORDER\"}");
        assertThat(r.isError()).isTrue();
        assertThat(r.text()).contains("isv.invalid-signature", "app_auth_token=(redacted)");
        expect(call(server, "refund-alipay-payment", "{\"outTradeNo\":\"ANY_ORDER\",\"refundAmount\":1,"
                + "\"outRequestNo\":\"W1\"}"), true);
        expect(call(server, "query-alipay-refund", "{\"outRequestNo\":\"W1\",\"outTradeNo\":\"ANY_ORDER\"}"), true);
        McpProcess.Result link = call(server, MOBILE_TOOL, "{\"outTradeNo\":\"W_" + System.nanoTime()
                + "\",\"totalAmount\":1,\"orderTitle\":\"wrong key\"}");
        checkLink(link, "wrong key");
        open(link.url()); // the simulator refuses it, but its sign went through the relay: captured
        assertThat(relay.answers()).anyMatch(a -> a.contains("isv.invalid-signature") && a.contains(TOKEN));
    }

    static McpProcess.Result call(McpProcess server, String tool, String args) throws Exception {
        McpProcess.Result r = server.call(tool, args);
        if (!r.isError() && r.url() != null) {
            links.add(r.url());
        }
        return r;
    }

    static void expect(McpProcess.Result r, boolean isError) {
        assertThat(r.isError()).as(r.text()).isEqualTo(isError);
    }

    /** One unbroken Markdown link to the configured gateway, whose URL is exactly the structured url. */
    static void checkLink(McpProcess.Result r, String title) {
        assertThat(r.isError()).as(title + ": " + r.text()).isFalse();
        var m = LINK.matcher(r.text());
        assertThat(m.matches()).as("an unbroken link for title " + title + ": " + r.text()).isTrue();
        assertThat(m.group(2)).isEqualTo(r.url()).startsWith(relay.gatewayUrl() + "?");
        assertThat(URI.create(r.url()).getHost()).isEqualTo("127.0.0.1");
    }

    static void open(String url) throws Exception {
        HttpClient browser = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
        browser.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
    }

    /** stdout without the payment links (JSON-escaped as the writer writes them), stderr as is. */
    static void collect(McpProcess server) {
        for (String line : server.stdout()) {
            String rest = line;
            for (String url : links) {
                String escaped = new JsonString(url).toJson();
                rest = rest.replace(escaped.substring(1, escaped.length() - 1), "<payment link>");
            }
            forbiddenPlaces.add(rest);
        }
        forbiddenPlaces.add(String.join("\n", server.stderr()));
    }

    @Test
    void noSecretAnywhereButInsidePaymentLinks() {
        // Counted per message, not per distinct value: RSA signing is deterministic, so identical requests in
        // the same second (a retry, a repeated refund) carry one and the same sign.
        Set<String> signs = new LinkedHashSet<>();
        int sent = 0;
        for (GatewayRelay.Exchange e : relay.exchanges()) {
            if (e.params().get("sign") != null) {
                signs.add(e.params().get("sign"));
                sent++;
            }
        }
        int received = 0;
        for (String answer : relay.answers()) {
            for (int at = answer.indexOf("\"sign\":\""); at >= 0; at = answer.indexOf("\"sign\":\"", at + 1)) {
                int start = at + "\"sign\":\"".length();
                int end = answer.indexOf('"', start);
                signs.add(answer.substring(start, end < 0 ? answer.length() : end)); // a cut answer ends mid-sign
                received++;
            }
        }
        for (String url : links) {
            String query = URI.create(url).getRawQuery();
            for (String pair : query.split("&")) {
                if (pair.startsWith("sign=")) {
                    signs.add(java.net.URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8));
                }
            }
        }
        assertThat(sent).as("signed requests sent by the server (API requests and opened links)").isGreaterThan(30);
        assertThat(received).as("signs received from the gateway").isGreaterThan(20);
        assertThat(links).as("payment links returned").hasSizeGreaterThan(20);
        String everywhere = String.join("\n", forbiddenPlaces);
        assertThat(everywhere).as("the log was written").contains(" call tool=refund-alipay-payment ");
        for (String sign : signs) {
            assertNowhere(everywhere, "a sign value", sign);
        }
        assertNowhere(everywhere, "the app_auth_token", TOKEN);
        for (String piece : windows(TOKEN)) {
            assertNowhere(everywhere, "a 16-character piece of the app_auth_token", piece);
        }
        for (String key : new String[] {sim.serverEnvironment().get("AP_APP_KEY"), wrongKey}) {
            assertNowhere(everywhere, "the private key", key);
            for (String piece : pieces(key)) {
                assertNowhere(everywhere, "a 16-character piece of the private key", piece);
            }
        }
    }

    @Test
    void theLogFileIsOwnerOnly() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("mcp-server-alipay.log"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aSymbolicLinkAtTheLogPathIsRefusedWithAWarningAndItsTargetIsNotWritten() throws Exception {
        Path linkHome = Files.createDirectories(dir.resolve("link-home"));
        Path existing = dir.resolve("victim.txt");
        Files.writeString(existing, "original\n");
        Path missing = dir.resolve("not-created.txt");
        for (Path target : new Path[] {existing, missing}) {
            Path log = linkHome.resolve("mcp-server-alipay.log");
            Files.deleteIfExists(log);
            Files.createSymbolicLink(log, target);
            Map<String, String> e = new HashMap<>(env);
            e.put("HOME", linkHome.toString());
            e.put("AP_GATEWAY_URL", sim.gatewayUrl().toString());
            try (McpProcess server = McpProcess.start(e)) {
                expect(server.call("query-alipay-payment", "{\"outTradeNo\":\"NO_SUCH\"}"), true);
                assertThat(server.finish()).isZero();
                assertThat(String.join("\n", server.stderr())).contains("not writing the log file", "symbolic link");
            }
            assertThat(Files.isSymbolicLink(log)).isTrue();
        }
        assertThat(Files.readString(existing)).isEqualTo("original\n");
        assertThat(missing).doesNotExist();
    }

    @Test
    void configToStringAndStartUpErrorsCarryNoSecret() throws Exception {
        String key = sim.serverEnvironment().get("AP_APP_KEY");
        String text = ConfigLoader.load(env, ToolRegistry.NAMES).toString();
        assertNowhere(text, "the token", TOKEN);
        for (String piece : windows(TOKEN)) {
            assertNowhere(text, "a 16-character piece of the token", piece);
        }
        for (String piece : pieces(key)) {
            assertNowhere(text, "a piece of the private key", piece);
        }
        List<Map<String, String>> broken = new ArrayList<>();
        broken.add(with("AP_PUB_KEY", key)); // the two keys swapped
        broken.add(with("AP_APP_KEY", key.substring(0, key.length() / 2))); // truncated
        broken.add(with("AP_APP_KEY", key.substring(0, 200) + "!" + key.substring(201))); // damaged
        broken.add(with("AP_APP_KEY", "-----BEGIN PRIVATE KEY-----\n" + key.substring(0, 300)
                + "\n-----END PRIVATE KEY-----"));
        broken.add(with("AP_APP_KEY", sim.serverEnvironment().get("AP_PUB_KEY")));
        broken.add(with("AP_INVOKE_AUTH_TOKEN", TOKEN + " " + TOKEN));
        broken.add(with("AP_INVOKE_AUTH_TOKEN", TOKEN.repeat(5)));
        broken.add(with("AP_APP_ID", key.substring(40, 90)));
        broken.add(with("AP_GATEWAY_URL", "http://evil.example/" + TOKEN));
        for (Map<String, String> e : broken) {
            String message;
            try {
                ConfigLoader.load(e, ToolRegistry.NAMES);
                throw new AssertionError("a broken configuration was accepted: " + broken.indexOf(e));
            } catch (ConfigException ex) {
                message = ex.getMessage();
            }
            assertNowhere(message, "the token", TOKEN);
            for (String piece : windows(TOKEN)) {
                assertNowhere(message, "a 16-character piece of the token", piece);
            }
            for (String piece : pieces(key)) {
                assertNowhere(message, "a piece of the private key", piece);
            }
        }
        try (McpProcess server = McpProcess.launch(with("AP_PUB_KEY", key))) {
            assertThat(server.finish()).isEqualTo(78);
            assertThat(server.stdout()).isEmpty();
            String stderr = String.join("\n", server.stderr());
            assertThat(stderr).contains("AP_PUB_KEY");
            for (String piece : pieces(key)) {
                assertNowhere(stderr, "a piece of the private key", piece);
            }
        }
    }

    static Map<String, String> with(String name, String value) {
        Map<String, String> e = new HashMap<>(env);
        e.put(name, value);
        return e;
    }

    /** Every 16-character window of a secret (the token: all of it is secret). */
    static List<String> windows(String secret) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 16 <= secret.length(); i++) {
            out.add(secret.substring(i, i + 16));
        }
        return out;
    }

    /** Every 16-character window of the key's base64 that is not also in a public key (the DER header is not secret). */
    static List<String> pieces(String key) {
        String publicText = sim.serverEnvironment().get("AP_PUB_KEY") + " " + SimControl.appPublicKeyBase64(sim);
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 16 <= key.length(); i++) {
            String piece = key.substring(i, i + 16);
            if (!publicText.contains(piece)) {
                out.add(piece);
            }
        }
        return out;
    }

    /** The secret as is, form/URL-encoded, and with JSON's escaped slash. */
    static void assertNowhere(String haystack, String what, String secret) {
        for (String form : new String[] {secret, URLEncoder.encode(secret, StandardCharsets.UTF_8),
            secret.replace("/", "\\/")}) {
            int at = haystack.indexOf(form);
            if (at >= 0) {
                throw new AssertionError(what + " appears outside the payment links: ..."
                        + haystack.substring(Math.max(0, at - 120), Math.min(haystack.length(), at + form.length() + 40))
                        + "...");
            }
        }
    }
}
