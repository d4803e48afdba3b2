package alipaymcp.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The out-of-process control endpoint: POST /__sim/fault and /__sim/clear. */
class FaultsTest extends SimulatorFixture {
    private HttpResponse<String> control(String path, String form, String origin) throws Exception {
        return origin == null ? client.postForm(path, form) : client.postForm(path, form, "Origin", origin);
    }

    private int queryStatus() throws Exception {
        return client.postSigned(TradeApi.QUERY, "{\"out_trade_no\":\"X\"}").statusCode();
    }

    @Test
    void control_injectsAndClearsFaults() throws Exception {
        HttpResponse<String> set = control(Faults.FAULT_PATH, "method=alipay.trade.query&fault=http-502", null);
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(set.body()).isEqualTo("ok: alipay.trade.query -> http-502\n");
        assertThat(queryStatus()).isEqualTo(502);
        assertThat(control(Faults.CLEAR_PATH, "", null).statusCode()).isEqualTo(200);
        assertThat(queryStatus()).isEqualTo(200);
        assertThat(control(Faults.FAULT_PATH, "method=*&fault=delay%3A50", null).body()).contains("delay:50");
        SimControl.clearFaults(sim);
    }

    @Test
    void control_rejectsBadRequests() throws Exception {
        assertThat(control(Faults.FAULT_PATH, "method=alipay.trade.query&fault=boom", null).statusCode())
                .isEqualTo(400);
        assertThat(control(Faults.FAULT_PATH, "method=alipay.trade.query", null).body())
                .contains("fault is required");
        assertThat(control(Faults.FAULT_PATH, "fault=http-500", null).statusCode()).isEqualTo(400);
        assertThat(control(Faults.FAULT_PATH, "method=alipay.trade.query&fault=http-500",
                "http://evil.example").statusCode()).isEqualTo(403);
        assertThat(client.getPath(Faults.CLEAR_PATH).statusCode()).isEqualTo(405);
        assertThat(queryStatus()).isEqualTo(200);
    }
}
