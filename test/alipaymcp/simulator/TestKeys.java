package alipaymcp.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One key folder for the whole test run: RSA key generation is slow, so the tests share one set. */
final class TestKeys {
    private static Path dir;

    private TestKeys() {
    }

    static synchronized SimulatorOptions options() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("sim-test-keys").resolve("keys");
                SimulatorKeys.loadOrCreate(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return SimulatorOptions.defaults().withKeysDir(dir);
    }

    /** The shared keys with another notification retry wait and trade bound (no command-line option sets them). */
    static SimulatorOptions options(long notifyRetryMillis, int maxTrades) {
        SimulatorOptions shared = options();
        return new SimulatorOptions(shared.port(), shared.keysDir(), shared.notifyDelayMillis(), notifyRetryMillis,
                maxTrades, false, false);
    }
}
