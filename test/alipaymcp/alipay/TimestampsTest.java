package alipaymcp.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void format_isChinaTimeWhateverTheHostZone() {
        TimeZone saved = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
            assertThat(Timestamps.format(Instant.parse("2025-04-15T02:00:00Z"))).isEqualTo("2025-04-15 10:00:00");
            assertThat(Timestamps.format(Instant.parse("2024-12-31T16:05:09Z"))).isEqualTo("2025-01-01 00:05:09");
        } finally {
            TimeZone.setDefault(saved);
        }
    }
}
