package alipaymcp.tools;

/** Shortens and neutralises text echoed in an error message (a name an agent sent, a gateway field). */
final class Printable {
    private Printable() {
    }

    static String of(String text, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
        }
        return text.length() > max ? out + "..." : out.toString();
    }
}
