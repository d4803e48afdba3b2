package alipaymcp.simulator;

import alipaymcp.alipay.ContentCipher;
import alipaymcp.alipay.SignType;
import alipaymcp.json.JsonObject;
import alipaymcp.simulator.AnswerWriter.Answer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

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
}
