package alipaymcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alipaymcp.mcp.StdioTransport.BadLineException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading lines from stdin and writing them to stdout. */
class StdioTransportTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream diagnostics = new PrintStream(err, true, StandardCharsets.UTF_8);

    @Test
    void readLine_splitsOnNewlineAndDropsOneTrailingCr() throws Exception {
        StdioTransport reader = reader("a\nb\r\nc\r\r\n", 100);
        assertThat(reader.readLine()).isEqualTo("a");
        assertThat(reader.readLine()).isEqualTo("b");
        assertThat(reader.readLine()).isEqualTo("c\r");
        assertThat(reader.readLine()).isNull();
    }

    @Test
    void readLine_returnsEmptyLinesAsEmptyStrings() throws Exception {
        StdioTransport reader = reader("\n\r\nx\n", 100);
        assertThat(reader.readLine()).isEmpty();
        assertThat(reader.readLine()).isEmpty();
        assertThat(reader.readLine()).isEqualTo("x");
        assertThat(reader.readLine()).isNull();
    }

    @Test
    void readLine_returnsALastLineWithoutNewlineThenNull() throws Exception {
        StdioTransport reader = reader("one\ntwo", 100);
        assertThat(reader.readLine()).isEqualTo("one");
        assertThat(reader.readLine()).isEqualTo("two");
        assertThat(reader.readLine()).isNull();
        assertThat(reader.readLine()).isNull();
    }

    @Test
    void readLine_decodesUtf8WhateverTheReadBoundaries() throws Exception {
        byte[] bytes = "支付 😀\nnext\n".getBytes(StandardCharsets.UTF_8);
        StdioTransport reader = reader(new OneByteAtATime(bytes), 100);
        assertThat(reader.readLine()).isEqualTo("支付 😀");
        assertThat(reader.readLine()).isEqualTo("next");
    }

    @Test
    void readLine_rejectsInvalidUtf8WithTheOffsetAndReadsOn() throws Exception {
        StdioTransport reader = reader(new ByteArrayInputStream(new byte[] {'a', 'b', (byte) 0xff, '\n', 'o', 'k', '\n'}), 100);
        assertThatThrownBy(reader::readLine).isInstanceOf(BadLineException.class)
                .hasMessage("line is not valid UTF-8 (bad byte at offset 2); send UTF-8 text");
        assertThat(reader.readLine()).isEqualTo("ok");
    }

    @Test
    void readLine_rejectsASequenceCutShortAtTheEndOfInput() {
        StdioTransport reader = reader(new ByteArrayInputStream(new byte[] {'x', (byte) 0xe6, (byte) 0x94}), 100);
        assertThatThrownBy(reader::readLine).isInstanceOf(BadLineException.class).hasMessageContaining("offset 1");
    }

    @Test
    void readLine_acceptsALineOfExactlyTheLimitAndRejectsOneByteMore() throws Exception {
        StdioTransport reader = reader("12345\n123456\nok\n", 5);
        assertThat(reader.readLine()).isEqualTo("12345");
        assertThatThrownBy(reader::readLine).isInstanceOf(BadLineException.class)
                .hasMessage("line is longer than the limit of 5 bytes; it was skipped, send smaller messages");
        assertThat(reader.readLine()).isEqualTo("ok");
    }

    @Test
    void readLine_skipsAnOverLongLineAndReadsOn() throws Exception {
        InputStream in = new GeneratedInputStream(50L * 1024 * 1024 - 4, "ooo".getBytes(StandardCharsets.UTF_8));
        StdioTransport reader = reader(in, 64 * 1024);
        assertThatThrownBy(reader::readLine).isInstanceOf(BadLineException.class);
        assertThat(reader.readLine()).isEqualTo("ooo");
        assertThat(reader.readLine()).isNull();
    }

    @Test
    void readLine_passesReadFailuresOn() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("gone");
            }
        };
        assertThatThrownBy(() -> reader(broken, 10).readLine()).isInstanceOf(IOException.class);
    }

    @Test
    void writeLine_writesUtf8PlusNewlineInOneWriteAndFlushes() throws Exception {
        LineSink sink = new LineSink();
        writer(sink).writeLine("{\"t\":\"支付 ✓\"}");
        assertThat(sink.next(0)).isEqualTo("{\"t\":\"支付 ✓\"}");
        assertThat(sink.violations()).isEmpty();
    }

    @Test
    void writeLine_isUtf8WhateverTheDefaultCharset() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer(out).writeLine("é");
        assertThat(out.toByteArray()).containsExactly(0xc3, 0xa9, '\n');
    }

    @Test
    void writeLine_refusesAMessageThatIsNotOneLine() {
        StdioTransport writer = writer(new ByteArrayOutputStream());
        assertThatThrownBy(() -> writer.writeLine("a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.writeLine("a\rb")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writeLine_writesNothingAfterClose() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StdioTransport writer = writer(out);
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
        StdioTransport writer = writer(broken);
        writer.writeLine("1");
        writer.writeLine("2");
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("mcp-server-alipay: cannot write to stdout (IOException); further replies are dropped\n");
    }

    @Test
    void writeLine_fromManyThreadsNeverInterleavesLines() throws Exception {
        LineSink sink = new LineSink();
        StdioTransport writer = writer(sink);
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

    private StdioTransport reader(String text, int max) {
        return reader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
    }

    private StdioTransport reader(InputStream in, int max) {
        return new StdioTransport(in, OutputStream.nullOutputStream(), max, diagnostics);
    }

    private StdioTransport writer(OutputStream out) {
        return new StdioTransport(InputStream.nullInputStream(), out, 100, diagnostics);
    }

    /** Hands out one byte per read, as a slow pipe may. */
    private static final class OneByteAtATime extends InputStream {
        private final byte[] bytes;
        private int pos;

        OneByteAtATime(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return pos < bytes.length ? bytes[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= bytes.length) {
                return -1;
            }
            b[off] = bytes[pos++];
            return 1;
        }
    }
}
