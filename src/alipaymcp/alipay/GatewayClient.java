package alipaymcp.alipay;

import alipaymcp.alipay.AlipayException.Kind;
import alipaymcp.alipay.SignedRequest.BizContent;
import alipaymcp.json.JsonException;
import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonObject;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The five calls of this server. Page calls return a signed URL (nothing is sent); API calls POST a
 * signed form to the gateway and return only a verified answer about the same order. A query may be
 * re-sent once when the connection was refused (it never reached the gateway); a refund never is.
 */
public final class GatewayClient {
    /** Certificate mode: fetches the Alipay certificate an answer's alipay_cert_sn names (after a rotation). */
    static final String CERT_DOWNLOAD = "alipay.open.app.alipaycert.download";
    /** The one call whose success must name the refund request as well as the order. */
    static final String REFUND_QUERY = "alipay.trade.fastpay.refund.query";

    private final String gateway;
    private final RequestSettings settings;
    private final AppPrivateKey appKey;
    private final AlipayPublicKey alipayKey;
    private final Duration timeout;
    private final Clock clock;
    private HttpTransport transport; // guarded by this; built by the first API call (page links never send)

    /** {@code timeout}: connect timeout and whole-exchange timeout (AP_TIMEOUT_MS). */
    public GatewayClient(URI gateway, RequestSettings settings, AppPrivateKey appKey, AlipayPublicKey alipayKey,
            Duration timeout, Clock clock) {
        this(gateway, settings, appKey, alipayKey, timeout, clock, null);
    }

    /** {@code transport}: the network seam for tests, or null for the JDK's HTTP client. */
    GatewayClient(URI gateway, RequestSettings settings, AppPrivateKey appKey, AlipayPublicKey alipayKey,
            Duration timeout, Clock clock, HttpTransport transport) {
        this.gateway = gateway.toString();
        this.settings = settings;
        this.appKey = appKey;
        this.alipayKey = alipayKey;
        this.timeout = timeout;
        this.clock = clock;
        this.transport = transport;
    }

    public String wapPayUrl(String outTradeNo, BigDecimal totalAmount, String title) throws AlipayException {
        return pageUrl("alipay.trade.wap.pay", BizContent.wapPay(outTradeNo, totalAmount, title,
                settings.channelSource()));
    }

    public String pagePayUrl(String outTradeNo, BigDecimal totalAmount, String title) throws AlipayException {
        return pageUrl("alipay.trade.page.pay", BizContent.pagePay(outTradeNo, totalAmount, title,
                settings.channelSource()));
    }

    public AlipayResponse query(String outTradeNo) throws AlipayException {
        return call("alipay.trade.query", BizContent.query(outTradeNo, settings.channelSource()),
                outTradeNo, null, true);
    }

    /** Never re-sent: on a failure with {@code outcomeUnknown()}, check with {@link #refundQuery}. */
    public AlipayResponse refund(String outTradeNo, BigDecimal refundAmount, String refundReason, String outRequestNo)
            throws AlipayException {
        return call("alipay.trade.refund", BizContent.refund(outTradeNo, refundAmount, refundReason, outRequestNo,
                settings.channelSource()), outTradeNo, outRequestNo, false);
    }

    /** A success must name both numbers: a refund answer about another refund of the order is a replay. */
    public AlipayResponse refundQuery(String outTradeNo, String outRequestNo) throws AlipayException {
        return call(REFUND_QUERY, BizContent.refundQuery(outTradeNo, outRequestNo, settings.channelSource()),
                outTradeNo, outRequestNo, true);
    }

    private String pageUrl(String method, String bizContent) throws AlipayException {
        return SignedRequest.page(method, settings, bizContent, clock.instant(), privateKey()).pageUrl(gateway);
    }

    /** Sign, send, verify: the answer is returned only when it verifies and is about the same order. */
    private AlipayResponse call(String method, String bizContent, String outTradeNo, String outRequestNo,
            boolean readOnly) throws AlipayException {
        SignedRequest request = SignedRequest.api(method, settings, bizContent, clock.instant(), privateKey());
        ResponseVerifier.Keys keys = responseKeys(); // a key that cannot verify fails before anything is sent
        String body = send(request, readOnly);
        return ResponseVerifier.verify(body, new ResponseVerifier.Expected(method, outTradeNo, outRequestNo), keys,
                settings.signType(), settings.cipher(), request.secrets());
    }

    /** POSTs a signed request and returns the answer's text (HTTP 200, within the size limit). */
    private String send(SignedRequest request, boolean readOnly) throws AlipayException {
        String method = request.method();
        HttpTransport.Reply reply = JdkHttpTransport.send(transport(), method, request.postUri(gateway), headers(),
                request.formBody(), timeout, readOnly, request.secrets());
        if (reply.status() != 200) {
            throw new AlipayException(Kind.HTTP_STATUS, "The gateway answered " + method + " with HTTP status "
                    + reply.status() + " instead of 200" + AlipayException.unknownOutcome(method));
        }
        if (reply.body() == null) {
            throw new AlipayException(Kind.MALFORMED, "The gateway's answer to " + method + " is larger than "
                    + HttpTransport.MAX_BODY + " bytes; it was not read" + AlipayException.unknownOutcome(method));
        }
        return decode(reply, method);
    }

