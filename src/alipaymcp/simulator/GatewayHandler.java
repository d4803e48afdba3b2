package alipaymcp.simulator;

import alipaymcp.alipay.ContentCipher;
import alipaymcp.alipay.FormCodec;
import alipaymcp.alipay.RsaSigner.SignContent;
import alipaymcp.alipay.RsaSigner;
import alipaymcp.alipay.SignType;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.simulator.AnswerWriter.Answer;
import alipaymcp.simulator.AnswerWriter.GatewayError;
import alipaymcp.simulator.AnswerWriter.HttpReply;
import alipaymcp.simulator.Faults.Fault;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * /gateway.do, GET or POST: reads the parameters, runs the gateway checks, applies an injected fault, then
 * dispatches to the page-pay cashier or the trade APIs. {@code pki} (certificate mode) and {@code cipher} (AES)
 * are null when off.
 */
record GatewayHandler(String appId, PublicKey appPublicKey, Faults faults, Cashier cashier, TradeApi api,
        AnswerWriter writer, SimulatorPki pki, ContentCipher cipher) implements HttpHandler {
    static final String PATH = "/gateway.do";
    static final String CERT_DOWNLOAD = "alipay.open.app.alipaycert.download";
    static final int MAX_BODY_BYTES = 1 << 20; // no request of the modelled APIs comes near
    private static final Set<String> METHODS = Set.of(Cashier.WAP, Cashier.PAGE, TradeApi.QUERY, TradeApi.REFUND,
            TradeApi.REFUND_QUERY);
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
        Map<String, String> request;
        try {
            request = read(exchange);
        } catch (IllegalArgumentException e) {
            return writer.reply(Answer.failure(null,
                    GatewayError.invalid("isv.invalid-parameter", "参数无效 (" + e.getMessage() + ")"), null), null, null);
        }
        String method = request.get("method");
        boolean page = Cashier.handles(method);
        GatewayError refused = check(request);
        if (refused != null) {
            return page ? Cashier.rejected(refused)
                    : writer.reply(Answer.failure(supports(method) ? method : null, refused, null), null, null);
        }
        SignType signType = SignType.named(request.get("sign_type"));
        Fault fault = faults.forMethod(method);
        Fault.Kind kind = fault == null ? null : fault.kind();
        if (kind == Fault.Kind.DELAY) {
            Thread.sleep(fault.number());
        }
        boolean encrypted = request.get("encrypt_type") != null;
        if (page) {
            if (encrypted) {
                return Cashier.rejected(GatewayError.invalid("isv.invalid-encrypt-type",
                        "无效的加密类型 (the simulator does not model encrypted payment links)"));
            }
            HttpReply html = cashier.openPage(request, signType);
            return kind == null || !kind.transport() ? html : AnswerWriter.transport(html, kind);
        }
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
        HttpReply earlier = kind == Fault.Kind.REPLAY ? faults.earlier(method, bizContent) : null;
        if (earlier != null) {
            return earlier;
        }
        Answer answer = call(method, bizContent, signType, fault);
        HttpReply reply = writer.reply(answer, kind, encrypted ? cipher : null);
        if (kind == null || kind.situation()) {
            faults.remember(method, answer, reply);
        }
        return reply;
    }

    private Answer call(String method, String bizContent, SignType signType, Fault fault) {
        Fault.Kind kind = fault == null ? null : fault.kind();
        GatewayError injected = kind == null ? null : switch (kind) {
            case ERROR_RESPONSE -> new GatewayError("40006", "Insufficient Permissions",
                    "isv.insufficient-isv-permissions", "ISV权限不足，建议在开发者中心检查对应功能是否已经添加");
            case SYSTEM_ERROR -> new GatewayError("20000", "Service Currently Unavailable", "isp.unknow-error",
                    "系统繁忙");
            case ACQ_SYSTEM_ERROR -> GatewayError.business("ACQ.SYSTEM_ERROR", "系统错误");
            default -> null;
        };
        if (injected != null) { // signed, nothing processed; an error_response names no method
            return Answer.failure(kind == Fault.Kind.ERROR_RESPONSE ? null : method, injected, signType);
        }
        try {
            BizRequest biz = BizRequest.parse(bizContent);
            if (method.equals(CERT_DOWNLOAD)) {
                return download(biz.requiredText("alipay_cert_sn", 64), signType);
            }
            return api.call(method, biz, signType, kind == Fault.Kind.REFUND_PENDING ? (int) fault.number() : 0);
        } catch (BizRequest.Invalid e) {
            return Answer.failure(method, GatewayError.invalidParameter(e.getMessage()), signType);
        }
    }

    /** alipay_cert_content: Base64 of the PEM chain (leaf, intermediate) of any certificate this PKI issued. */
    private Answer download(String sn, SignType signType) {
        String chain = pki.chain(sn);
        if (chain == null) {
            return Answer.failure(CERT_DOWNLOAD, GatewayError.business("CERT_NOT_EXIST", "证书不存在 (a guess)"),
                    signType);
        }
        return Answer.success(CERT_DOWNLOAD, JsonObject.builder().put("alipay_cert_content",
                Base64.getEncoder().encodeToString(chain.getBytes(StandardCharsets.UTF_8))), signType);
    }

    /**
     * The parameters read as the gateway reads them: from the query string AND the form body (the SDKs put common
     * parameters in the URL and biz_content in the body), one decoding pass; empty ones dropped, as the gateway
     * ignores them. A bad query or body, or a parameter in both, is an IllegalArgumentException naming it.
     */
    private static Map<String, String> read(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        Map<String, String> params = decode("query string", query == null ? "" : query);
        readForm(exchange.getRequestBody(), MAX_BODY_BYTES).forEach((name, value) -> {
            if (params.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("parameter " + name
                        + " is in both the query string and the body; send it once");
            }
        });
        params.values().removeIf(String::isEmpty);
        return params;
    }

    /** A UTF-8 form body of at most max bytes; more, or bad form encoding, is an IllegalArgumentException. */
    static Map<String, String> readForm(InputStream in, int max) throws IOException {
        byte[] bytes = in.readNBytes(max + 1);
        if (bytes.length > max) {
            throw new IllegalArgumentException("the body is larger than " + max + " bytes");
        }
        return decode("body", new String(bytes, StandardCharsets.UTF_8));
    }

    private static Map<String, String> decode(String where, String text) {
        try {
            return FormCodec.decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + where + " is not valid form encoding: " + e.getMessage(), e);
        }
    }

    /** The methods modelled; the certificate download only in certificate mode. */
    private boolean supports(String method) {
        return method != null && (METHODS.contains(method) || pki != null && method.equals(CERT_DOWNLOAD));
    }

    /**
     * The gateway's checks on the common parameters, in this order: required parameters (40001), app id, method,
     * sign type, charset, the signature over everything received minus sign (40002), certificate mode's SNs and
     * the encrypt type, timestamp form and version. A failed check is answered without sign, as the gateway does.
     */
    private GatewayError check(Map<String, String> request) {
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
        SignType signType = SignType.named(request.get("sign_type")); // RSA2 or RSA exactly; null otherwise
        if (signType == null) {
            return GatewayError.invalid("isv.invalid-signature-type", "无效的签名类型参数");
        }
        String charset = request.get("charset");
        if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
            return GatewayError.invalid("isv.invalid-charset", "字符集错误 (the simulator models charset=utf-8 only)");
        }
        String content = SignContent.forRequest(request);
        if (!RsaSigner.verify(content, request.get("sign"), appPublicKey, signType)) {
            return GatewayError.invalid("isv.invalid-signature", INVALID_SIGNATURE_PREFIX + content);
        }
        GatewayError modes = modes(request);
        if (modes != null) {
            return modes;
        }
        if (!Trade.Book.isTimestamp(request.get("timestamp"))) {
            return GatewayError.invalid("isv.invalid-timestamp", "非法的时间戳参数");
        }
        return "1.0".equals(request.get("version")) ? null
                : GatewayError.invalid("isv.invalid-version", "无效的版本参数 (only 1.0)");
    }

    /** Certificate mode's SNs and the encrypt type; the sub_codes for wrong SNs are guesses (cert-and-aes.md A.4). */
    private GatewayError modes(Map<String, String> request) {
        if (pki != null) {
            if (request.get("app_cert_sn") == null) {
                return GatewayError.missing("isv.missing-app-cert-sn", "缺少应用公钥证书序列号");
            }
            if (!pki.appCertSn().equals(request.get("app_cert_sn"))) {
                return GatewayError.invalid("isv.app-cert-sn-not-match", "应用公钥证书序列号不匹配");
            }
            if (request.get("alipay_root_cert_sn") == null) {
                return GatewayError.missing("isv.missing-alipay-root-cert-sn", "缺少支付宝根证书序列号");
            }
            if (!pki.rootCertSn().equals(request.get("alipay_root_cert_sn"))) {
                return GatewayError.invalid("isv.alipay-root-cert-sn-not-match", "支付宝根证书序列号不匹配");
            }
        }
        String encryptType = request.get("encrypt_type");
        if (encryptType != null && (cipher == null || !encryptType.equals("AES"))) {
            return GatewayError.invalid("isv.invalid-encrypt-type", "无效的加密类型"
                    + (cipher != null ? "" : " (this app has no AES key: start the simulator with --aes)"));
        }
        return null;
    }
}
