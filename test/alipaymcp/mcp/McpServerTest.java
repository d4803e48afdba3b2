package alipaymcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alipaymcp.tools.Tool;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class McpServerTest {
    /** Golden transcripts live beside this test; tests run from the repository root. */
    static final Path GOLDEN = Path.of("test", "alipaymcp", "mcp", "golden");

    @TestFactory
    Stream<DynamicTest> goldenTranscripts() throws IOException {
        List<Path> files = GoldenTranscript.files(GOLDEN);
        assertThat(files).isNotEmpty();
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(),
                () -> new GoldenTranscript(f).run()));
    }

    @Test
    void run_returnsZeroAtOnceOnEndOfInput() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int status = server().run(new ByteArrayInputStream(new byte[0]), out);
        assertThat(status).isZero();
        assertThat(out.size()).isZero();
        assertThat((System.nanoTime() - start) / 1_000_000).as("no wait for a timeout").isLessThan(5_000);
    }

    @Test
    void run_answersWhatWasReadBeforeEndOfInput() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] in = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(server().run(new ByteArrayInputStream(in), out)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n");
    }

    @Test
    void run_waitsForACallInFlightOnlyUpToTheBound() {
        String lines = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\"}}\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"slow\"}}\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        McpServer server = new McpServer("1", TestTools.named("slow"), null, 200, McpServer.DEFAULT_QUESTION_MILLIS,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        long start = System.nanoTime();
        int status = server.run(new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)), out);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(status).isZero();
        assertThat(millis).isBetween(150L, 3_000L);
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("\"id\":1");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("1 tool call(s) still running at exit");
    }

    @Test
    void run_returnsOneWhenStdinFails() {
        McpServer server = server();
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("gone");
            }
        };
        assertThat(server.run(broken, new ByteArrayOutputStream())).isEqualTo(1);
    }

    @Test
    void constructor_rejectsTwoToolsWithOneName() {
        List<Tool> twice = List.of(TestTools.named("echo").get(0), TestTools.named("echo").get(0));
        assertThatThrownBy(() -> new McpServer("1", twice, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("echo");
    }

    @Test
    void toolFailure_tellsStderrWhatFailedButNotTheClient() throws Exception {
        Path file = Files.createTempFile("boom", ".txt");
        try {
            Files.writeString(file, String.join("\n",
                    "server boom",
                    "> {\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\"}}",
                    "< {\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"tools\":{\"listChanged\":false}},\"serverInfo\":{\"name\":\"mcp-server-alipay\",\"version\":\"9.9.9-test\"}}}",
                    "> {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"boom\"}}",
                    "< {\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32603,\"message\":\"Internal error\",\"data\":\"the tool failed unexpectedly; see the server's stderr\"}}",
                    ""));
            GoldenTranscript transcript = new GoldenTranscript(file);
            transcript.run();
            assertThat(transcript.stderr()).contains("tool boom threw java.lang.IllegalStateException at ")
                    .doesNotContain("secret-internal-detail");
        } finally {
            Files.delete(file);
        }
    }

    private static McpServer server() {
        return new McpServer("1", TestTools.named("all"), null, 5_000, McpServer.DEFAULT_QUESTION_MILLIS,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }
}
