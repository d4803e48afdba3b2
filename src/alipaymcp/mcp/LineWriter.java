package alipaymcp.mcp;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The only code that writes to stdout. Each message goes out whole, as UTF-8 bytes plus {@code \n}, in a
 * single write under one lock and is flushed at once, so replies from worker threads never interleave
 * within a line. {@link #close} takes the same lock, so a process that exits after it never leaves a
 * half-written line. If stdout breaks (the client went away) that is said once on stderr and later
 * messages are dropped.
 */
final class LineWriter {
    private final OutputStream out;
    private final PrintStream diagnostics;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    LineWriter(OutputStream out, PrintStream diagnostics) {
        this.out = out;
        this.diagnostics = diagnostics;
    }

    /** Writes one message; {@code json} must be a single line (our JSON writer escapes every newline). */
    void writeLine(String json) {
        if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a protocol message must be one line");
        }
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[text.length + 1];
        System.arraycopy(text, 0, frame, 0, text.length);
        frame[text.length] = '\n';
        lock.lock();
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
            lock.unlock();
        }
    }

    /**
     * Stops all further output once the line being written (if any) is out. Waits at most
     * {@code timeoutMillis} for it: a client that stopped reading must not keep the process alive.
     */
    void close(long timeoutMillis) {
        try {
            if (lock.tryLock(timeoutMillis, TimeUnit.MILLISECONDS)) {
                try {
                    closed = true;
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
