package alipaymcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alipaymcp.mcp.LineReader.BadLineException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    @Test
    void readLine_splitsOnNewlineAndDropsOneTrailingCr() throws Exception {
        LineReader reader = reader("a\nb\r\nc\r\r\n", 100);
        assertThat(reader.readLine()).isEqualTo("a");
        assertThat(reader.readLine()).isEqualTo("b");
        assertThat(reader.readLine()).isEqualTo("c\r");
        assertThat(reader.readLine()).isNull();
    }

    @Test
    void readLine_returnsEmptyLinesAsEmptyStrings() throws Exception {
        LineReader reader = reader("\n\r\nx\n", 100);
        assertThat(reader.readLine()).isEmpty();
        assertThat(reader.readLine()).isEmpty();
        assertThat(reader.readLine()).isEqualTo("x");
        assertThat(reader.readLine()).isNull();
    }

    @Test
    void readLine_returnsALastLineWithoutNewlineThenNull() throws Exception {
        LineReader reader = reader("one\ntwo", 100);
        assertThat(reader.readLine()).isEqualTo("one");
        assertThat(reader.readLine()).isEqualTo("two");
        assertThat(reader.readLine()).isNull();
        assertThat(reader.readLine()).isNull();
    }

    @Test
    void readLine_decodesUtf8WhateverTheReadBoundaries() throws Exception {
        byte[] bytes = "支付 😀\nnext\n".getBytes(StandardCharsets.UTF_8);
        LineReader reader = new LineReader(new OneByteAtATime(bytes), 100);
        assertThat(reader.readLine()).isEqualTo("支付 😀");
        assertThat(reader.readLine()).isEqualTo("next");
    }

    @Test
    void readLine_rejectsInvalidUtf8WithTheOffsetAndReadsOn() throws Exception {
        LineReader reader = new LineReader(new ByteArrayInputStream(new byte[] {'a', 'b', (byte) 0xff, '\n', 'o', 'k', '\n'}), 100);
        assertThatThrownBy(reader::readLine).isInstanceOf(BadLineException.class)
                .hasMessage("line is not valid UTF-8 (bad byte at offset 2); send UTF-8 text");
        assertThat(reader.readLine()).isEqualTo("ok");
    }

    @Test
    void readLine_rejectsASequenceCutShortAtTheEndOfInput() {
        LineReader reader = new LineReader(new ByteArrayInputStream(new byte[] {'x', (byte) 0xe6, (byte) 0x94}), 100);
        assertThatThrownBy(reader::readLine).isInstanceOf(BadLineException.class).hasMessageContaining("offset 1");
    }

    @Test
    void readLine_acceptsALineOfExactlyTheLimitAndRejectsOneByteMore() throws Exception {
        LineReader reader = reader("12345\n123456\nok\n", 5);
        assertThat(reader.readLine()).isEqualTo("12345");
        assertThatThrownBy(reader::readLine).isInstanceOf(BadLineException.class)
                .hasMessage("line is longer than the limit of 5 bytes; it was skipped, send smaller messages");
        assertThat(reader.readLine()).isEqualTo("ok");
    }

    @Test
    void readLine_skipsAnOverLongLineWithoutHoldingIt() throws Exception {
        InputStream in = new GeneratedInputStream(50L * 1024 * 1024 - 4, "ooo".getBytes(StandardCharsets.UTF_8));
        LineReader reader = new LineReader(in, 64 * 1024);
        assertThatThrownBy(reader::readLine).isInstanceOf(BadLineException.class);
        assertThat(reader.capacity()).isLessThanOrEqualTo(64 * 1024);
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
        assertThatThrownBy(() -> new LineReader(broken, 10).readLine()).isInstanceOf(IOException.class);
    }

    private static LineReader reader(String text, int max) {
        return new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
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
