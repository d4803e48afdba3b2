package alipaymcp.alipay;

import alipaymcp.json.JsonArray;
import alipaymcp.json.JsonObject;
import alipaymcp.json.JsonString;
import alipaymcp.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Removes tokens and signatures from gateway text before it reaches a result, a message or a log. The
 * gateway's {@code isv.invalid-signature} sub_msg echoes its whole string-to-sign, {@code app_auth_token}
 * included. Three rules: the given secrets verbatim; the value after {@code app_auth_token} or
 * {@code sign} in {@code k=v} or {@code "k":"v"} form; any base64-like run of 100+ characters
 * (an RSA signature is 172 or 344).
 */
final class Redactor {
    static final String MARK = "[redacted]";
    static final int LONG_RUN = 100;
    private static final String[] KEYS = {"app_auth_token", "sign"};

    private Redactor() {
    }

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
        for (String key : KEYS) {
            out = redactValuesOf(out, key);
        }
        return redactLongRuns(out);
    }

    /** The same rules applied to every string (not names) of a JSON value. */
    static JsonValue redact(JsonValue value, String... secrets) {
        return map(value, s -> redact(s, secrets));
    }

    /** A verified value as it may be shown: every string redacted, then capped (GatewayText). */
    static JsonValue shown(JsonValue value, String... secrets) {
        return map(value, s -> GatewayText.capped(redact(s, secrets)));
    }

    private static JsonValue map(JsonValue value, UnaryOperator<String> rule) {
        if (value instanceof JsonString s) {
            String r = rule.apply(s.value());
            return r.equals(s.value()) ? s : new JsonString(r);
        }
        if (value instanceof JsonObject o) {
            Map<String, JsonValue> members = new LinkedHashMap<>();
            for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
                members.put(e.getKey(), map(e.getValue(), rule));
            }
            return new JsonObject(members);
        }
        if (value instanceof JsonArray a) {
            List<JsonValue> elements = new ArrayList<>(a.size());
            for (JsonValue e : a.elements()) {
                elements.add(map(e, rule));
            }
            return new JsonArray(elements);
        }
        return value;
    }

    private static String redactValuesOf(String text, String key) {
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int at = text.indexOf(key);
        while (at >= 0) {
            int after = at + key.length();
            boolean standalone = at == 0 || !isNameChar(text.charAt(at - 1));
            int start = standalone ? valueStart(text, after) : -1;
            int next = after;
            if (start >= 0) {
                int end = valueEnd(text, start, text.charAt(start - 1) == '"');
                if (end > start) {
                    out.append(text, copied, start).append(MARK);
                    copied = end;
                }
                next = end;
            }
            at = text.indexOf(key, next);
        }
        return out.append(text, copied, text.length()).toString();
    }

    /** Start of the value after {@code key=} or {@code key":"}; -1 if neither follows. */
    private static int valueStart(String text, int i) {
        if (i < text.length() && text.charAt(i) == '=') {
            return i + 1;
        }
        if (i >= text.length() || text.charAt(i) != '"') {
            return -1;
        }
        i = skipSpaces(text, i + 1);
        if (i >= text.length() || text.charAt(i) != ':') {
            return -1;
        }
        i = skipSpaces(text, i + 1);
        return i < text.length() && text.charAt(i) == '"' ? i + 1 : -1;
    }

    private static int valueEnd(String text, int i, boolean quoted) {
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted ? c == '"' && text.charAt(i - 1) != '\\'
                    : c == '&' || c == '"' || c == '\'' || c == ',' || c == ';' || c == '}' || Character.isWhitespace(c)) {
                return i;
            }
            i++;
        }
        return i;
    }

    private static int skipSpaces(String text, int i) {
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static String redactLongRuns(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int end = i;
            while (end < text.length() && isBase64Like(text.charAt(end))) {
                end++;
            }
            if (end - i >= LONG_RUN) {
                out.append(MARK);
            } else {
                out.append(text, i, end);
            }
            if (end < text.length()) {
                out.append(text.charAt(end));
            }
            i = end + 1;
        }
        return out.toString();
    }

    private static boolean isBase64Like(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '+' || c == '/' || c == '=' || c == '%';
    }

    private static boolean isNameChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    }
}
