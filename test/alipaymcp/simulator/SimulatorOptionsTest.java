package alipaymcp.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SimulatorOptionsTest {
    @Test
    void defaults_areAFreePortInMemoryKeysAndTenThousandTrades() {
        SimulatorOptions options = SimulatorOptions.defaults();
        assertThat(options.port()).isZero();
        assertThat(options.keysDir()).isNull();
        assertThat(options.notifyDelayMillis()).isZero();
        assertThat(options.notifyRetryMillis()).isEqualTo(1_000);
        assertThat(options.maxTrades()).isEqualTo(10_000);
        assertThat(options.withPort(8080).withKeysDir(Path.of("k")).withNotifyDelayMillis(5).withMaxTrades(7))
                .isEqualTo(new SimulatorOptions(8080, Path.of("k"), 5, 1_000, 7));
    }

    @Test
    void constructor_rejectsOutOfRangeValues() {
        assertThatThrownBy(() -> SimulatorOptions.defaults().withPort(65_536)).hasMessageContaining("port");
        assertThatThrownBy(() -> SimulatorOptions.defaults().withNotifyDelayMillis(-1)).hasMessageContaining("notifyDelayMillis");
        assertThatThrownBy(() -> SimulatorOptions.defaults().withNotifyRetryMillis(600_001)).hasMessageContaining("notifyRetryMillis");
        assertThatThrownBy(() -> SimulatorOptions.defaults().withMaxTrades(0)).hasMessageContaining("maxTrades");
    }
}
