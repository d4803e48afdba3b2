package alipaymcp.config;

import alipaymcp.alipay.AlipayPublicKey;
import alipaymcp.alipay.Amount;
import alipaymcp.alipay.AppPrivateKey;
import alipaymcp.alipay.ContentCipher;
import alipaymcp.alipay.KeyReader.KeyException;
import alipaymcp.alipay.SignType;
import alipaymcp.alipay.StrayCharacter;
import alipaymcp.config.ConfigLoader.ToolNames;
import java.math.BigDecimal;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rule of each AP_* value: the value in (null when unset), the parsed value out, or a ConfigException whose
 * one line names the variable and the fix.
 */
final class Rules {
    static final int DEFAULT_TIMEOUT_MS = 15_000;
    static final int MIN_TIMEOUT_MS = 100;
    static final int MAX_TIMEOUT_MS = 300_000;
    static final int MAX_CALLBACK_LENGTH = 256;

    private Rules() {
    }

    static String appId(String appId) throws ConfigException {
        return ascii("AP_APP_ID", appId, true, 32, "an APPID is ASCII letters and digits only, e.g. 2021000000000000",
                "an APPID has at most 32 (the APPID shown on the Alipay open platform, e.g. 2021000000000000)");
    }

    static SignType signType(String value) throws ConfigException {
        return choice("AP_ENCRYPTION_ALGO", value, SignType.values(), SignType.RSA2,
                "RSA2 (SHA256withRSA, the default) or RSA (SHA1withRSA)");
    }

    static String authToken(String value) throws ConfigException {
        return value == null ? null : ascii("AP_INVOKE_AUTH_TOKEN", value, false, 128,
                "an app_auth_token is visible ASCII only", "an app_auth_token has at most 128; paste only the token");
    }

