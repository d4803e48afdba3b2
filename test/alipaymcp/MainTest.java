package alipaymcp;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.tools.ToolRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line around the server: help, the simulator session's own log, the initialize instructions. */
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int main(String... args) {
        return Main.run(args, out, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void simulatorHelp_printsTheHelp() {
        for (String help : new String[] {"--help", "-h"}) {
            out.reset();
            assertThat(main("--simulator", help)).as(help).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).as(help).isEqualTo(Main.help());
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(Main.help()).contains("mcp-server-alipay-simulator.log");
    }

    @Test
    void simulatorWithAnotherArgument_isStillAUsageError() {
        assertThat(main("--simulator", "--verbose")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown argument '--verbose'");
    }

    @Test
    void instructions_tellTheAgentTheFourRulesInShortEnglish() {
        assertThat(ToolRegistry.INSTRUCTIONS).contains("CNY yuan with at most two decimals")
                .contains("payment link: show it to the buyer")
                .contains("To retry a refund, reuse the same outRequestNo")
                .contains("When a refund's outcome is unknown, call query-alipay-refund");
        assertThat(ToolRegistry.INSTRUCTIONS.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
        assertThat(ToolRegistry.INSTRUCTIONS.length()).isLessThan(600);
    }

    @Test
    void simulatorSession_sendsTheInstructions_andLogsToItsOwnFileNeverTheRealOne(@TempDir Path home)
            throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-jar",
                System.getProperty("jar.path", "build/mcp-server-alipay.jar"), "--simulator");
        builder.environment().keySet().removeIf(name -> name.startsWith("AP_"));
        builder.environment().put("HOME", home.toString());
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process server = builder.start();
        String session = String.join("\n",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"main-test\",\"version\":\"1\"}}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}", "");
        server.getOutputStream().write(session.getBytes(StandardCharsets.UTF_8));
        server.getOutputStream().close();
        List<String> replies = new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("exits after stdin closed").isTrue();
        assertThat(server.exitValue()).isZero();

        JsonObject initialize = (JsonObject) JsonParser.parse(replies.get(0));
        assertThat(initialize.object("result").orElseThrow().string("instructions")).hasValue(ToolRegistry.INSTRUCTIONS);
        assertThat(home.resolve(Main.SIMULATOR_LOG_FILE_NAME)).as("the simulator session's log").exists();
        assertThat(Files.readString(home.resolve(Main.SIMULATOR_LOG_FILE_NAME))).contains("start");
        assertThat(home.resolve("mcp-server-alipay.log")).as("the real log is never written by a simulator session")
                .doesNotExist();
    }
}
