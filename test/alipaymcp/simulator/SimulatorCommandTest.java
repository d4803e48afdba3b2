package alipaymcp.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import alipaymcp.simulator.Faults.Fault;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The command line: --help, usage errors (exit 64) and the one start-up line. */
class SimulatorCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SimulatorCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void help_printsWhatIsAndIsNotModelled() {
        assertThat(run("--help")).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).isEqualTo(SimulatorCommand.HELP);
        assertThat(help).contains("--port N", "--keys DIR", "--notify-delay-ms N", "127.0.0.1", "What it models",
                "What it does not model", "isv.invalid-signature", "ACQ.TRADE_NOT_EXIST", "fund_change=N",
                "ACQ.DISCORDANT_REPEAT_REQUEST", "TRADE_CLOSED", "REFUND_SUCCESS", "/__sim/fault", "NOT Alipay",
                SimulatorKeys.DEFAULT_APP_ID, SimulatorKeys.APP_PRIVATE, SimulatorKeys.ALIPAY_PUBLIC);
        for (Fault.Kind kind : Fault.Kind.values()) {
            assertThat(help).as(kind.token()).contains(kind.token());
        }
        for (String line : help.split("\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(100);
        }
    }

    @Test
    void run_badOptionsExitWithUsage() {
        String[][] cases = {{"--bogus"}, {"--port"}, {"--port", "70000"}, {"--port", "x"}, {"--notify-delay-ms", "-1"},
            {"--keys"}, {"--host", "0.0.0.0"}};
        for (String[] args : cases) {
            err.reset();
            assertThat(run(args)).as(String.join(" ", args)).isEqualTo(SimulatorCommand.EXIT_USAGE);
            assertThat(err().lines().count()).isEqualTo(1);
            assertThat(err()).startsWith("mcp-server-alipay simulator: ").contains("simulator --help");
        }
        assertThat(out.size()).isZero();
    }

    @Test
    void run_unusableKeyFolderFailsToStart() throws Exception {
        Path file = java.nio.file.Files.createTempFile("not-a-dir", ".txt");
        assertThat(run("--keys", file.toString())).isEqualTo(1);
        assertThat(err()).contains("cannot start");
    }

    @Test
    void startLine_namesGatewayAppIdAndKeyFiles() throws Exception {
        try (GatewaySimulator sim = GatewaySimulator.start(TestKeys.options())) {
            String line = SimulatorCommand.startLine(sim, TestKeys.options().keysDir());
            assertThat(line).contains("gateway=" + sim.gatewayUrl(), "app_id=" + sim.appId(), "app_private_key.txt",
                    "alipay_public_key.txt").doesNotContain("\n").doesNotContain(sim.serverEnvironment().get("AP_APP_KEY"));
            assertThat(SimulatorCommand.startLine(sim, null)).contains("keys=in-memory");
        }
    }
}
