package alipaymcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alipaymcp.mcp.StdioTransport.BadLineException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The hostile-input corpus (issue 7): at least 200 malformed or hostile inputs, each with its expected reply,
 * run in-process by {@link HostileCorpus}; after each one the server must still answer a ping and must have
 * answered every request exactly once. Plus the memory bound of an over-long line.
 */
class HostileInputTest {
    /** The corpus lives beside this test; tests run from the repository root. */
    static final Path CORPUS = Path.of("test", "alipaymcp", "mcp", "hostile");

    @TestFactory
    Stream<DynamicTest> corpus_everyCaseGetsItsReplyAndTheServerServesOn() throws IOException {
        return GoldenTranscript.files(CORPUS).stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(),
                () -> {
                    HostileCorpus corpus = new HostileCorpus(f);
                    corpus.run();
                    assertThat(corpus.cases()).as("cases in " + f.getFileName()).isPositive();
                }));
    }

    @Test
    void corpus_hasAtLeast200Cases() throws IOException {
        long cases = 0;
        for (Path file : GoldenTranscript.files(CORPUS)) {
            cases += Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("case ")).count();
        }
        assertThat(cases).isGreaterThanOrEqualTo(200);
    }

    @Test
    void lineReader_skipsA10MegabyteLineWithoutHoldingIt() throws Exception {
        byte[] ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\n".getBytes(StandardCharsets.UTF_8);
        StdioTransport reader = new StdioTransport(new GeneratedInputStream(10L * 1024 * 1024, ping),
                OutputStream.nullOutputStream(), StdioTransport.MAX_LINE_BYTES, System.err);
        assertThatThrownBy(reader::readLine).isInstanceOf(BadLineException.class).hasMessageContaining("longer than");
        assertThat(reader.readLine()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
        assertThat(reader.readLine()).isNull();
    }

    @Test
    void lineReader_skipsAGibibyteLineThroughA64KibibyteLimit() throws Exception {
        // 1 GiB through a 64 KiB limit; the memory bound itself is HostileJarTest's (a 48 MB heap).
        StdioTransport reader = new StdioTransport(new GeneratedInputStream(1L << 30, new byte[] {'{', '}', '\n'}),
                OutputStream.nullOutputStream(), 64 * 1024, System.err);
        assertThatThrownBy(reader::readLine).isInstanceOf(BadLineException.class);
        assertThat(reader.readLine()).isEqualTo("{}");
    }
}
