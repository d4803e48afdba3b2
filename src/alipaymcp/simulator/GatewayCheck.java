package alipaymcp.simulator;

import alipaymcp.alipay.RsaSigner;
import alipaymcp.alipay.RsaSigner.SignContent;
import alipaymcp.alipay.SignType;
import java.security.PublicKey;
import java.util.Set;

/**
 * The gateway's checks on the common parameters, in this order: required parameters (40001), app id,
 * method, sign type, charset, then the signature over everything received minus sign (40002), then
 * timestamp form and version. A failed check is answered without sign, as the gateway does.
 */
final class GatewayCheck {
    static final String INVALID_SIGNATURE_PREFIX =
            "验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：";
    private static final String[][] REQUIRED = {
        {"method", "isv.missing-method", "缺少方法名参数"},
        {"sign", "isv.missing-signature", "缺少签名参数"},
        {"sign_type", "isv.missing-signature-type", "缺少签名类型参数"},
        {"app_id", "isv.missing-app-id", "缺少AppID参数"},
        {"timestamp", "isv.missing-timestamp", "缺少时间戳参数"},
        {"version", "isv.missing-version", "缺少版本参数"},
    };

    private final String appId;
    private final PublicKey appPublicKey;
    private final Set<String> methods;
    private final String appCertSn;
    private final String rootCertSn;
    private final boolean aes;

    /**
     * {@code appCertSn}, {@code rootCertSn}: certificate mode, where every request must carry both SNs (null in
     * key mode, where they are ignored); {@code aes}: the app has an AES key, so encrypt_type=AES is accepted.
     */
    GatewayCheck(String appId, PublicKey appPublicKey, Set<String> methods, String appCertSn, String rootCertSn,
            boolean aes) {
        this.appId = appId;
        this.appPublicKey = appPublicKey;
        this.methods = Set.copyOf(methods);
        this.appCertSn = appCertSn;
        this.rootCertSn = rootCertSn;
        this.aes = aes;
    }

    boolean supports(String method) {
        return method != null && methods.contains(method);
    }

    /** The failed check, or null when the request passed them all. */
    GatewayError check(GatewayRequest request) {
        for (String[] rule : REQUIRED) {
            if (request.get(rule[0]) == null) {
                return GatewayError.missing(rule[1], rule[2]);
            }
        }
        if (!appId.equals(request.get("app_id"))) {
            return GatewayError.invalid("isv.invalid-app-id", "无效的AppID参数");
        }
        if (!supports(request.get("method"))) {
            return GatewayError.invalid("isv.invalid-method", "不存在的方法名");
        }
        SignType signType = signType(request);
        if (signType == null) {
            return GatewayError.invalid("isv.invalid-signature-type", "无效的签名类型参数");
        }
        String charset = request.get("charset");
        if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
            return GatewayError.invalid("isv.invalid-charset", "字符集错误 (the simulator models charset=utf-8 only)");
        }
        String content = SignContent.forRequest(request.params());
        if (!RsaSigner.verify(content, request.get("sign"), appPublicKey, signType)) {
            return GatewayError.invalid("isv.invalid-signature", INVALID_SIGNATURE_PREFIX + content);
        }
        GatewayError modes = modes(request);
        if (modes != null) {
            return modes;
        }
        if (!GatewayTime.isTimestamp(request.get("timestamp"))) {
            return GatewayError.invalid("isv.invalid-timestamp", "非法的时间戳参数");
        }
        if (!"1.0".equals(request.get("version"))) {
            return GatewayError.invalid("isv.invalid-version", "无效的版本参数 (only 1.0)");
        }
        return null;
    }

    /** Certificate mode's SNs and the encrypt type; the sub_codes for wrong SNs are guesses (cert-and-aes.md A.4). */
    private GatewayError modes(GatewayRequest request) {
        if (appCertSn != null) {
            if (request.get("app_cert_sn") == null) {
                return GatewayError.missing("isv.missing-app-cert-sn", "缺少应用公钥证书序列号");
            }
            if (!appCertSn.equals(request.get("app_cert_sn"))) {
                return GatewayError.invalid("isv.app-cert-sn-not-match", "应用公钥证书序列号不匹配");
            }
            if (request.get("alipay_root_cert_sn") == null) {
                return GatewayError.missing("isv.missing-alipay-root-cert-sn", "缺少支付宝根证书序列号");
            }
            if (!rootCertSn.equals(request.get("alipay_root_cert_sn"))) {
                return GatewayError.invalid("isv.alipay-root-cert-sn-not-match", "支付宝根证书序列号不匹配");
            }
        }
        String encryptType = request.get("encrypt_type");
        if (encryptType != null && (!aes || !encryptType.equals("AES"))) {
            return GatewayError.invalid("isv.invalid-encrypt-type", "无效的加密类型"
                    + (aes ? "" : " (this app has no AES key: start the simulator with --aes)"));
        }
        return null;
    }

    /** RSA2 or RSA exactly as named by the request; null for anything else. */
    static SignType signType(GatewayRequest request) {
        return SignType.named(request.get("sign_type"));
    }
}
