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
        boolean first = true;
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (inUrl(e.getKey())) {
                if (!first) {
                    out.append('&');
                }
                first = false;
                out.append(FormCodec.encode(e.getKey())).append('=').append(FormCodec.encode(e.getValue()));
            }
        }
        return out;
    }

    /** The other keys as a form body. */
    static String body(Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (!inUrl(e.getKey())) {
                if (out.length() > 0) {
                    out.append('&');
                }
                out.append(FormCodec.encode(e.getKey())).append('=').append(FormCodec.encode(e.getValue()));
            }
        }
        return out.toString();
    }
}
