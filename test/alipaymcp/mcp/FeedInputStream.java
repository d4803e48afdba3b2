package alipaymcp.mcp;

import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;

/** A stdin double: the test feeds byte chunks; reads block until a chunk arrives or the feed is closed. */
final class FeedInputStream extends InputStream {
    private static final byte[] EOF = new byte[0];

    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private byte[] current = new byte[0];
    private int pos;
    private boolean ended;

    void feed(byte[] bytes) {
        if (bytes.length > 0) {
            chunks.add(bytes.clone());
        }
    }

    /** End of input, as when the client closes the server's stdin. */
    void end() {
        chunks.add(EOF);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        while (pos == current.length) {
            if (ended) {
                return -1;
            }
            try {
                current = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
            pos = 0;
            ended = current == EOF;
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }
}
