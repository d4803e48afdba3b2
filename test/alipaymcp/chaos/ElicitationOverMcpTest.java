package alipaymcp.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue.JsonString;
import alipaymcp.tools.SimulatedTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refund question through the real jar ({@code --simulator}) over stdio, as a client that declared
 * elicitation sees it: the person says yes to one refund and no to another; only the first reaches the
 * simulator, and the log records both outcomes.
 */
class ElicitationOverMcpTest {
    @TempDir
    Path home;

    @Test
    void onlyTheConfirmedRefundIsMade_andTheLogSaysHowEachQuestionEnded() throws Exception {
        try (McpProcess server = McpProcess.launch(Map.of("HOME", home.toString()), "--simulator")) {
            JsonObject init = server.request("initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":"
                    + "{\"elicitation\":{}},\"clientInfo\":{\"name\":\"elicitation-test\",\"version\":\"1\"}}");
            assertThat(init.has("result")).as(init.toJson()).isTrue();
            server.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            String order = SimulatedTools.orderNo("ASK");
            McpProcess.Result link = server.call("create-web-page-alipay-payment", "{\"outTradeNo\":\"" + order
                    + "\",\"totalAmount\":50,\"orderTitle\":\"elicitation over stdio\"}");
            SimulatedTools.payAtCashier(link.url());

            McpProcess.Result yes = refundAnswering(server, order, "R1", 1,
                    "{\"action\":\"accept\",\"content\":{\"confirm\":true}}");
            assertThat(yes.isError()).as(yes.text()).isFalse();
            assertThat(yes.text()).startsWith("退款结果: 退款成功");
            McpProcess.Result no = refundAnswering(server, order, "R2", 2, "{\"action\":\"decline\"}");
            assertThat(no.isError()).isTrue();
            assertThat(no.text()).startsWith("No refund was made and nothing was sent to Alipay: the person did not"
                    + " confirm it (they declined).");

            assertThat(server.call("query-alipay-refund", "{\"outRequestNo\":\"R1\",\"outTradeNo\":\"" + order + "\"}")
                    .text()).startsWith("查询到退款成功").endsWith("退款金额: 3.00 , 退款状态: REFUND_SUCCESS");
            assertThat(server.call("query-alipay-refund", "{\"outRequestNo\":\"R2\",\"outTradeNo\":\"" + order + "\"}")
                    .text()).startsWith("未查询到退款成功");
            assertThat(server.finish()).isZero();
        }
        List<String> log = Files.readAllLines(home.resolve("mcp-server-alipay-simulator.log"));
        assertThat(log).filteredOn(l -> l.contains(" tool=refund-alipay-payment ")).hasSize(2)
                .anySatisfy(l -> assertThat(l).contains("outRequestNo=R1 confirmation=confirmed result=10000/REFUND_SUCCESS "))
                .anySatisfy(l -> assertThat(l).contains("outRequestNo=R2 confirmation=declined result=not-confirmed "));
    }

    /**
     * Calls the refund tool on another thread, waits for the server's {@code n}-th question (bounded), checks it
     * and answers it with {@code answer}; returns the call's result.
     */
    private static McpProcess.Result refundAnswering(McpProcess server, String order, String requestNo, int n,
            String answer) throws Exception {
        CompletableFuture<McpProcess.Result> call = CompletableFuture.supplyAsync(() -> {
            try {
                return server.call("refund-alipay-payment", "{\"outTradeNo\":\"" + order + "\",\"refundAmount\":3,"
                        + "\"outRequestNo\":\"" + requestNo + "\",\"refundReason\":\"over stdio\"}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        JsonObject question = question(server, n);
        assertThat(question.get("id")).isEqualTo(new JsonString("alipaymcp-" + n));
        JsonObject params = question.object("params").orElseThrow();
        assertThat(params.string("mode")).hasValue("form");
        assertThat(params.string("message").orElseThrow()).startsWith("Refund ¥3.00 of order " + order
                + " to the buyer (refund request " + requestNo + ").\nReason: \"over stdio\".");
        server.send("{\"jsonrpc\":\"2.0\",\"id\":\"alipaymcp-" + n + "\",\"result\":" + answer + "}");
        return call.get(60, TimeUnit.SECONDS);
    }

    /** The {@code n}-th elicitation/create the server wrote, waiting at most 30 s for it. */
    private static JsonObject question(McpProcess server, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            List<String> questions = server.stdout().stream().filter(l -> l.contains("\"elicitation/create\"")).toList();
            if (questions.size() >= n) {
                return (JsonObject) JsonParser.parse(questions.get(n - 1));
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no elicitation/create #" + n + " within 30 s; stdout: " + server.stdout()
                + "\nstderr: " + server.stderr());
    }
}
