package alipaymcp.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.tools.SimulatedTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Gateway chaos through the real MCP layer: the jar as a child process speaking stdio, its AP_* variables
 * pointing (through the counting raw-socket relay) at {@code java -jar <jar> simulator --keys DIR} in another
 * process, faults switched through the simulator's control endpoint or the relay, replies read from stdout.
 */
class GatewayChaosOverMcpTest {
    @TempDir
    static Path dir;
    static SimulatorProcess sim;
    static GatewayRelay relay;
    static McpProcess server;
    static McpProcess shortTimeoutServer;
    static McpProcess refusedServer;
    static String order;

    @BeforeAll
    static void start() throws Exception {
        sim = SimulatorProcess.start(dir.resolve("keys"));
        relay = GatewayRelay.start(sim.gatewayUrl());
        server = McpProcess.start(env(relay.gatewayUrl().toString(), ChaosFault.PATIENT_TIMEOUT_MS));
        shortTimeoutServer = McpProcess.start(env(relay.gatewayUrl().toString(), ChaosFault.TIMEOUT_MS));
        refusedServer = McpProcess.start(env(GatewayChaosTest.closedPortGateway().toString(),
                ChaosFault.PATIENT_TIMEOUT_MS));
        order = SimulatedTools.orderNo("MCP");
        McpProcess.Result link = server.call("create-web-page-alipay-payment", "{\"outTradeNo\":\"" + order
                + "\",\"totalAmount\":500,\"orderTitle\":\"chaos over stdio\"}");
        SimulatedTools.payAtCashier(link.url());
        McpProcess.Result first = server.call("refund-alipay-payment", "{\"outTradeNo\":\"" + order
                + "\",\"refundAmount\":0.01,\"outRequestNo\":\"R0\"}");
        assertThat(first.isError()).as(first.text()).isFalse();
    }

    static Map<String, String> env(String gateway, int timeoutMs) throws Exception {
        return sim.serverEnv(dir.resolve("home"), gateway, timeoutMs);
    }

    @Test
    void sigterm_letsACallAlreadyAtTheGatewayFinish_andLogsIt_thenExits143() throws Exception {
        Map<String, String> env = env(sim.gatewayUrl().toString(), ChaosFault.PATIENT_TIMEOUT_MS);
        Path home = Files.createDirectories(dir.resolve("home-sigterm"));
        env.put("HOME", home.toString());
        env.put("AP_LOG_ENABLED", "true");
        try (McpProcess late = McpProcess.start(env)) {
            String query = "{\"outTradeNo\":\"" + order + "\"}";
            assertThat(late.call("query-alipay-payment", query).isError()).isFalse(); // warm: the next one is quick to send
            sim.fault("alipay.trade.query", "delay:8000"); // seconds of slack for the sleep below on a loaded machine
            late.send("{\"jsonrpc\":\"2.0\",\"id\":\"in-flight\",\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"query-alipay-payment\",\"arguments\":" + query + "}}");
            Thread.sleep(700); // the request is at the gateway, whose answer is held back 8 s
            long sigterm = System.nanoTime();
            assertThat(late.terminate()).isEqualTo(143);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sigterm)).as("waited for the answer")
                    .isGreaterThanOrEqualTo(1_000);
            assertThat(late.stdout()).as("a call cancelled by SIGTERM sends no reply")
                    .noneMatch(line -> line.contains("\"id\":\"in-flight\""));
        }
        assertThat(Files.readAllLines(home.resolve("mcp-server-alipay.log")))
                .as("both queries are logged with the gateway's code, the one in flight included")
                .filteredOn(line -> line.contains(" call tool=query-alipay-payment ") && line.contains(" result=10000 "))
                .hasSize(2);
    }

    @AfterEach
    void clear() throws Exception {
        sim.clear();
        relay.clearModes();
    }

    @AfterAll
    static void stop() throws Exception {
        for (McpProcess p : new McpProcess[] {server, shortTimeoutServer, refusedServer}) {
            if (p != null) {
                p.close();
            }
        }
        if (relay != null) {
            relay.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @ParameterizedTest
    @EnumSource(ChaosFault.class)
    void everyGatewayTool_underEveryFault_overStdio(ChaosFault fault) throws Exception {
        for (String method : new String[] {ChaosFault.QUERY, ChaosFault.REFUND_QUERY}) {
            inject(fault, method);
            ChaosCheck.readTool(caller(fault), fault, method, order, "R0");
            clear();
        }
        inject(fault, ChaosFault.REFUND);
        ChaosCheck.refund(caller(fault), caller(null), this::clearQuietly, GatewayChaosOverMcpTest::refundNumbersSent,
                fault, order, SimulatedTools.orderNo("RM"));
        assertThat(server.alive() && shortTimeoutServer.alive() && refusedServer.alive()).isTrue();
    }

    @Test
    void serversAnsweredOnlyProtocolOnStdoutAndStayedUp() throws Exception {
        for (McpProcess p : new McpProcess[] {server, shortTimeoutServer, refusedServer}) {
            assertThat(p.request("ping", "{}").has("result")).isTrue();
            for (String line : p.stdout()) {
                assertThat(line).startsWith("{\"jsonrpc\":\"2.0\"");
            }
        }
        List<String> numbers = refundNumbersSent();
        assertThat(numbers).allMatch(n -> n.equals("R0") || n.startsWith("RM_"));
        // The only relay failures allowed: writing a late answer to a client that had given up (the delay).
        assertThat(relay.failures()).allMatch(f -> f.contains("Broken pipe") || f.contains("Connection reset"));
    }

    static List<String> refundNumbersSent() {
        return relay.exchanges(ChaosFault.REFUND).stream().map(GatewayRelay.Exchange::outRequestNo).toList();
    }

    private void clearQuietly() {
        try {
            clear();
        } catch (Exception e) {
            throw new IllegalStateException("cannot clear the faults", e);
        }
    }

    private static void inject(ChaosFault fault, String method) throws Exception {
        if (fault.token() != null) {
            sim.fault(method, fault.token());
        } else if (fault.relayMode != null) {
            relay.mode(method, fault.relayMode);
        }
    }

    private static ChaosCheck.Caller caller(ChaosFault fault) {
        McpProcess p = fault == ChaosFault.REFUSED ? refusedServer : fault == ChaosFault.DELAY ? shortTimeoutServer
                : server;
        return (tool, args) -> {
            McpProcess.Result r = p.call(tool, args);
            return new ChaosCheck.Outcome(r.text(), r.isError());
        };
    }
}
