package alipaymcp.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The only code that touches stdin and stdout: one message per line, in strict UTF-8 whatever the platform
 * charset. A line over the limit is skipped without ever being held whole. Each message is written whole under
 * one lock, so worker threads' replies never interleave and {@link #close} never leaves a half-written line.
 */
final class StdioTransport {
    /** Longest line accepted, in bytes (including a trailing {@code \r}). */
    static final int MAX_LINE_BYTES = 4 * 1024 * 1024;

    private final InputStream in;
    private final OutputStream out;
    private final int maxLineBytes;
    private final PrintStream diagnostics;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder(); // reports malformed input
    private final byte[] chunk = new byte[64 * 1024];
    private int chunkPos;
    private int chunkEnd;
    private byte[] line = new byte[8 * 1024]; // grows up to the limit, never past it
    private final ReentrantLock writeLock = new ReentrantLock();
    private boolean closed; // guarded by writeLock

    StdioTransport(InputStream in, OutputStream out, int maxLineBytes, PrintStream diagnostics) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive");
        }
        this.in = in;
        this.out = out;
        this.maxLineBytes = maxLineBytes;
        this.diagnostics = diagnostics;
    }

    /** The next line without {@code \n} or a trailing {@code \r}, or null at end of input. */
    String readLine() throws IOException, BadLineException {
        int b = read();
        if (b < 0) {
            return null;
        }
        int length = 0;
        boolean tooLong = false;
        for (; b >= 0 && b != '\n'; b = read()) {
            if (length == maxLineBytes) {
                tooLong = true; // the rest of the line is read and dropped
            } else {
                if (length == line.length) {
                    line = Arrays.copyOf(line, (int) Math.min(maxLineBytes, 2L * length));
                }
                line[length++] = (byte) b;
            }
        }
        if (tooLong) {
            throw new BadLineException("line is longer than the limit of " + maxLineBytes
                    + " bytes; it was skipped, send smaller messages");
        }
        ByteBuffer bytes = ByteBuffer.wrap(line, 0, length > 0 && line[length - 1] == '\r' ? length - 1 : length);
        try {
            return decoder.decode(bytes).toString();
        } catch (CharacterCodingException e) { // the buffer stops at the first bad byte
            throw new BadLineException("line is not valid UTF-8 (bad byte at offset " + bytes.position()
                    + "); send UTF-8 text");
        }
    }

    private int read() throws IOException {
        while (chunkPos == chunkEnd) {
            chunkPos = 0;
            chunkEnd = in.read(chunk);
            if (chunkEnd < 0) {
                chunkEnd = 0;
                return -1;
            }
        }
        return chunk[chunkPos++] & 0xff;
    }

    /** Our JSON writer escapes every newline; if stdout breaks, later messages are dropped. */
    void writeLine(String json) {
        if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a protocol message must be one line");
        }
        byte[] frame = (json + "\n").getBytes(StandardCharsets.UTF_8);
        writeLock.lock();
        try {
            if (!closed) {
                out.write(frame);
                out.flush();
            }
        } catch (IOException e) {
            closed = true;
            diagnostics.println("mcp-server-alipay: cannot write to stdout (" + e.getClass().getSimpleName()
                    + "); further replies are dropped");
        } finally {
            writeLock.unlock();
        }
    }

    /** Stops all output once the line being written is out: a client that stopped reading cannot hold us. */
    void close(long timeoutMillis) {
        try {
            if (writeLock.tryLock(timeoutMillis, TimeUnit.MILLISECONDS)) {
                closed = true;
                writeLock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An input line that cannot be a JSON-RPC message (too long, not UTF-8); answered with -32700. */
    static final class BadLineException extends Exception {
        private static final long serialVersionUID = 1L;

        BadLineException(String message) {
            super(message);
        }
    }
}
