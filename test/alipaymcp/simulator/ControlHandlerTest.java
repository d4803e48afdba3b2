package alipaymcp.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The out-of-process control endpoint: POST /__sim/fault and /__sim/clear. */
class ControlHandlerTest {
    private static GatewaySimulator sim;
    private static SimClient client;

    @BeforeAll
    static void start() throws Exception {
        sim = GatewaySimulator.start(TestKeys.options());
        client = new SimClient(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static HttpResponse<String> control(String path, String form, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sim.gatewayUrl().getPort()
                + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return client.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int queryStatus() throws Exception {
        return client.post(client.sign(client.params(TradeApi.QUERY, "{\"out_trade_no\":\"X\"}"))).statusCode();
    }

    @Test
    void control_injectsAndClearsFaults() throws Exception {
        HttpResponse<String> set = control(ControlHandler.FAULT_PATH, "method=alipay.trade.query&fault=http-502", null);
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(set.body()).isEqualTo("ok: alipay.trade.query -> http-502\n");
        assertThat(queryStatus()).isEqualTo(502);
        assertThat(control(ControlHandler.CLEAR_PATH, "", null).statusCode()).isEqualTo(200);
        assertThat(queryStatus()).isEqualTo(200);
        assertThat(control(ControlHandler.FAULT_PATH, "method=*&fault=delay%3A50", null).body()).contains("delay:50");
        sim.clearFaults();
    }

    @Test
    void control_rejectsBadRequests() throws Exception {
        assertThat(control(ControlHandler.FAULT_PATH, "method=alipay.trade.query&fault=boom", null).statusCode())
                .isEqualTo(400);
        assertThat(control(ControlHandler.FAULT_PATH, "method=alipay.trade.query", null).body())
                .contains("fault is required");
        assertThat(control(ControlHandler.FAULT_PATH, "fault=http-500", null).statusCode()).isEqualTo(400);
        assertThat(control(ControlHandler.FAULT_PATH, "method=alipay.trade.query&fault=http-500",
                "http://evil.example").statusCode()).isEqualTo(403);
        HttpResponse<String> get = client.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + sim.gatewayUrl().getPort() + ControlHandler.CLEAR_PATH)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(queryStatus()).isEqualTo(200);
    }
}
