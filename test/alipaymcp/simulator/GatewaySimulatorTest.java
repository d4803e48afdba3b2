package alipaymcp.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.alipay.AlipayPublicKey;
import alipaymcp.alipay.AppPrivateKey;
import alipaymcp.json.JsonValue.JsonObject;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;


/** The public API, the bounds, and the simulator under parallel load. */
class GatewaySimulatorTest {

    @Test
    void start_bindsLoopbackAndPublishesMatchingKeys() throws Exception {
        try (GatewaySimulator sim = GatewaySimulator.start(TestKeys.options())) {
            assertThat(sim.gatewayUrl().toString()).matches("http://127\\.0\\.0\\.1:\\d+/gateway\\.do");
            assertThat(sim.appId()).isEqualTo(SimulatorKeys.DEFAULT_APP_ID).hasSize(16).containsOnlyDigits();
            AppPrivateKey app = AppPrivateKey.parse(SimulatorKeys.base64(sim.keys.app().getPrivate().getEncoded()));
            assertThat(app).hasToString("RSA private key (PKCS#8, 2048 bits)");
            assertThat(AlipayPublicKey.parse(SimControl.appPublicKeyBase64(sim)).isPublicHalfOf(app)).isTrue();
            AlipayPublicKey platform = AlipayPublicKey.parse(SimulatorKeys.base64(sim.keys.platform().getPublic().getEncoded()));
            assertThat(platform.isPublicHalfOf(app)).isFalse();
            assertThat(platform.bits()).isEqualTo(2048);
        }
    }

    @Test
    void close_stopsServing() throws Exception {
        GatewaySimulator sim = GatewaySimulator.start(TestKeys.options());
        SimClient client = new SimClient(sim);
        sim.close();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.call(TradeApi.QUERY, "{}"))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void start_onATakenPortFails() throws Exception {
        try (GatewaySimulator first = GatewaySimulator.start(TestKeys.options())) {
            int port = first.gatewayUrl().getPort();
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> GatewaySimulator.start(TestKeys.options().withPort(port)))
                    .isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void bound_refusesNewTradesPastTheLimit() throws Exception {
        try (GatewaySimulator sim = GatewaySimulator.start(TestKeys.options(1_000, 3))) {
            SimClient client = new SimClient(sim);
            for (int i = 1; i <= 3; i++) {
                assertThat(client.openPage(Cashier.WAP, "B" + i, "1", "S", null, null).statusCode()).isEqualTo(200);
            }
            HttpResponse<String> full = client.openPage(Cashier.WAP, "B4", "1", "S", null, null);
            assertThat(full.statusCode()).isEqualTo(409);
            assertThat(full.body()).contains("at most 3 trades");
            assertThat(client.openPage(Cashier.WAP, "B2", "1", "S", null, null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void concurrency_parallelRefundsNeverOverRefund() throws Exception {
        try (GatewaySimulator sim = GatewaySimulator.start(TestKeys.options())) {
            SimClient client = new SimClient(sim);
            client.paidTrade("P1", "2.00");
            List<Callable<JsonObject>> calls = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String biz = "{\"out_trade_no\":\"P1\",\"refund_amount\":0.01,\"out_request_no\":\"R" + i + "\"}";
                calls.add(() -> client.verifiedCall(TradeApi.REFUND, biz));
                if (i % 8 == 0) {
                    calls.add(() -> client.verifiedCall(TradeApi.QUERY, "{\"out_trade_no\":\"P1\"}"));
                }
            }
            int refunded = 0;
            BigDecimal highest = BigDecimal.ZERO;
            for (JsonObject answer : runAll(calls, 8)) {
                if (answer.string("fund_change").orElse("").equals("Y")) {
                    refunded++;
                    highest = highest.max(new BigDecimal(answer.string("refund_fee").orElseThrow()));
                } else if (answer.has("sub_code")) {
                    assertThat(answer.string("sub_code").orElseThrow())
                            .isIn("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "ACQ.TRADE_STATUS_ERROR");
                }
            }
            assertThat(refunded).isEqualTo(200);
            assertThat(highest).isEqualByComparingTo("2.00");
            assertThat(client.verifiedCall(TradeApi.QUERY, "{\"out_trade_no\":\"P1\"}").string("trade_status"))
                    .hasValue("TRADE_CLOSED");
        }
    }

    @Test
    void concurrency_parallelReplaysMoveMoneyOnce() throws Exception {
        try (GatewaySimulator sim = GatewaySimulator.start(TestKeys.options())) {
            SimClient client = new SimClient(sim);
            client.paidTrade("P2", "5");
            List<Callable<JsonObject>> calls = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                calls.add(() -> client.verifiedCall(TradeApi.REFUND,
                        "{\"out_trade_no\":\"P2\",\"refund_amount\":1,\"out_request_no\":\"SAME\"}"));
            }
            long moved = runAll(calls, 8).stream().filter(a -> a.string("fund_change").orElse("").equals("Y")).count();
            assertThat(moved).isEqualTo(1);
            JsonObject later = client.verifiedCall(TradeApi.REFUND,
                    "{\"out_trade_no\":\"P2\",\"refund_amount\":1,\"out_request_no\":\"OTHER\"}");
            assertThat(later.string("refund_fee")).hasValue("2.00");
        }
    }

    private static <T> List<T> runAll(List<Callable<T>> calls, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> future : pool.invokeAll(calls)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
