package alipaymcp.simulator;

import alipaymcp.alipay.ContentCipher;
import alipaymcp.alipay.RsaSigner.SignContent;
import alipaymcp.alipay.RsaSigner;
import alipaymcp.alipay.SignType;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.simulator.AnswerWriter.Answer;
import alipaymcp.simulator.AnswerWriter.GatewayError;
import alipaymcp.simulator.AnswerWriter.HttpReply;
import alipaymcp.simulator.Cashier.PagePay;
import alipaymcp.simulator.TradeBook.GatewayTime;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Set;

/**
 * /gateway.do, GET or POST: reads the parameters, runs the gateway checks, applies an injected fault,
 * then dispatches to the page-pay cashier or the trade APIs.
 */
final class GatewayHandler implements HttpHandler {
    static final String PATH = "/gateway.do";
    static final String CERT_DOWNLOAD = "alipay.open.app.alipaycert.download";

    private final GatewayCheck check;
    private final Faults faults;
    private final PagePay pagePay;
    private final TradeApi api;
    private final AnswerWriter writer;
    private final SimulatorPki pki;
    private final ContentCipher cipher;

    /** {@code pki}: certificate mode (serves the certificate download), else null; {@code cipher}: AES, else null. */
    GatewayHandler(GatewayCheck check, Faults faults, PagePay pagePay, TradeApi api, AnswerWriter writer,
            SimulatorPki pki, ContentCipher cipher) {
        this.check = check;
        this.faults = faults;
        this.pagePay = pagePay;
        this.api = api;
        this.writer = writer;
        this.pki = pki;
        this.cipher = cipher;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                HttpReply.of(404, HttpReply.TEXT, "Not found: the gateway is at " + PATH + "\n").send(exchange);
                return;
            }
            String verb = exchange.getRequestMethod();
            if (!"GET".equals(verb) && !"POST".equals(verb)) {
                exchange.getResponseHeaders().set("Allow", "GET, POST");
                HttpReply.of(405, HttpReply.TEXT, "The gateway takes GET or POST\n").send(exchange);
                return;
            }
            answer(exchange).send(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpReply answer(HttpExchange exchange) throws IOException, InterruptedException {
        GatewayRequest request;
        try {
            request = GatewayRequest.read(exchange);
        } catch (IllegalArgumentException e) {
            return writer.reply(Answer.failure(null,
                    GatewayError.invalid("isv.invalid-parameter", "参数无效 (" + e.getMessage() + ")"), null), null, null);
        }
        String method = request.get("method");
        boolean page = PagePay.handles(method);
        GatewayError refused = check.check(request);
        if (refused != null) {
            if (page) {
                return PagePay.rejected(refused);
            }
            return writer.reply(Answer.failure(check.supports(method) ? method : null, refused, null), null, null);
        }
        SignType signType = GatewayCheck.signType(request);
        Fault fault = faults.forMethod(method);
        if (fault != null && fault.kind() == Fault.Kind.DELAY) {
            Thread.sleep(fault.delayMillis());
        }
        if (page && request.get("encrypt_type") != null) {
            return PagePay.rejected(GatewayError.invalid("isv.invalid-encrypt-type",
                    "无效的加密类型 (the simulator does not model encrypted payment links)"));
        }
        if (page) {
            HttpReply html = pagePay.open(request, signType);
            return fault == null || !fault.kind().transport() ? html : AnswerWriter.transport(html, fault.kind());
        }
        boolean encrypted = request.get("encrypt_type") != null;
        String bizContent = request.get("biz_content");
        if (encrypted) {
            try {
                bizContent = cipher.decrypt(bizContent == null ? "" : bizContent);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // a request the gateway cannot decrypt is answered in plaintext, signed (aes.json)
                return writer.reply(Answer.failure(method, GatewayError.invalid("isv.invalid-encrypt", "解密异常"),
                        signType), null, null);
            }
        }
        if (fault != null && fault.kind() == Fault.Kind.REPLAY) {
            HttpReply earlier = faults.earlier(method, bizContent);
            if (earlier != null) {
                return earlier;
            }
        }
        Answer answer = call(method, bizContent, signType, fault);
        HttpReply reply = writer.reply(answer, fault, encrypted ? cipher : null);
        if (fault == null || fault.kind().situation()) {
            faults.remember(method, answer, reply);
        }
        return reply;
    }

    private Answer call(String method, String bizContent, SignType signType, Fault fault) {
        if (fault != null && fault.kind() == Fault.Kind.ERROR_RESPONSE) {
            return Answer.failure(null, GatewayError.insufficientPermissions(), signType);
        }
        if (fault != null && fault.kind() == Fault.Kind.SYSTEM_ERROR) {
            return Answer.failure(method, GatewayError.systemError(), signType);
        }
        if (fault != null && fault.kind() == Fault.Kind.ACQ_SYSTEM_ERROR) {
            return Answer.failure(method, GatewayError.business("ACQ.SYSTEM_ERROR", "系统错误"), signType);
        }
        if (method.equals(CERT_DOWNLOAD)) {
            return download(bizContent, signType);
        }
        int pendingQueries = fault != null && fault.kind() == Fault.Kind.REFUND_PENDING ? fault.queries() : 0;
        try {
            return api.call(method, BizRequest.parse(bizContent), signType, pendingQueries);
        } catch (BizRequest.Invalid e) {
            return Answer.failure(method, GatewayError.invalidParameter(e.getMessage()), signType);
        }
    }

    /** alipay_cert_content: Base64 of the PEM chain (leaf, intermediate) of any certificate this PKI issued. */
    private Answer download(String bizContent, SignType signType) {
        String chain;
        try {
            chain = pki.chain(BizRequest.parse(bizContent).requiredText("alipay_cert_sn", 64));
        } catch (BizRequest.Invalid e) {
            return Answer.failure(CERT_DOWNLOAD, GatewayError.invalidParameter(e.getMessage()), signType);
        }
        if (chain == null) {
            return Answer.failure(CERT_DOWNLOAD, GatewayError.business("CERT_NOT_EXIST", "证书不存在 (a guess)"),
                    signType);
        }
        return Answer.success(CERT_DOWNLOAD, JsonObject.builder().put("alipay_cert_content",
                Base64.getEncoder().encodeToString(chain.getBytes(StandardCharsets.UTF_8))), signType);
    }

    /**
     * The gateway's checks on the common parameters, in this order: required parameters (40001), app id,
     * method, sign type, charset, then the signature over everything received minus sign (40002), then
     * timestamp form and version. A failed check is answered without sign, as the gateway does.
     */
    static final class GatewayCheck {
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
}
