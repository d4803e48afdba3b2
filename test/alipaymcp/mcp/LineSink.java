package alipaymcp.mcp;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stdout double that also checks the framing: every write must be exactly one whole line ending in
 * {@code \n} (the server writes each message in one call), in valid UTF-8.
 */
final class LineSink extends OutputStream {
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> violations = new ArrayList<>();

    @Override
    public void write(int b) {
        record("single-byte write " + b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        int newlines = 0;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                newlines++;
            }
        }
        if (len == 0 || b[off + len - 1] != '\n' || newlines != 1) {
            record("a write that is not exactly one line: " + new String(b, off, len, StandardCharsets.UTF_8));
            return;
        }
        String line = new String(b, off, len - 1, StandardCharsets.UTF_8);
        if (!Arrays.equals(line.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(b, off, off + len - 1))) {
            record("a line that is not valid UTF-8");
        }
        lines.add(line);
    }

    private synchronized void record(String violation) {
        violations.add(violation);
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    /** The next line written, or null if none came within the time. */
    String next(long millis) throws InterruptedException {
        return lines.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Lines written and not yet taken. */
    List<String> remaining() {
        List<String> rest = new ArrayList<>();
        lines.drainTo(rest);
        return rest;
    }
}
