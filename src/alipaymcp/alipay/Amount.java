package alipaymcp.alipay;

import alipaymcp.json.JsonValue.JsonNumber;
import java.math.BigDecimal;

/**
 * Alipay's amount rule: yuan with at most 2 decimals, from 0.01 to 100000000. Amounts go from decimal text to
 * BigDecimal here and nowhere else; they never pass through double.
 */
public final class Amount {
    private static final BigDecimal MIN = new BigDecimal("0.01");
    private static final BigDecimal MAX = new BigDecimal("100000000");
    /** Longer lexemes are refused before BigDecimal sees them (no amount needs more). */
    static final int MAX_LEXEME = 32;

    private Amount() {
    }

    /** A JSON number lexeme ({@code 19.99}, {@code 1e2}); the exception's message states the rule broken. */
    public static BigDecimal parse(String text) {
        if (text.length() > MAX_LEXEME) {
            throw new IllegalArgumentException("must be an amount in yuan with at most 2 decimal places, got a "
                    + text.length() + "-character number");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be an amount in yuan such as 19.99, got " + text, e);
        }
        if (value.compareTo(MIN) < 0) {
            throw new IllegalArgumentException("must be at least 0.01, got " + text);
        }
        if (value.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("must be at most 100000000, got " + text);
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > 2) {
            throw new IllegalArgumentException("at most 2 decimal places, got " + text);
        }
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** Plain text as Alipay and JavaScript write it: 0.01, 88.8, 100 (never 100.0 or 1E+2). */
    public static String format(BigDecimal amount) {
        return JsonNumber.of(amount).text();
    }
}
