package alipaymcp.alipay;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** application/x-www-form-urlencoded in UTF-8, as browsers, Alipay and upstream's URLSearchParams use it. */
public final class FormCodec {
    private static final int MAX_KEY_SHOWN = 40;

    private FormCodec() {
    }

    /** Space as '+', A-Z a-z 0-9 and {@code * - . _} kept, everything else %XX of the UTF-8 bytes. */
    public static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** {@code k=v} pairs, each side form-encoded, joined by '&' in the map's order: the inverse of {@link #decode}. */
    public static String encode(Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        params.forEach((k, v) -> out.append(out.length() > 0 ? "&" : "").append(encode(k)).append('=')
                .append(encode(v)));
        return out.toString();
    }

    /**
     * Decodes a form body exactly once, keeping order; a part without '=' has an empty value, an empty part is
     * skipped. A repeated key, a bad %-escape or bytes that are not UTF-8 throw IAE naming the key.
     */
    public static LinkedHashMap<String, String> decode(String body) {
        LinkedHashMap<String, String> params = new LinkedHashMap<>();
        for (String part : body.split("&", -1)) { // a one-character split: no regex
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String key = decodePart(eq < 0 ? part : part.substring(0, eq), null);
            String value = eq < 0 ? "" : decodePart(part.substring(eq + 1), key);
            if (params.putIfAbsent(key, value) != null) {
                throw new IllegalArgumentException("form field '" + GatewayText.cut(key, MAX_KEY_SHOWN)
                        + "' appears more than once");
            }
        }
        return params;
    }

    private static String decodePart(String part, String key) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(part.length());
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                int hi = i + 2 < part.length() ? Character.digit(part.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(part.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    throw new IllegalArgumentException("bad %-escape at character " + i + where(key));
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                int codePoint = part.codePointAt(i); // raw non-ASCII: take its UTF-8 bytes as they are
                bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("%-escapes that are not UTF-8" + where(key));
        }
    }

    private static String where(String key) {
        return key == null ? " in a field name"
                : " in the value of form field '" + GatewayText.cut(key, MAX_KEY_SHOWN) + "'";
    }
}