    /** {@code value} when it is at most {@code max} long, of ASCII letters and digits or else of visible ASCII. */
    private static String ascii(String name, String value, boolean alphanumeric, int max, String charset,
            String length) throws ConfigException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = alphanumeric ? (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    : c > ' ' && c < 0x7F && c != '"' && c != '\'';
            if (!ok) {
                throw new ConfigException(name + ": " + StrayCharacter.describe(value, i) + " (" + charset + ").");
            }
        }
        if (value.length() > max) {
            throw new ConfigException(name + " is " + value.length() + " characters long: " + length + ".");
        }
        return value;
    }

    static Duration timeout(String value) throws ConfigException {
        if (value == null) {
            return Duration.ofMillis(DEFAULT_TIMEOUT_MS);
        }
        long ms = value.matches("[0-9]{1,9}") ? Long.parseLong(value) : -1;
        if (ms < MIN_TIMEOUT_MS || ms > MAX_TIMEOUT_MS) {
            throw new ConfigException("AP_TIMEOUT_MS must be a whole number of milliseconds from " + MIN_TIMEOUT_MS
                    + " to " + MAX_TIMEOUT_MS + " (default " + DEFAULT_TIMEOUT_MS + "), got '" + shown(value) + "'.");
        }
        return Duration.ofMillis(ms);
    }

    /** Written plainly (no sign, no exponent); the amount rule itself is alipay.Amount's. */
    static BigDecimal maxRefundAmount(String value) throws ConfigException {
        if (value == null) {
            return null;
        }
        try {
            if (value.matches("[0-9]+(\\.[0-9]+)?")) {
                return Amount.parse(value);
            }
        } catch (IllegalArgumentException e) {
            // the same problem as text that is not an amount at all
        }
        throw new ConfigException("AP_MAX_REFUND_AMOUNT must be an amount in yuan from 0.01 to 100000000 with at"
                + " most 2 decimals (e.g. 500 or 99.50), got '" + shown(value) + "'.");
    }

    /** Trimmed (upstream silently dropped " refundPay"); each item {@code toolNames} refuses is one more problem. */
    static List<String> selectTools(String value, ToolNames toolNames, List<String> problems)
            throws ConfigException {
        if (value == null) {
            return List.of("all");
        }
        List<String> items = new ArrayList<>();
        for (String raw : value.split(",", -1)) {
            String item = raw.trim();
            if (item.isEmpty()) {
                throw new ConfigException("AP_SELECT_TOOLS has an empty item in '" + shown(value)
                        + "': use all, or a comma-separated list such as queryPay,refundQuery.");
            }
            items.add(item);
        }
        for (String item : items) {
            String problem = toolNames.problem(item);
            if (problem != null) {
                problems.add(problem);
            }
        }
        return items;
    }

    /** The enum constant named (in any letter case) by the variable, {@code unset} when it is unset. */
    static <E extends Enum<E>> E choice(String name, String value, E[] values, E unset, String what)
            throws ConfigException {
        if (value == null) {
            return unset;
        }
        String lower = value.toLowerCase(Locale.ROOT); // not equalsIgnoreCase, which folds "ſ" to "s"
        for (E e : values) {
            if (e.name().toLowerCase(Locale.ROOT).equals(lower)) {
                return e;
            }
        }
        throw new ConfigException(name + " must be " + what + ", got '" + shown(value) + "'.");
    }

    /** AP_GATEWAY_URL: https, or http only to a loopback address (the simulator, a local proxy). */
    static URI gateway(String value, URI unset) throws ConfigException {
        if (value == null) {
            return unset;
        }
        URI uri = absolute("AP_GATEWAY_URL", value);
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new ConfigException("AP_GATEWAY_URL must be a plain gateway address such as"
                    + " https://openapi.alipay.com/gateway.do, without user info, query or fragment.");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new ConfigException("AP_GATEWAY_URL has port " + uri.getPort() + ": a port must be 1 to 65535"
                    + " (or left out for the scheme's default), got '" + shown(value) + "'.");
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        if (!https && !("http".equalsIgnoreCase(uri.getScheme()) && isLoopback(uri.getHost()))) {
            throw new ConfigException("AP_GATEWAY_URL must use https (plain http is allowed only for a loopback"
                    + " address such as http://127.0.0.1:8080/gateway.do), got '" + shown(value) + "'.");
        }
        return uri;
    }

    /** AP_RETURN_URL and AP_NOTIFY_URL: absolute http(s) URLs of at most 256 characters (the gateway's limit). */
    static String callback(String name, String value) throws ConfigException {
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_CALLBACK_LENGTH) {
            throw new ConfigException(name + " is " + value.length() + " characters long: Alipay accepts at most "
                    + MAX_CALLBACK_LENGTH + ".");
        }
        URI uri = absolute(name, value);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ConfigException(name + " must be an http or https URL such as " + example(name) + ", got '"
                    + shown(value) + "'.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ConfigException(name + " must not carry user info (user:password@): it would be sent in every"
                    + " payment link and written to the log; authenticate the callback another way.");
        }
        return value;
    }

    private static URI absolute(String name, String value) throws ConfigException {
        for (int i = 0; i < value.length(); i++) { // a space, control, invisible or quote: a paste slip
            char c = value.charAt(i);
            if (Character.isISOControl(c) || Character.isSpaceChar(c) || Character.isWhitespace(c)
                    || Character.getType(c) == Character.FORMAT || "\"'`\u2018\u2019\u201C\u201D".indexOf(c) >= 0) {
                throw new ConfigException(name + ": " + StrayCharacter.describe(value, i) + " (e.g. " + example(name)
                        + ").");
            }
        }
        try {
            URI uri = new URI(value);
            if (uri.getScheme() != null && uri.getHost() != null && !uri.getHost().isEmpty()) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // the same problem as a URL without a scheme or host
        }
        throw new ConfigException(name + " is not an absolute URL with a host (for example " + example(name)
                + "), got '" + shown(value) + "'.");
    }

    private static String example(String name) {
        return switch (name) {
            case "AP_NOTIFY_URL" -> "https://example.com/alipay/notify";
            case "AP_RETURN_URL" -> "https://example.com/alipay/return";
            default -> "https://openapi.alipay.com/gateway.do";
        };
    }

    /**
     * localhost, 127.0.0.0/8 or [::1] written literally: a name never reaches InetAddress (no DNS lookup), and
     * [::ffff:127.0.0.1], which InetAddress reads as IPv4, is not taken for ::1.
     */
    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost") || host.matches("127(\\.(25[0-5]|2[0-4][0-9]|[01]?[0-9]?[0-9])){3}")) {
            return true;
        }
        try {
            return host.startsWith("[") && InetAddress.getByName(host) instanceof Inet6Address ipv6
                    && ipv6.isLoopbackAddress();
        } catch (UnknownHostException e) { // only literals get here, and a bad one fails without a lookup
            return false;
        }
    }

    /** {@code signType} is null when AP_ENCRYPTION_ALGO itself is wrong: the size check then waits for it. */
    static AppPrivateKey appKey(String text, SignType signType, List<String> warnings) throws ConfigException {
        AppPrivateKey key;
        try {
            key = AppPrivateKey.parse(text);
        } catch (KeyException e) {
            throw keyProblem("AP_APP_KEY", e);
        }
        if (signType != null) {
            checkSize("AP_APP_KEY", key.bits(), signType, warnings);
        }
        return key;
    }

    static AlipayPublicKey publicKey(String text) throws ConfigException {
        try {
            return AlipayPublicKey.parse(text);
        } catch (KeyException e) {
            throw keyProblem("AP_PUB_KEY", e);
        }
    }

    /** "AP_APP_KEY is truncated: ...", "AP_PUB_KEY: character 3 is ...": the key parser's words after the name. */
    private static ConfigException keyProblem(String name, KeyException e) {
        String message = e.getMessage();
        boolean sentence = message.startsWith("is ") || message.startsWith("has ") || message.startsWith("ends ")
                || message.startsWith("does ") || message.startsWith("holds ");
        return new ConfigException(name + (sentence ? " " : ": ") + message);
    }

    /** RSA2 needs 2048-bit keys or more; legacy RSA (SHA1) mode still accepts 1024 bits, with a warning. */
    static void checkSize(String name, int bits, SignType signType, List<String> warnings) throws ConfigException {
        if (signType == SignType.RSA && bits >= 1024 && bits < 2048) {
            warnings.add(name + " is a " + bits + "-bit key: accepted in legacy RSA mode, but generate a 2048-bit"
                    + " key and use RSA2 as soon as you can.");
        } else if (bits < 2048) {
            throw new ConfigException(name + " is a " + bits + "-bit key: " + signType + " needs at least "
                    + (signType == SignType.RSA2 ? 2048 : 1024) + " bits; generate a 2048-bit key pair.");
        }
    }

    static ContentCipher encryptKey(String value) throws ConfigException {
        if (value == null) {
            return null;
        }
        try {
            return ContentCipher.parse(value);
        } catch (KeyException e) {
            throw new ConfigException("AP_ENCRYPT_KEY " + e.getMessage() + ".");
        }
    }

    /** A non-secret value echoed in a message, shortened so a pasted blob is never printed whole. */
    static String shown(String value) {
        String start = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return start.replaceAll("\\p{Cc}", "?"); // control characters, as Character.isISOControl
    }
}
