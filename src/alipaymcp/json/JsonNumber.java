package alipaymcp.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

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

    /** RFC 8259's number grammar; {@code [0-9]} is ASCII only. */
    private static final Pattern LEXEME = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    static boolean isValidLexeme(String s) {
        return s != null && LEXEME.matcher(s).matches();
    }
}
