package alipaymcp.mcp;

import java.io.InputStream;
import java.util.Arrays;

/** {@code length} bytes 'a' then a newline then {@code tail}, generated on the fly (never held). */
final class GeneratedInputStream extends InputStream {
    private long left;
    private final byte[] tail;
    private int tailPos = -1;

    GeneratedInputStream(long length, byte[] tail) {
        this.left = length;
        this.tail = tail;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (left > 0) {
            int n = (int) Math.min(len, left);
            Arrays.fill(b, off, off + n, (byte) 'a');
            left -= n;
            return n;
        }
        if (tailPos < 0) {
            b[off] = '\n';
            tailPos = 0;
            return 1;
        }
        if (tailPos >= tail.length) {
            return -1;
        }
        int n = Math.min(len, tail.length - tailPos);
        System.arraycopy(tail, tailPos, b, off, n);
        tailPos += n;
        return n;
    }
}
