package alipaymcp.alipay;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** The gateway's {@code timestamp}: {@code yyyy-MM-dd HH:mm:ss} in China time (GMT+8), whatever the host zone. */
final class Timestamps {
    private Timestamps() {
    }

    static String format(Instant t) {
        LocalDateTime china = LocalDateTime.ofInstant(t, ZoneOffset.ofHours(8));
        StringBuilder out = new StringBuilder(19);
        pad(out, china.getYear(), 4).append('-');
        pad(out, china.getMonthValue(), 2).append('-');
        pad(out, china.getDayOfMonth(), 2).append(' ');
        pad(out, china.getHour(), 2).append(':');
        pad(out, china.getMinute(), 2).append(':');
        return pad(out, china.getSecond(), 2).toString();
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }
}
