package alipaymcp.alipay;

import java.util.Map;
import java.util.TreeMap;

/** The strings Alipay signs: parameters sorted by key, {@code k=v} joined by {@code &}, raw values. */
public final class SignContent {
    private SignContent() {
    }

    /** Request rule: every parameter except {@code sign}; null or empty keys and values are dropped. */
    public static String forRequest(Map<String, String> params) {
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (key != null && !key.isEmpty() && value != null && !value.isEmpty() && !key.equals("sign")) {
                sorted.put(key, value);
            }
        }
        return join(sorted);
    }

    /**
     * Notification rule (rsaCheckV1 / rsaCheckV2): V1 drops {@code sign} and {@code sign_type}, V2 drops
     * only {@code sign}; empty keys and values are dropped, as alipay-sdk-java's getSignCheckContentV1/V2 do
     * (a notification with {@code body=} or {@code passback_params=} is signed without them).
     */
    public static String forNotification(Map<String, String> params, boolean v2) {
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (key == null || key.isEmpty() || value == null || value.isEmpty() || key.equals("sign")
                    || (!v2 && key.equals("sign_type"))) {
                continue;
            }
            sorted.put(key, value);
        }
        return join(sorted);
    }

    private static String join(TreeMap<String, String> sorted) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(e.getKey()).append('=').append(e.getValue());
        }
        return out.toString();
    }
}
