package alipaymcp.simulator;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/** The gateway's clock: "yyyy-MM-dd HH:mm:ss" in GMT+8, as Alipay writes every time. */
final class GatewayTime {
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuuMMdd");

    private final Clock clock;

    GatewayTime(Clock clock) {
        this.clock = clock;
    }

    LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(CHINA));
    }

    String nowText() {
        return TEXT.format(now());
    }

    /** "20260115": the date prefix of trade and notify ids. */
    String today() {
        return DAY.format(now());
    }

    /** True for a well-formed request timestamp; the skew is not checked (the gateway's tolerance is unknown). */
    static boolean isTimestamp(String text) {
        if (text.length() != 19) {
            return false;
        }
        try {
            LocalDateTime.parse(text, TEXT);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