    /** AP_PUB_KEY, or in certificate mode the certificates by SN, downloading one that is not known yet. */
    private ResponseVerifier.Keys responseKeys() throws AlipayException {
        CertificateMode certificates = settings.certificates();
        if (certificates == null) {
            return ResponseVerifier.Keys.of(publicKey());
        }
        return certificates.keys(this::downloadCertificate);
    }

    /**
     * {@code alipay_cert_content} for one SN. Its answer's signature is not what makes it trusted (the official
     * SDK does not check it, and which key signs it is unconfirmed): the chain it holds is validated against the
     * root file by {@link CertificateMode}, and only then used.
     */
    private String downloadCertificate(String sn, String forMethod) throws AlipayException {
        SignedRequest request = SignedRequest.certificateDownload(settings, sn, clock.instant(), privateKey());
        String body;
        try {
            body = send(request, true);
        } catch (AlipayException e) {
            throw CertificateMode.untrusted(forMethod, sn, "downloading it failed: " + e.getMessage());
        }
        String root = AlipayResponse.rootOf(CERT_DOWNLOAD);
        try {
            if (JsonParser.parse(body) instanceof JsonObject doc && doc.get(root) instanceof JsonObject answer) {
                String code = answer.string("code").orElse("");
                if (!code.equals(AlipayResponse.SUCCESS)) {
                    throw CertificateMode.untrusted(forMethod, sn, "the gateway refused to send it (unverified code "
                            + GatewayText.unverifiedCode(code) + ", sub_code "
                            + GatewayText.unverifiedCode(answer.string("sub_code").orElse(null)) + ")");
                }
                String content = answer.string("alipay_cert_content").orElse("");
                if (!content.isEmpty()) {
                    return content;
                }
            }
        } catch (JsonException e) {
            // reported below
        }
        throw CertificateMode.untrusted(forMethod, sn, "the download answer holds no alipay_cert_content");
    }

    /**
     * The body in the charset its Content-Type names (UTF-8 when it names none), before anything is verified,
     * as the SDK does: the gateway signs characters, not bytes.
     */
    static String decode(HttpTransport.Reply reply, String method) throws AlipayException {
        String type = reply.contentType();
        Charset charset = StandardCharsets.UTF_8;
        int at = type == null ? -1 : type.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (at >= 0) {
            String name = type.substring(at + "charset=".length()).split(";", 2)[0].trim().replace("\"", "");
            try {
                charset = Charset.forName(name);
            } catch (IllegalArgumentException e) { // illegal or unsupported charset name
                throw new AlipayException(Kind.MALFORMED, "The gateway's answer to " + method + " names a charset"
                        + " this JDK cannot decode (" + GatewayText.unverifiedMessage(GatewayText.cut(name, 40)) + ")"
                        + AlipayException.unknownOutcome(method));
            }
        }
        return new String(reply.body(), charset);
    }

    /**
     * The transport, made on first use: loading it links the java.net.http module, which a payment link
     * (signed here, opened by the buyer's browser) never needs.
     */
    private synchronized HttpTransport transport() {
        if (transport == null) {
            transport = new JdkHttpTransport(timeout);
        }
        return transport;
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/x-www-form-urlencoded;charset=UTF-8");
        headers.put("accept", "application/json");
        headers.put("user-agent", settings.alipaySdk());
        headers.put("alipay-request-id", UUID.randomUUID().toString().replace("-", ""));
        return headers;
    }

    private PrivateKey privateKey() throws AlipayException {
        try {
            return appKey.jcaKey();
        } catch (KeyException e) {
            throw new AlipayException(Kind.LOCAL_KEY, "AP_APP_KEY cannot sign: " + e.getMessage(), e);
        }
    }

    private PublicKey publicKey() throws AlipayException {
        try {
            return alipayKey.jcaKey();
        } catch (KeyException e) {
            throw new AlipayException(Kind.LOCAL_KEY, "AP_PUB_KEY cannot verify: " + e.getMessage(), e);
        }
    }

    /**
     * The one seam between {@link GatewayClient} and the network, so tests can fail a connection on purpose.
     * Failures are the JDK's: {@link java.net.ConnectException} (never reached the server),
     * {@link java.net.http.HttpConnectTimeoutException}, {@link java.net.http.HttpTimeoutException}
     * (sent, no complete answer in time), any other {@link IOException} (connection lost).
     */
    interface HttpTransport {
        /** The largest answer read; Alipay's are a few KB. */
        int MAX_BODY = 4 * 1024 * 1024;

        /** One POST of a UTF-8 form body; the whole exchange, body included, ends within {@code timeout}. */
        Reply post(URI uri, Map<String, String> headers, String body, Duration timeout)
                throws IOException, InterruptedException;

        /**
         * Status, Content-Type (null when absent) and raw body bytes of an answer; body is null when it was larger
         * than the transport accepts.
         */
        record Reply(int status, String contentType, byte[] body) {
        }
    }
}
