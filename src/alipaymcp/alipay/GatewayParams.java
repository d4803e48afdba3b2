package alipaymcp.alipay;

import java.util.Map;
import java.util.Set;

/**
 * Upstream's split of a parameter set: the allow-listed protocol keys go in the URL query, form-encoded
 * in insertion order; the rest go in the POST body, or for a page URL are appended to the query.
 */
final class GatewayParams {
    private static final Set<String> URL_KEYS = Set.of("app_id", "method", "format", "charset", "sign_type",
            "sign", "timestamp", "version", "notify_url", "return_url", "auth_token", "app_auth_token",
            "app_cert_sn", "alipay_root_cert_sn", "ws_service_url");

    private GatewayParams() {
    }

    static boolean inUrl(String key) {
        return URL_KEYS.contains(key);
    }

    /** {@code gateway?k=v&...} with the allow-listed keys, form-encoded. */
    static StringBuilder url(String gateway, Map<String, String> params) {
        StringBuilder out = new StringBuilder(gateway).append(gateway.indexOf('?') < 0 ? '?' : '&');
        return appendForm(out, params, true);
    }

    /** The other keys as a form body. */
    static String body(Map<String, String> params) {
        return appendForm(new StringBuilder(), params, false).toString();
    }

    /** Appends {@code k=v} pairs joined by '&' for the keys that do ({@code urlKeys}) or do not go in the URL. */
    private static StringBuilder appendForm(StringBuilder out, Map<String, String> params, boolean urlKeys) {
        int start = out.length();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (inUrl(e.getKey()) == urlKeys) {
                if (out.length() > start) {
                    out.append('&');
                }
                out.append(FormCodec.encode(e.getKey())).append('=').append(FormCodec.encode(e.getValue()));
            }
        }
        return out;
    }
}
