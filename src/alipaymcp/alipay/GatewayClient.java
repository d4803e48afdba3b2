package alipaymcp.alipay;

import alipaymcp.alipay.AlipayException.Kind;
import alipaymcp.alipay.KeyReader.KeyException;
import alipaymcp.alipay.SignedRequest.BizContent;
import java.math.BigDecimal;
import java.net.URI;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The five calls of this server: page calls return a signed URL (nothing is sent); API calls return only a verified
 * answer about the same order. A query may be re-sent once when the connection was refused; a refund never is.
 */
public final class GatewayClient {
    /** Certificate mode: fetches the certificate an answer's alipay_cert_sn names (after a rotation). */
    static final String CERT_DOWNLOAD = "alipay.open.app.alipaycert.download";
    /** The one call whose success must name the refund request as well as the order. */
    static final String REFUND_QUERY = "alipay.trade.fastpay.refund.query";

    private final String gateway;
    private final RequestSettings settings;
    private final AppPrivateKey appKey;
    private final AlipayPublicKey alipayKey;
    private final Duration timeout;
    private final Clock clock;
    private HttpTransport transport; // guarded by this; see transport()

    /** {@code timeout}: AP_TIMEOUT_MS. */
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
        return pageUrl("alipay.trade.wap.pay", BizContent.payment(outTradeNo, totalAmount, title,
                BizContent.WAP_PRODUCT, settings.channelSource()));
    }

    public String pagePayUrl(String outTradeNo, BigDecimal totalAmount, String title) throws AlipayException {
        return pageUrl("alipay.trade.page.pay", BizContent.payment(outTradeNo, totalAmount, title,
                BizContent.PAGE_PRODUCT, settings.channelSource()));
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

    private String send(SignedRequest request, boolean readOnly) throws AlipayException {
        return HttpTransport.Jdk.send(transport(), request, gateway, settings.alipaySdk(), timeout, readOnly);
    }

    /** Made on first use: a payment link (signed here, opened by the buyer's browser) never loads java.net.http. */
    private synchronized HttpTransport transport() {
        if (transport == null) {
            transport = new HttpTransport.Jdk(timeout);
        }
        return transport;
    }

    /** AP_PUB_KEY, or in certificate mode the certificates by SN, downloading one that is not known yet. */
    private ResponseVerifier.Keys responseKeys() throws AlipayException {
        CertificateMode certificates = settings.certificates();
        if (certificates == null) {
            try {
                return ResponseVerifier.Keys.of(alipayKey.jcaKey());
            } catch (KeyException e) {
                throw new AlipayException(Kind.LOCAL_KEY, "AP_PUB_KEY cannot verify: " + e.getMessage(), e);
            }
        }
        PrivateKey key = privateKey();
        return new ResponseVerifier.Keys(null, certificates, (sn, forMethod) -> send(
                SignedRequest.certificateDownload(settings, sn, clock.instant(), key), true));
    }

    private PrivateKey privateKey() throws AlipayException {
        try {
            return appKey.jcaKey();
        } catch (KeyException e) {
            throw new AlipayException(Kind.LOCAL_KEY, "AP_APP_KEY cannot sign: " + e.getMessage(), e);
        }
    }

    /**
     * What every request carries besides its business content: AP_APP_ID, AP_ENCRYPTION_ALGO (signs requests and
     * verifies answers), AP_INVOKE_AUTH_TOKEN (sent as app_auth_token), AP_NOTIFY_URL and AP_RETURN_URL (page calls
     * only), {@code alipaySdk} (the alipay_sdk tag of page URLs and our user-agent; upstream sent
     * alipay-sdk-nodejs-4.0.0), extend_params.request_channel_source, certificate mode and AP_ENCRYPT_KEY (API calls
     * only). Null means unset; an empty optional text is made null.
     */
    public record RequestSettings(String appId, SignType signType, String appAuthToken, String notifyUrl,
            String returnUrl, String alipaySdk, String channelSource, CertificateMode certificates,
            ContentCipher cipher) {
        public RequestSettings {
            requireText(appId, "appId");
            Objects.requireNonNull(signType, "signType");
            requireText(alipaySdk, "alipaySdk");
            requireText(channelSource, "channelSource");
            appAuthToken = emptyToNull(appAuthToken);
            notifyUrl = emptyToNull(notifyUrl);
            returnUrl = emptyToNull(returnUrl);
        }

        private static void requireText(String value, String name) {
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException(name + " must not be empty");
            }
        }

        private static String emptyToNull(String value) {
            return value == null || value.isEmpty() ? null : value;
        }

        /** Never shows the token. */
        @Override
        public String toString() {
            return "RequestSettings[appId=" + appId + ", signType=" + signType + ", appAuthToken="
                    + (appAuthToken == null ? "unset" : "set") + ", notifyUrl=" + notifyUrl + ", returnUrl=" + returnUrl
                    + ", alipaySdk=" + alipaySdk + ", channelSource=" + channelSource
                    + ", mode=" + (certificates == null ? "public-key mode" : certificates.describe())
                    + ", encryption=" + (cipher == null ? "AES off" : cipher.describe())
                    + "]";
        }
    }
}
