package alipaymcp.alipay;

import alipaymcp.alipay.AlipayException.Kind;
import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue.JsonString;
import alipaymcp.json.JsonValue;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The trust boundary on gateway text (docs/refunds.md): from an unverified answer only a {@link #CODE} and a short
 * sanitized message reach a result; verified text is only capped. Secrets are redacted first, so that the
 * sanitizing cannot split one and let it slip through.
 */
public final class GatewayText {
    static final int MAX_UNVERIFIED_MESSAGE = 200;
    static final int MAX_VERIFIED_STRING = 512;
    static final String CUT = "…";
    static final String MARK = "[redacted]";
    /** The value after app_auth_token or sign, in {@code k=v} or {@code "k":"v"} form (not sign_type, design=). */
    private static final Pattern SECRET_VALUE = Pattern.compile("(?<![A-Za-z0-9_])((?:app_auth_token|sign)"
            + "(?:=|\" *: *\"))"
            + "(?:(?<==)[^&\"',;}\\p{javaWhitespace}]+|(?<=\")(?:\\\\\"|[^\"])+)");
    /** A base64-like run of 100+ characters: an RSA signature is 172 or 344. */
    private static final Pattern LONG_RUN = Pattern.compile("[A-Za-z0-9+/=%]{100,}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** scheme://..., javascript:/data:/... , www.host..., host.tld/path, and bare hosts under common TLDs. */
    private static final Pattern LINK = Pattern.compile("(?i)[a-z][a-z0-9+.-]*://\\S*"
            + "|\\b(?:javascript|data|vbscript|file|mailto|tel):\\S*"
            + "|\\bwww\\.\\S*"
            + "|\\b[a-z0-9-]+(?:\\.[a-z0-9-]+)+/\\S*"
            + "|\\b[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.(?:com|cn|net|org|io|xyz|top|me|co|cc|info|app|dev|ai|ru|link)\\b");

    private GatewayText() {
    }

    /**
     * Gateway text without the given secrets, the value after {@code app_auth_token} or {@code sign}, and any
     * base64-like run (the gateway's {@code isv.invalid-signature} sub_msg echoes its whole string-to-sign).
     */
    static String redact(String gatewayText, String... secrets) {
        if (gatewayText == null) {
            return null;
        }
        String out = gatewayText;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                out = out.replace(secret, MARK);
            }
        }
        out = SECRET_VALUE.matcher(out).replaceAll("$1" + MARK);
        return LONG_RUN.matcher(out).replaceAll(MARK);
    }

    /** A verified value as it may be shown: every string (not names) redacted, then capped. */
    static JsonValue shown(JsonValue value, String... secrets) {
        if (value instanceof JsonString s) {
            String r = cut(redact(s.value(), secrets), MAX_VERIFIED_STRING);
            return r.equals(s.value()) ? s : new JsonString(r);
        }
        if (value instanceof JsonObject o) {
            Map<String, JsonValue> members = new LinkedHashMap<>();
            o.members().forEach((name, member) -> members.put(name, shown(member, secrets)));
            return new JsonObject(members);
        }
        if (value instanceof JsonArray a) {
            return new JsonArray(a.elements().stream().map(e -> shown(e, secrets)).toList());
        }
        return value;
    }

    /** An unverified code or sub_code, or null when it is not 1..64 of {@code [A-Za-z0-9._-]}. */
    static String unverifiedCode(String text) {
        return text != null && CODE.matcher(text).matches() ? text : null;
    }

    /**
     * An unverified message made harmless and short: lone surrogates become '?', Markdown/HTML characters go,
     * control, invisible, unassigned and private-use characters become spaces, then links are removed (last, so
     * that nothing dropped before can join the pieces of a link, or two halves of a pair).
     */
    static String unverifiedMessage(String redacted) {
        if (redacted == null) {
            return null;
        }
        // Bound the work first: nothing past a few times the cap can reach the result anyway.
        String text = redacted.length() > 8 * MAX_UNVERIFIED_MESSAGE
                ? redacted.substring(0, 8 * MAX_UNVERIFIED_MESSAGE) : redacted;
        text = text.replace(MARK, "(redacted)")
                .replaceAll("[\\uD800-\\uDFFF]", "?") // a lone surrogate: to a regex, a pair is one code point
                .replaceAll("[\\[\\]<>`\\\\]", "") // no Markdown link, image, autolink, HTML or code span without them
                .replaceAll("[\\p{Cc}\\p{Cf}\\p{Cn}\\p{Co}\\u2028\\u2029]", " ");
        text = LINK.matcher(text).replaceAll("(link removed)");
        return cut(text.replaceAll(" {2,}", " ").strip(), MAX_UNVERIFIED_MESSAGE);
    }

    /** An answer's body in its Content-Type's charset (else UTF-8), as the SDK reads it: Alipay signs characters. */
    static String decode(byte[] body, String type, String method) throws AlipayException {
        Charset charset = StandardCharsets.UTF_8;
        int at = type == null ? -1 : type.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (at >= 0) {
            String name = type.substring(at + "charset=".length()).split(";", 2)[0].trim().replace("\"", "");
            try {
                charset = Charset.forName(name);
            } catch (IllegalArgumentException e) { // illegal or unsupported charset name
                throw new AlipayException(Kind.MALFORMED, "The gateway's answer to " + method + " names a charset"
                        + " this JDK cannot decode (" + unverifiedMessage(cut(name, 40)) + ")"
                        + AlipayException.unknownOutcome(method));
            }
        }
        return new String(body, charset);
    }

    static String cut(String text, int max) {
        return cut(text, max, CUT);
    }

    /** The one cut of shown text (also a tool result's): at most {@code max} characters, never half a pair. */
    public static String cut(String text, int max, String mark) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - mark.length();
        if (Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        return text.substring(0, end) + mark;
    }
}
