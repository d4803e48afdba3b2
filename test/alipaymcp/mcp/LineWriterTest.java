package alipaymcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineWriterTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream diagnostics = new PrintStream(err, true, StandardCharsets.UTF_8);

    @Test
    void writeLine_writesUtf8PlusNewlineInOneWriteAndFlushes() throws Exception {
        LineSink sink = new LineSink();
        new LineWriter(sink, diagnostics).writeLine("{\"t\":\"支付 ✓\"}");
        assertThat(sink.next(0)).isEqualTo("{\"t\":\"支付 ✓\"}");
        assertThat(sink.violations()).isEmpty();
    }

    @Test
    void writeLine_isUtf8WhateverTheDefaultCharset() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new LineWriter(out, diagnostics).writeLine("é");
        assertThat(out.toByteArray()).containsExactly(0xc3, 0xa9, '\n');
    }

    @Test
    void writeLine_refusesAMessageThatIsNotOneLine() {
        LineWriter writer = new LineWriter(new ByteArrayOutputStream(), diagnostics);
        assertThatThrownBy(() -> writer.writeLine("a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.writeLine("a\rb")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writeLine_writesNothingAfterClose() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LineWriter writer = new LineWriter(out, diagnostics);
        writer.writeLine("1");
        writer.close(100);
        writer.writeLine("2");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("1\n");
    }

    @Test
    void writeLine_saysOnceOnStderrThatStdoutBroke() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        LineWriter writer = new LineWriter(broken, diagnostics);
        writer.writeLine("1");
        writer.writeLine("2");
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("mcp-server-alipay: cannot write to stdout (IOException); further replies are dropped\n");
    }

    @Test
    void writeLine_fromManyThreadsNeverInterleavesLines() throws Exception {
        LineSink sink = new LineSink();
        LineWriter writer = new LineWriter(sink, diagnostics);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String line = "{\"thread\":\"" + "x".repeat(1000 * (t + 1)) + "\"}";
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    writer.writeLine(line);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(sink.violations()).isEmpty();
        assertThat(sink.remaining()).hasSize(1600).allSatisfy(l -> assertThat(l).startsWith("{\"thread\":\"x").endsWith("x\"}"));
    }
}
