package alipaymcp.alipay;

import java.util.Locale;

/**
 * Names one character that does not belong in a pasted setting (a quote, a zero-width space), where it is and how
 * to fix it. Only characters that cannot be part of a key or token are ever named, so no secret is shown.
 */
public final class StrayCharacter {
    private static final String QUOTES = "\"'`\u2018\u2019\u201C\u201D\u00AB\u00BB\u300C\u300D";

    private StrayCharacter() {
    }

    /** E.g. {@code character 1 is '"' (U+0022): remove the quotes}. */
    public static String describe(String text, int index) {
        int cp = text.codePointAt(index);
        String code = String.format(Locale.ROOT, "U+%04X", cp);
        String name = Character.getName(cp);
        String shown = invisible(cp)
                ? "an invisible " + code + (name == null ? "" : " " + name)
                : "'" + new String(Character.toChars(cp)) + "' (" + code + ")";
        return "character " + (index + 1) + " is " + shown + ": " + fix(cp);
    }

    private static boolean invisible(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)
                || Character.getType(cp) == Character.FORMAT;
    }

    private static String fix(int cp) {
        if (cp == 0xFFFD) { // what the JVM makes of bytes it cannot decode, e.g. UTF-8 read under LANG=C
            return "a character that could not be decoded (a non-ASCII character, such as a zero-width space or a"
                    + " full-width letter, read in an environment that is not UTF-8); retype the value in plain ASCII";
        }
        if (QUOTES.indexOf(cp) >= 0) {
            return "remove the quotes";
        }
        if (Character.getType(cp) == Character.FORMAT) {
            return "delete it (text copied from a web page or a chat often carries such characters)";
        }
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return "remove the space";
        }
        if (Character.isISOControl(cp)) {
            return "remove the control character";
        }
        return "remove it";
    }
}
