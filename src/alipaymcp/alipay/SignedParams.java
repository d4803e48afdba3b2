package alipaymcp.alipay;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signed parameter set of one call, in upstream's insertion order (upstream-1.4.0.md §11.1): the
 * URL and body keep this order. Page calls (wap/page pay) also carry {@code alipay_sdk},
 * {@code notify_url} and {@code return_url}; API calls do not. Certificate mode adds {@code app_cert_sn} and
 * {@code alipay_root_cert_sn} to every call.
 */
final class SignedParams {
    private SignedParams() {
    }

    static Map<String, String> page(String method, RequestSettings s, String bizContent, Instant now,
            PrivateKey key) {
        LinkedHashMap<String, String> p = common(method, s, now);
        p.put("alipay_sdk", s.alipaySdk());
        putIfSet(p, "notify_url", s.notifyUrl());
        putIfSet(p, "return_url", s.returnUrl());
        return finish(p, s, bizContent, key, false); // payment links stay plaintext: see README, AES
    }

    /** With AP_ENCRYPT_KEY, biz_content is encrypted and encrypt_type=AES added before signing. */
    static Map<String, String> api(String method, RequestSettings s, String bizContent, Instant now,
            PrivateKey key) {
        return finish(common(method, s, now), s, bizContent, key, true);
    }

    /**
     * {@code alipay.open.app.alipaycert.download} for one SN (certificate mode): never encrypted and without
     * x_open_scene, as the official SDK sends it (certificate-mode.json download-cert).
     */
    static Map<String, String> certificateDownload(RequestSettings s, String alipayCertSn, Instant now,
            PrivateKey key) {
        LinkedHashMap<String, String> p = common(GatewayClient.CERT_DOWNLOAD, s, now);
        putCertificateSns(p, s);
        p.put("biz_content", "{\"alipay_cert_sn\":\"" + alipayCertSn + "\"}");
        p.put("sign", RsaSigner.sign(SignContent.forRequest(p), key, s.signType()));
        return Collections.unmodifiableMap(p);
    }

    private static LinkedHashMap<String, String> common(String method, RequestSettings s, Instant now) {
        LinkedHashMap<String, String> p = new LinkedHashMap<>();
        p.put("method", method);
        p.put("app_id", s.appId());
        p.put("charset", "utf-8");
        p.put("version", "1.0");
        p.put("sign_type", s.signType().name());
        p.put("timestamp", Timestamps.format(now));
        return p;
    }

    private static Map<String, String> finish(LinkedHashMap<String, String> p, RequestSettings s, String bizContent,
            PrivateKey key, boolean encrypt) {
        p.put("x_open_scene", "MCP");
        putIfSet(p, "app_auth_token", s.appAuthToken());
        putCertificateSns(p, s);
        if (encrypt && s.cipher() != null) { // encrypt first, sign after: the signature covers the ciphertext
            p.put("encrypt_type", "AES");
            bizContent = s.cipher().encrypt(bizContent);
        }
        p.put("biz_content", bizContent);
        p.put("sign", RsaSigner.sign(SignContent.forRequest(p), key, s.signType()));
        return Collections.unmodifiableMap(p);
    }

    private static void putCertificateSns(Map<String, String> p, RequestSettings s) {
        if (s.certificates() != null) {
            p.put("app_cert_sn", s.certificates().appCertSn());
            p.put("alipay_root_cert_sn", s.certificates().rootCertSn());
        }
    }

    private static void putIfSet(Map<String, String> p, String key, String value) {
        if (value != null && !value.isEmpty()) {
            p.put(key, value);
        }
    }
}
