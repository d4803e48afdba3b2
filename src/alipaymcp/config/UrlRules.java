package alipaymcp.config;

import java.net.InetAddress;
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
            throw new ConfigException(name + " must be an http or https URL, got '" + ConfigLoader.shown(value) + "'.");
        }
        return value;
    }

    private static URI absolute(String name, String value) throws ConfigException {
        if (ConfigLoader.containsWhitespaceOrControl(value)) {
            throw new ConfigException(name + " contains spaces or control characters; check for stray quotes or"
                    + " line breaks.");
        }
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new URISyntaxException(value, "no scheme or host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(name + " is not an absolute URL with a host (for example"
                    + " https://example.com/alipay/notify), got '" + ConfigLoader.shown(value) + "'.");
        }
    }

    /** Literal loopback addresses and localhost only; never a DNS lookup at start. */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!isIpLiteral(literal)) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** Digits and dots (IPv4) or hex digits and colons (IPv6): InetAddress will not resolve these by DNS. */
    private static boolean isIpLiteral(String host) {
        if (host.isEmpty()) {
            return false;
        }
        boolean colon = host.indexOf(':') >= 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = colon ? (Character.digit(c, 16) >= 0 || c == ':' || c == '.') : (c >= '0' && c <= '9') || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
