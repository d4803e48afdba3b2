package alipaymcp.config;

import alipaymcp.alipay.StrayCharacter;
import java.net.URI;
import java.net.URISyntaxException;

/** The checks on the URL variables: a typo in a gateway or callback URL must stop the server at start. */
final class UrlRules {
    static final int MAX_CALLBACK_LENGTH = 256;

    private UrlRules() {
    }

    /** AP_GATEWAY_URL: https, or http only to a loopback address (the simulator, a local proxy). */
    static URI gateway(String value, URI fallback) throws ConfigException {
        if (value == null) {
            return fallback;
        }
        URI uri = absolute("AP_GATEWAY_URL", value);
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new ConfigException("AP_GATEWAY_URL must be a plain gateway address such as"
                    + " https://openapi.alipay.com/gateway.do, without user info, query or fragment.");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new ConfigException("AP_GATEWAY_URL has port " + uri.getPort() + ": a port must be 1 to 65535"
                    + " (or left out for the scheme's default), got '" + ConfigLoader.shown(value) + "'.");
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        boolean loopbackHttp = "http".equalsIgnoreCase(uri.getScheme()) && isLoopback(uri.getHost());
        if (!https && !loopbackHttp) {
            throw new ConfigException("AP_GATEWAY_URL must use https (plain http is allowed only for a loopback"
                    + " address such as http://127.0.0.1:8080/gateway.do), got '" + ConfigLoader.shown(value) + "'.");
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
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ConfigException(name + " must be an http or https URL such as " + example(name) + ", got '"
                    + ConfigLoader.shown(value) + "'.");
        }
        if (uri.getRawUserInfo() != null) {
            // A password here would sit in every payment link and in the log.
            throw new ConfigException(name + " must not carry user info (user:password@): it would be sent in every"
                    + " payment link and written to the log; authenticate the callback another way.");
        }
        return value;
    }

    private static URI absolute(String name, String value) throws ConfigException {
        int stray = firstStray(value);
        if (stray >= 0) {
            throw new ConfigException(name + ": " + StrayCharacter.describe(value, stray) + " (e.g. "
                    + example(name) + ").");
        }
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new URISyntaxException(value, "no scheme or host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(name + " is not an absolute URL with a host (for example "
                    + example(name) + "), got '" + ConfigLoader.shown(value) + "'.");
        }
    }

    /** An example that fits the variable, for its messages. */
    static String example(String name) {
        switch (name) {
            case "AP_NOTIFY_URL":
                return "https://example.com/alipay/notify";
            case "AP_RETURN_URL":
                return "https://example.com/alipay/return";
            default:
                return "https://openapi.alipay.com/gateway.do";
        }
    }

    /** The first space, control, invisible or quote character (a paste slip, never part of a URL), or -1. */
    private static int firstStray(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean stray = c <= ' ' || c == 0x7F || Character.isISOControl(c) || Character.isSpaceChar(c)
                    || Character.isWhitespace(c) || Character.getType(c) == Character.FORMAT
                    || "\"'`\u2018\u2019\u201C\u201D".indexOf(c) >= 0;
            if (stray) {
                return i;
            }
        }
        return -1;
    }

    /**
     * localhost, 127.0.0.0/8 or ::1 written literally. Checked by hand: no DNS lookup, and no InetAddress (its
     * initialisation costs start-up time).
     */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            return isIpv6Loopback(host.substring(1, host.length() - 1));
        }
        return isIpv4Loopback(host);
    }

    /** Four decimal octets 0..255, the first 127. */
    static boolean isIpv4Loopback(String host) {
        String[] octets = host.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String octet : octets) {
            if (octet.isEmpty() || octet.length() > 3 || !ConfigLoader.isDigits(octet) || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return Integer.parseInt(octets[0]) == 127;
    }

    /** ::1 in any spelling: seven zero groups and a final 1, with or without "::" and leading zeros. */
    static boolean isIpv6Loopback(String host) {
        int gap = host.indexOf("::");
        if (gap >= 0 && host.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        String[] groups = host.replace("::", ":z:").split(":", -1);
        int written = 0;
        for (String group : groups) {
            if (!group.isEmpty() && !group.equals("z")) {
                written++;
            }
        }
        if (gap < 0 ? groups.length != 8 : written > 7) {
            return false;
        }
        String last = groups[groups.length - 1];
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            if (group.equals("z") || (group.isEmpty() && gap >= 0)) {
                continue;
            }
            if (group.isEmpty() || group.length() > 4 || !isHex(group)) {
                return false;
            }
            int value = Integer.parseInt(group, 16);
            if (i == groups.length - 1 ? value != 1 : value != 0) {
                return false;
            }
        }
        return !last.isEmpty() && !last.equals("z");
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
