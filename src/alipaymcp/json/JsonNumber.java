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

    /** RFC 8259: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? ; checked by hand, no regex at start-up. */
    static boolean isValidLexeme(String s) {
        if (s == null) {
            return false;
        }
        int i = 0;
        int n = s.length();
        if (i < n && s.charAt(i) == '-') {
            i++;
        }
        if (i >= n) {
            return false;
        }
        if (s.charAt(i) == '0') {
            i++;
        } else if (isDigit(s.charAt(i))) {
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
        } else {
            return false;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                return false;
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
