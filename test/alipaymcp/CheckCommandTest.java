package alipaymcp;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.chaos.McpProcess;
import alipaymcp.simulator.GatewaySimulator;
import alipaymcp.simulator.SimulatorOptions;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code check} against the built-in simulator: right keys pass, each wrong setting is named. */
class CheckCommandTest {
    private static GatewaySimulator sim;
    private static KeyPair other;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws Exception {
        sim = GatewaySimulator.start(SimulatorOptions.defaults());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        other = generator.generateKeyPair();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static Map<String, String> rightEnv() {
        Map<String, String> env = new HashMap<>();
        env.putAll(sim.serverEnvironment());
        env.put("AP_LOG_ENABLED", "false");
        env.put("AP_TIMEOUT_MS", "60000"); // generous: a loaded machine must not turn a pass into a failure
        return env;
    }

    private int check(Map<String, String> env, String... args) {
        return CheckCommand.run(args, env, "test", new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    private String report() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void check_rightKeysProveAllThreeWithAVerifiedTradeNotExist() {
        assertThat(check(rightEnv())).isZero();
        assertThat(report())
                .contains("  mode     test")
                .contains("  env      prod (AP_GATEWAY_URL replaces its gateway), sign type RSA2")
                .contains("  gateway  " + sim.gatewayUrl())
                .contains("✓ configuration: every start-up rule holds")
                .contains("✓ AP_APP_ID, AP_APP_KEY: the gateway accepted our signed alipay.trade.query")
                .contains("✓ AP_PUB_KEY: the gateway's answer verified (ACQ.TRADE_NOT_EXIST)")
                .contains("OK: AP_APP_ID, AP_APP_KEY and AP_PUB_KEY work with")
                .doesNotContain("✗");
    }

    @Test
    void check_wrongAppKeyNamesAppKeyAndTheUploadedPublicKey() {
        Map<String, String> env = rightEnv();
        env.put("AP_APP_KEY", Base64.getEncoder().encodeToString(other.getPrivate().getEncoded()));
        assertThat(check(env)).isEqualTo(CheckCommand.EXIT_FAILED);
        assertThat(report()).contains("✗ AP_APP_KEY: the gateway refused our signature (the gateway's unsigned"
                + " answer: 40002 isv.invalid-signature); AP_APP_KEY must be the private half of the app public key"
                + " uploaded to the Alipay console").contains("FAILED").doesNotContain("✓ AP_");
    }

    @Test
    void check_wrongAlipayPublicKeyNamesPubKey() {
        Map<String, String> env = rightEnv();
        env.put("AP_PUB_KEY", Base64.getEncoder().encodeToString(other.getPublic().getEncoded()));
        assertThat(check(env)).isEqualTo(CheckCommand.EXIT_FAILED);
        assertThat(report()).contains("✗ AP_PUB_KEY: the gateway's answer does not verify with it")
                .doesNotContain("✓ AP_");
    }

    @Test
    void check_unknownAppIdNamesAppIdAndCurrentEnv() {
        Map<String, String> env = rightEnv();
        env.put("AP_APP_ID", "2021000000000099");
        assertThat(check(env)).isEqualTo(CheckCommand.EXIT_FAILED);
        assertThat(report()).contains("✗ AP_APP_ID: the gateway does not know this app (the gateway's unsigned"
                + " answer: 40002 isv.invalid-app-id); check AP_APP_ID, and AP_CURRENT_ENV");
    }

    @Test
    void check_unreachableGatewayNamesTheNetworkAndGatewayUrl() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        Map<String, String> env = rightEnv();
        env.put("AP_GATEWAY_URL", "http://127.0.0.1:" + port + "/gateway.do");
        assertThat(check(env)).isEqualTo(CheckCommand.EXIT_FAILED);
        assertThat(report()).contains("✗ gateway unreachable (network, or AP_GATEWAY_URL): Could not connect to"
                + " the gateway for alipay.trade.query").contains("nothing was sent");
    }

    /** A loopback gateway that answers every call with one fixed unsigned error, as the real one does (§13a). */
    private int checkAgainstGatewayAnswering(String subCode) throws Exception {
        String body = "{\"error_response\":{\"code\":\"40006\",\"msg\":\"Insufficient Permissions\",\"sub_code\":\""
                + subCode + "\",\"sub_msg\":\"no permission\"}}";
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/gateway.do", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("content-type", "application/json;charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        try {
            Map<String, String> env = rightEnv();
            env.put("AP_GATEWAY_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/gateway.do");
            return check(env);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void check_mcpSwitchOffNamesTheConsoleSwitch() throws Exception {
        assertThat(checkAgainstGatewayAnswering("isv.invalid-cloud-app-permission")).isEqualTo(1);
        assertThat(report()).contains("✗ the Alipay console's MCP switch is off (the gateway's unsigned answer: 40006"
                + " isv.invalid-cloud-app-permission): turn on 开启支付 MCP Server for the restricted key (受限密钥)");
    }

    @Test
    void check_queryNotTickedNamesTheToolTicks() throws Exception {
        assertThat(checkAgainstGatewayAnswering("invalid-open-scene-api-permission")).isEqualTo(1);
        assertThat(report()).contains("✗ alipay.trade.query is not allowed for the MCP scene (the gateway's unsigned"
                + " answer: 40006 invalid-open-scene-api-permission): in the Alipay console, tick the tools");
    }

    @Test
    void check_listsEveryConfigurationProblemAndMakesNoCall() {
        Map<String, String> env = rightEnv();
        env.put("AP_APP_ID", "'" + sim.appId() + "'");
        env.put("AP_CURRENT_ENV", "live");
        env.put("AP_SELECT_TOOL", "queryPay");
        assertThat(check(env)).isEqualTo(78);
        assertThat(report()).contains("✗ AP_SELECT_TOOL is not a variable of this server: did you mean"
                + " AP_SELECT_TOOLS?").contains("✗ AP_APP_ID: character 1 is ''' (U+0027): remove the quotes")
                .contains("✗ AP_CURRENT_ENV must be prod").doesNotContain("gateway  ");
    }

    @Test
    void check_offlineSkipsTheCall() {
        Map<String, String> env = rightEnv();
        env.put("AP_GATEWAY_URL", "https://gateway.invalid/gateway.do"); // never contacted
        assertThat(check(env, "--offline")).isZero();
        assertThat(report()).contains("- gateway call skipped (--offline)").contains("OK (offline)");
    }

    @Test
    void check_refusesUnknownArguments() {
        assertThat(check(rightEnv(), "--online")).isEqualTo(Main.EXIT_USAGE);
    }

    @Test
    void jar_startUpListsEveryProblemOnStderrOneLineEach_exit78_nothingOnStdout() throws Exception {
        Map<String, String> env = rightEnv();
        env.put("AP_APP_ID", "\u200B" + sim.appId());
        env.put("AP_CURRENT_ENV", "live");
        env.put("AP_SELECT_TOOLS", "queryPay,payEverything");
        env.put("AP_PUBKEY", "x");
        try (McpProcess server = McpProcess.launch(env)) {
            assertThat(server.finish()).isEqualTo(78);
            assertThat(server.stdout()).isEmpty();
            // the child has no locale, so the JVM may read the zero-width space as U+FFFD: either is named
            assertThat(server.stderr()).hasSize(4);
            assertThat(server.stderr().get(1)).startsWith("mcp-server-alipay: AP_APP_ID: character 1 is ")
                    .endsWith(" (an APPID is ASCII letters and digits only, e.g. 2021000000000000).");
            assertThat(server.stderr()).containsSubsequence(
                    "mcp-server-alipay: AP_PUBKEY is not a variable of this server: did you mean AP_PUB_KEY? Rename"
                            + " it (as written it is ignored, so its setting would not apply).",
                    "mcp-server-alipay: AP_CURRENT_ENV must be prod (the default) or sandbox, got 'live'.",
                    "mcp-server-alipay: AP_SELECT_TOOLS names an unknown tool 'payEverything': use all, or any of"
                            + " mobilePay (create-mobile-alipay-payment), webPagePay (create-web-page-alipay-payment),"
                            + " queryPay (query-alipay-payment), refundPay (refund-alipay-payment), refundQuery"
                            + " (query-alipay-refund).");
        }
    }

    @Test
    void jar_checkPassesAgainstTheSimulator() throws Exception {
        try (McpProcess check = McpProcess.launch(rightEnv(), "check")) {
            assertThat(check.finish()).as(String.join("\n", check.stdout())).isZero();
            assertThat(check.stdout()).contains("  ✓ AP_PUB_KEY: the gateway's answer verified (ACQ.TRADE_NOT_EXIST)");
            assertThat(check.stderr()).isEmpty();
        }
    }

    @Test
    void simulatorCheck_passesWithTheSimulatorsOwnKeys() {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"--simulator", "check"}, stdout,
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        assertThat(status).as(stdout.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("  mode     the built-in simulator")
                .contains("(ACQ.TRADE_NOT_EXIST)");
    }
}
