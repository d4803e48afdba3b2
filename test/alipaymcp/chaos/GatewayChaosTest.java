package alipaymcp.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.simulator.GatewaySimulator;
import alipaymcp.simulator.SimControl;
import alipaymcp.simulator.SimulatorOptions;
import alipaymcp.tools.SimulatedTools;
import alipaymcp.tools.Tool.ToolResult;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Gateway chaos in process: the tools (wired as Main wires them) talk to the simulator
 * through a raw-socket relay that counts every request and can reset a connection mid-answer; a closed
 * port stands for a refused connection. Every fault of issue 7, for each tool that calls the gateway.
 */
class GatewayChaosTest {
    static GatewaySimulator sim;
    static GatewayRelay relay;
    static SimulatedTools tools;
    static SimulatedTools shortTimeoutTools;
    static SimulatedTools refusedTools;
    static String order;

    @BeforeAll
    static void start() throws Exception {
        sim = GatewaySimulator.start(SimulatorOptions.defaults());
        relay = GatewayRelay.start(sim.gatewayUrl());
        tools = tools(relay.gatewayUrl(), ChaosFault.PATIENT_TIMEOUT_MS);
        shortTimeoutTools = tools(relay.gatewayUrl(), ChaosFault.TIMEOUT_MS);
        refusedTools = tools(closedPortGateway(), ChaosFault.PATIENT_TIMEOUT_MS);
        order = tools.paidOrder("CHAOS", "1000");
        assertThat(tools.call("refund-alipay-payment", "{\"outTradeNo\":\"" + order
                + "\",\"refundAmount\":0.01,\"outRequestNo\":\"R0\"}").isError()).isFalse();
    }

    /** The five tools wired as Main wires them, with the simulator's keys and this gateway and timeout. */
    static SimulatedTools tools(URI gateway, int timeoutMs) throws Exception {
        return new SimulatedTools(sim, Map.of("AP_GATEWAY_URL", gateway.toString(), "AP_TIMEOUT_MS",
                String.valueOf(timeoutMs)));
    }

    @AfterEach
    void clear() {
        SimControl.clearFaults(sim);
        relay.clearModes();
    }

    @AfterAll
    static void stop() throws Exception {
        relay.close();
        sim.close();
    }

    /** A gateway URL on a port that was just bound and released: nothing listens there. */
    static URI closedPortGateway() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            port = socket.getLocalPort();
        }
        return URI.create("http://127.0.0.1:" + port + "/gateway.do");
    }

    @ParameterizedTest
    @EnumSource(ChaosFault.class)
    void query_underEveryFaultIsAnAccurateErrorNeverASuccess(ChaosFault fault) throws Exception {
        inject(fault, ChaosFault.QUERY);
        ChaosCheck.readTool(caller(fault), fault, ChaosFault.QUERY, order, "R0");
    }

    @ParameterizedTest
    @EnumSource(ChaosFault.class)
    void refundQuery_underEveryFaultIsAnAccurateErrorNeverASuccess(ChaosFault fault) throws Exception {
        inject(fault, ChaosFault.REFUND_QUERY);
        ChaosCheck.readTool(caller(fault), fault, ChaosFault.REFUND_QUERY, order, "R0");
    }

    @ParameterizedTest
    @EnumSource(ChaosFault.class)
    void refund_underEveryFaultIsSentOnceWithItsOwnNumberAndTheAdviceIsRight(ChaosFault fault) throws Exception {
        inject(fault, ChaosFault.REFUND);
        ChaosCheck.refund(caller(fault), caller(null), this::clear, GatewayChaosTest::refundNumbersSent, fault, order,
                SimulatedTools.orderNo("RQ"));
    }

    @Test
    void refunds_neverCarriedANumberTheCallerDidNotGiveAndNeverExceededThePayment() throws Exception {
        for (String number : refundNumbersSent()) {
            assertThat(number).as("every refund request carries the caller's own outRequestNo").matches("R0|RQ_.*");
        }
        ToolResult query = tools.call("query-alipay-payment", "{\"outTradeNo\":\"" + order + "\"}");
        assertThat(query.text()).startsWith("交易状态: TRADE_SUCCESS , 交易金额: 1000.00");
    }

    static List<String> refundNumbersSent() {
        return relay.exchanges(ChaosFault.REFUND).stream().map(GatewayRelay.Exchange::outRequestNo).toList();
    }

    private static void inject(ChaosFault fault, String method) {
        if (fault.simulatorFault() != null) {
            SimControl.injectFault(sim, method, fault.simulatorFault());
        } else if (fault.relayMode != null) {
            relay.mode(method, fault.relayMode);
        }
    }

    /**
     * The tools that see the fault: through the relay (with the short timeout for DELAY, a patient one for
     * the rest so a loaded machine cannot turn a fault into a timeout), or at a closed port for REFUSED
     * (patient too: a refused connection is refused at once, however long the timeout).
     * Null: healthy.
     */
    private static ChaosCheck.Caller caller(ChaosFault fault) {
        SimulatedTools t = fault == ChaosFault.REFUSED ? refusedTools : fault == ChaosFault.DELAY ? shortTimeoutTools : tools;
        return (tool, args) -> {
            ToolResult r = t.call(tool, args);
            return new ChaosCheck.Outcome(r.text(), r.isError());
        };
    }
}
