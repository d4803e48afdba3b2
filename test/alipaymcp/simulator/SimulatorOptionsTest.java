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
        assertThat(options.withPort(8080).withKeysDir(Path.of("k")).withNotifyDelayMillis(5).withCertificateMode(true))
                .isEqualTo(new SimulatorOptions(8080, Path.of("k"), 5, 1_000, 10_000, true, false));
    }

    @Test
    void constructor_rejectsOutOfRangeValues() {
        assertThatThrownBy(() -> SimulatorOptions.defaults().withPort(65_536)).hasMessageContaining("port");
        assertThatThrownBy(() -> SimulatorOptions.defaults().withNotifyDelayMillis(-1)).hasMessageContaining("notifyDelayMillis");
        assertThatThrownBy(() -> new SimulatorOptions(0, null, 0, 600_001, 10_000, false, false)).hasMessageContaining("notifyRetryMillis");
        assertThatThrownBy(() -> new SimulatorOptions(0, null, 0, 1_000, 0, false, false)).hasMessageContaining("maxTrades");
    }
}
