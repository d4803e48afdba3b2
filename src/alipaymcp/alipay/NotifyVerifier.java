package alipaymcp.alipay;

import alipaymcp.alipay.KeyReader.KeyException;
import alipaymcp.alipay.RsaSigner.SignContent;
import java.security.PublicKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Verifies an asynchronous notification or a return-URL query (alipay-gateway.md §11.2) with the configured sign
 * type: one whose {@code sign_type} is missing or different, or for another {@code app_id}, is invalid.
 */
public final class NotifyVerifier {
    private NotifyVerifier() {
    }

    /** {@code params}: decoded, in received order, without {@code sign}; empty if undecodable. */
    public record Verdict(boolean valid, String reason, Map<String, String> params) {
        public Verdict {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }
    }

    /** {@code formBody}: the raw application/x-www-form-urlencoded body, decoded here exactly once. */
    public static Verdict verify(String formBody, AlipayPublicKey key, SignType type, String appId, boolean v2)
            throws KeyException {
        LinkedHashMap<String, String> params;
        try {
            params = FormCodec.decode(formBody);
        } catch (IllegalArgumentException e) {
            return new Verdict(false, "the body is not a form-encoded notification: " + e.getMessage(), Map.of());
        }
        PublicKey publicKey = key.jcaKey(); // a key the JDK refuses is an error before any verdict
        LinkedHashMap<String, String> shown = new LinkedHashMap<>(params);
        String sign = shown.remove("sign");
        String signType = params.get("sign_type");
        if (sign == null || sign.isEmpty()) {
            return new Verdict(false, "it has no sign", shown);
        }
        if (signType == null || signType.isEmpty()) {
            return new Verdict(false, "it has no sign_type (expected " + type + ", AP_ENCRYPTION_ALGO)", shown);
        }
        if (!signType.equals(type.name())) {
            return new Verdict(false, "its sign_type is not " + type + " (AP_ENCRYPTION_ALGO)", shown);
        }
        if (!RsaSigner.verify(SignContent.forNotification(params, v2), sign, publicKey, type)) {
            return new Verdict(false, "its signature does not verify with the Alipay key (AP_PUB_KEY, or the"
                    + " certificate of AP_ALIPAY_CERT_PATH in certificate mode; " + type + ", "
                    + (v2 ? "V2: only sign removed" : "V1: sign and sign_type removed") + ")", shown);
        }
        if (!appId.equals(params.get("app_id"))) {
            return new Verdict(false, "it is signed by Alipay but for another app_id than AP_APP_ID", shown);
        }
        return new Verdict(true, "valid", shown);
    }
}
