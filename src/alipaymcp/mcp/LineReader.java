package alipaymcp.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits raw stdin bytes into lines on {@code \n} (a trailing {@code \r} is dropped) and decodes each one
 * as strict UTF-8, whatever the platform charset. A line longer than the limit is skipped up to its
 * {@code \n} without ever being held whole, and reported as one {@link BadLineException}.
 * Not thread-safe: one reader thread owns it.
 */
final class LineReader {
    /** Longest line accepted, in bytes (including a trailing {@code \r}). */
    static final int DEFAULT_MAX_LINE_BYTES = 4 * 1024 * 1024;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] chunk = new byte[64 * 1024];
    private int chunkPos;
    private int chunkEnd;
    private byte[] line = new byte[8 * 1024];
    private int lineLength;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    LineReader(InputStream in, int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive");
        }
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * The next line without its terminator ({@code ""} for an empty line), or null at end of input.
     * A last line without {@code \n} is still returned.
     */
    String readLine() throws IOException, BadLineException {
        lineLength = 0;
        boolean sawAny = false;
        boolean tooLong = false;
        while (true) {
            if (chunkPos == chunkEnd && !fill()) {
                if (!sawAny) {
                    return null;
                }
                break;
            }
            sawAny = true;
            int newline = indexOfNewline();
            int end = newline < 0 ? chunkEnd : newline;
            if (!tooLong) {
                tooLong = !append(chunkPos, end - chunkPos);
            }
            chunkPos = newline < 0 ? chunkEnd : newline + 1;
            if (newline >= 0) {
                break;
            }
        }
        if (tooLong) {
            throw new BadLineException("line is longer than the limit of " + maxLineBytes
                    + " bytes; it was skipped, send smaller messages");
        }
        return decode();
    }

    /** Bytes held for the current line; never more than the limit (tests check an over-long line is not kept). */
    int capacity() {
        return line.length;
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(chunk);
        } while (n == 0);
        chunkPos = 0;
        chunkEnd = Math.max(n, 0);
        return n > 0;
    }

    private int indexOfNewline() {
        for (int i = chunkPos; i < chunkEnd; i++) {
            if (chunk[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Appends bytes of the current line; false (and the line dropped) once it would pass the limit. */
    private boolean append(int from, int count) {
        if (count > maxLineBytes - lineLength) {
            lineLength = 0;
            return false;
        }
        if (lineLength + count > line.length) {
            int size = (int) Math.min(maxLineBytes, Math.max(2L * line.length, (long) lineLength + count));
            line = Arrays.copyOf(line, size);
        }
        System.arraycopy(chunk, from, line, lineLength, count);
        lineLength += count;
        return true;
    }

    private String decode() throws BadLineException {
        int length = lineLength;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
        CharBuffer chars = CharBuffer.allocate(length); // UTF-8 never gives more chars than bytes
        decoder.reset();
        CoderResult result = decoder.decode(bytes, chars, true);
        if (!result.isError()) {
            result = decoder.flush(chars);
        }
        if (result.isError()) {
            throw new BadLineException("line is not valid UTF-8 (bad byte at offset " + bytes.position()
                    + "); send UTF-8 text");
        }
        return chars.flip().toString();
    }

    /** An input line that cannot be a JSON-RPC message (too long, not UTF-8); answered with -32700. */
    static final class BadLineException extends Exception {
        private static final long serialVersionUID = 1L;

        BadLineException(String message) {
            super(message);
        }
    }
}
