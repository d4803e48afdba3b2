package alipaymcp.simulator;

import java.nio.file.Path;

/**
 * How to run the gateway simulator: port 0 picks a free one on 127.0.0.1; a null keysDir keeps fresh keys in
 * memory only; the notification retry wait doubles after each attempt; a page pay for a new trade past maxTrades
 * is refused; certificate mode is 公钥证书模式, aes is 接口内容加密.
 */
public record SimulatorOptions(int port, Path keysDir, long notifyDelayMillis, long notifyRetryMillis,
        int maxTrades, boolean certificateMode, boolean aes) {
    static final long MAX_DELAY_MILLIS = 600_000;

    public SimulatorOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 (any free port) to 65535, got " + port);
        }
        checkDelay("notifyDelayMillis", notifyDelayMillis);
        checkDelay("notifyRetryMillis", notifyRetryMillis);
        if (maxTrades < 1 || maxTrades > 1_000_000) {
            throw new IllegalArgumentException("maxTrades must be 1 to 1000000, got " + maxTrades);
        }
    }

    /** Any free port, keys in memory, notify at once, retry after 1 s (then 2, 4, 8 s), 10,000 trades, no AES. */
    public static SimulatorOptions defaults() {
        return new SimulatorOptions(0, null, 0, 1_000, 10_000, false, false);
    }

    public SimulatorOptions withPort(int newPort) {
        return new SimulatorOptions(newPort, keysDir, notifyDelayMillis, notifyRetryMillis, maxTrades, certificateMode,
                aes);
    }

    public SimulatorOptions withKeysDir(Path dir) {
        return new SimulatorOptions(port, dir, notifyDelayMillis, notifyRetryMillis, maxTrades, certificateMode, aes);
    }

    public SimulatorOptions withNotifyDelayMillis(long millis) {
        return new SimulatorOptions(port, keysDir, millis, notifyRetryMillis, maxTrades, certificateMode, aes);
    }

    public SimulatorOptions withCertificateMode(boolean on) {
        return new SimulatorOptions(port, keysDir, notifyDelayMillis, notifyRetryMillis, maxTrades, on, aes);
    }

    public SimulatorOptions withAes(boolean on) {
        return new SimulatorOptions(port, keysDir, notifyDelayMillis, notifyRetryMillis, maxTrades, certificateMode,
                on);
    }

    private static void checkDelay(String name, long millis) {
        if (millis < 0 || millis > MAX_DELAY_MILLIS) {
            throw new IllegalArgumentException(name + " must be 0 to " + MAX_DELAY_MILLIS + " ms, got " + millis);
        }
    }
}
