package alipaymcp;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.chaos.McpProcess;
import alipaymcp.chaos.McpProcess.Result;
import alipaymcp.simulator.GatewaySimulator;
import alipaymcp.simulator.SimControl;
import alipaymcp.simulator.SimulatorOptions;
import alipaymcp.tools.SimulatedTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate mode and AES content encryption end to end: the jar as an MCP server process, against the
 * simulator in the same mode, with the files and key it writes, as a merchant would try them.
 */
class CertificateModeOverMcpTest {
    @TempDir
    Path home;

    @Test
    void certificateMode_worksThroughARotation_andRefusesAForgedChain_reportingARefundAsUnknown() throws Exception {
        try (GatewaySimulator sim = GatewaySimulator.start(SimulatorOptions.defaults().withCertificateMode(true)
                .withKeysDir(home.resolve("keys")));
                McpProcess server = McpProcess.start(serverEnv(sim))) {
            String no = SimulatedTools.orderNo("CERT");
            Result link = server.call("create-web-page-alipay-payment", "{\"outTradeNo\":\"" + no
                    + "\",\"totalAmount\":20.00,\"orderTitle\":\"cert order\"}");
            assertThat(link.isError()).as(link.text()).isFalse();
            assertThat(link.url()).contains("&app_cert_sn=").contains("&alipay_root_cert_sn=");
            SimulatedTools.payAtCashier(link.url());
            assertThat(server.call("query-alipay-payment", query(no)).text()).startsWith("交易状态: TRADE_SUCCESS");

            SimControl.rotateAlipayCertificate(sim, false); // Alipay re-issues its certificate in the middle of the session
            Result afterRotation = server.call("query-alipay-payment", query(no));
            assertThat(afterRotation.isError()).as(afterRotation.text()).isFalse();
            Result refund = server.call("refund-alipay-payment", refund(no, "R1"));
            assertThat(refund.isError()).as(refund.text()).isFalse();
            assertThat(refund.text()).startsWith("退款结果: 退款成功");

            SimControl.rotateAlipayCertificate(sim, true); // a certificate that does not chain to the root file
            Result forged = server.call("query-alipay-payment", query(no));
            assertThat(forged.isError()).isTrue();
            assertThat(forged.text()).contains("which is not in AP_ALIPAY_CERT_PATH", "does not validate against"
                    + " AP_ALIPAY_ROOT_CERT_PATH", "was not trusted");
            Result unknown = server.call("refund-alipay-payment", refund(no, "R2"));
            assertThat(unknown.isError()).isTrue();
            assertThat(unknown.text()).contains("the refund may or may not have been made")
                    .contains("query-alipay-refund").doesNotContain("退款执行失败");
        }
    }

    @Test
    void aes_encryptsTheApiCalls_leavesPaymentLinksPlain_andReportsAGatewayThatCannotDecrypt() throws Exception {
        try (GatewaySimulator sim = GatewaySimulator.start(SimulatorOptions.defaults().withAes(true))) {
            Map<String, String> env = serverEnv(sim);
            assertThat(env).containsKey("AP_ENCRYPT_KEY");
            env.put("AP_LOG_ENABLED", "true"); // the log must name the mode and never show the key
            try (McpProcess server = McpProcess.start(env)) {
                String no = SimulatedTools.orderNo("AES");
                Result link = server.call("create-mobile-alipay-payment", "{\"outTradeNo\":\"" + no
                        + "\",\"totalAmount\":3.00,\"orderTitle\":\"aes order\"}");
                assertThat(link.url()).doesNotContain("encrypt_type").contains("aes+order".replace("+", "%20"));
                SimulatedTools.payAtCashier(link.url());
                assertThat(server.call("query-alipay-payment", query(no)).text()).startsWith("交易状态: TRADE_SUCCESS");
                assertThat(server.call("refund-alipay-payment", refund(no, "R1")).text()).startsWith("退款结果: 退款成功");
                assertThat(server.call("query-alipay-refund", "{\"outTradeNo\":\"" + no + "\",\"outRequestNo\":\"R1\"}")
                        .text()).startsWith("查询到退款成功");
                assertThat(server.finish()).isZero();
                String log = Files.readString(home.resolve("mcp-server-alipay.log"));
                assertThat(log).contains("AES on (128-bit key)").contains("public-key mode")
                        .doesNotContain(env.get("AP_ENCRYPT_KEY"));
                assertThat(String.join("\n", server.stderr())).doesNotContain(env.get("AP_ENCRYPT_KEY"));
            }
            env.put("AP_LOG_ENABLED", "false");
            env.put("AP_ENCRYPT_KEY", "aYA0GP8JEW+D7/UFaskCWA=="); // not the app's key: the gateway cannot decrypt
            try (McpProcess wrongKey = McpProcess.start(env)) {
                Result q = wrongKey.call("query-alipay-payment", query("NO_SUCH_ORDER"));
                assertThat(q.isError()).isTrue();
                assertThat(q.text()).contains("isv.invalid-encrypt");
            }
        }
    }

    @Test
    void simulatorFlags_runTheServerInCertificateModeWithAes() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("AP_LOG_ENABLED", "false");
        try (McpProcess server = McpProcess.start(env, "--simulator", "--cert", "--aes")) {
            String no = SimulatedTools.orderNo("FLAGS");
            Result link = server.call("create-web-page-alipay-payment", "{\"outTradeNo\":\"" + no
                    + "\",\"totalAmount\":1.00,\"orderTitle\":\"flags\"}");
            assertThat(link.url()).contains("&app_cert_sn=");
            SimulatedTools.payAtCashier(link.url());
            assertThat(server.call("query-alipay-payment", query(no)).text()).startsWith("交易状态: TRADE_SUCCESS");
            assertThat(String.join("\n", server.stderr())).contains("certificate mode, AES on");
        }
    }

    @Test
    void simulatorFlags_otherThanCertAndAes_areAUsageError() throws Exception {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int status = Main.run(new String[] {"--simulator", "--cert", "--rsa"}, new java.io.ByteArrayOutputStream(),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("unknown argument '--rsa'");
    }

    private Map<String, String> serverEnv(GatewaySimulator sim) {
        Map<String, String> env = new HashMap<>(sim.serverEnvironment());
        env.put("HOME", home.toString());
        env.put("AP_LOG_ENABLED", "false");
        return env;
    }

    private static String query(String no) {
        return "{\"outTradeNo\":\"" + no + "\"}";
    }

    private static String refund(String no, String requestNo) {
        return "{\"outTradeNo\":\"" + no + "\",\"refundAmount\":1.00,\"outRequestNo\":\"" + requestNo + "\"}";
    }
}
