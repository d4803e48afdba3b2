package alipaymcp.json;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A JSON number kept as its exact source text (RFC 8259 grammar), so ids and amounts are echoed
 * and parsed without ever passing through {@code double}.
 */
public record JsonNumber(String text) implements JsonValue {
    public JsonNumber {
        if (!isValidLexeme(text)) {
            throw new IllegalArgumentException("not a JSON number lexeme");
        }
    }

    public static JsonNumber of(long value) {
        return new JsonNumber(Long.toString(value));
    }

    /** Plain decimal text of {@code value}: never an exponent, never a trailing ".0". */
    public static JsonNumber of(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return new JsonNumber(stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString());
    }

    public BigDecimal toBigDecimal() {
        return new BigDecimal(text);
    }

    /** True when the lexeme has no fraction and no exponent: an integer in JSON-RPC's sense. */
    public boolean isIntegerLexeme() {
        return text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
    }

    /** The exact integer, for an integer lexeme. */
    public BigInteger toBigInteger() {
        return new BigInteger(text);
    }

    /**
     * RFC 8259: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? ; checked by hand because the first id parsed
     * is on the start-up path, where no regex or lambda is bootstrapped (issue 15, measured: with them the
     * initialize reply came about 30 ms later, 25 interleaved runs; {@code StartupPathTest} pins it).
     * A missing digit run makes the index -1, which no later step matches ({@code startsWith} is false for
     * a negative offset) and which never equals the length.
     */
    static boolean isValidLexeme(String s) {
        if (s == null) {
            return false;
        }
        int i = s.startsWith("-") ? 1 : 0;
        i = s.startsWith("0", i) ? i + 1 : digitsEnd(s, i);
        if (s.startsWith(".", i)) {
            i = digitsEnd(s, i + 1);
        }
        if (s.startsWith("e", i) || s.startsWith("E", i)) {
            i++;
            if (s.startsWith("+", i) || s.startsWith("-", i)) {
                i++;
            }
            i = digitsEnd(s, i);
        }
        return i == s.length();
    }

    /** The index after the run of ASCII digits starting at {@code from}, or -1 when there is none. */
    private static int digitsEnd(String s, int from) {
        int i = from;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
        }
        return i > from ? i : -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
