package alipaymcp.tools;

/**
 * Text an agent or the gateway sent, made safe to echo (in an error message, or in the refund question a person
 * reads): control, format (bidirectional overrides, zero-width) and line separator characters and surrogates
 * become "?", so the text cannot fake extra lines or reorder what is shown; longer than {@code max}, it is cut
 * and ends in "...".
 */
final class Printable {
    private Printable() {
    }

    static String of(String text, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            int type = Character.getType(c);
            boolean hidden = Character.isISOControl(c) || Character.isSurrogate(c) || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
            out.append(hidden ? '?' : c);
        }
        return text.length() > max ? out + "..." : out.toString();
    }
}
