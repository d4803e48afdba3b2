package alipaymcp.alipay;

import alipaymcp.alipay.GatewayClient.RequestSettings;
import alipaymcp.alipay.RsaSigner.SignContent;
import alipaymcp.json.JsonValue.JsonNumber;
import alipaymcp.json.JsonValue.JsonObject;
import java.math.BigDecimal;
import java.net.URI;
import java.security.PrivateKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The one request builder: the signed parameters of one call ({@code sign} last) in upstream's insertion order
 * (upstream-1.4.0.md §11.1), and how they travel: upstream's allow-listed keys go in the URL query, form-encoded;
 * the rest go in the POST body, or for a page URL are appended to the query.
 */
record SignedRequest(Map<String, String> params) {
    private static final Set<String> URL_KEYS = Set.of("app_id", "method", "format", "charset", "sign_type",
            "sign", "timestamp", "version", "notify_url", "return_url", "auth_token", "app_auth_token",
            "app_cert_sn", "alipay_root_cert_sn", "ws_service_url");
    /** China time (GMT+8), whatever the host zone. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.ofHours(8));

    SignedRequest {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** Page calls (wap/page pay) alone carry alipay_sdk, notify_url and return_url. */
    static SignedRequest page(String method, RequestSettings s, String bizContent, Instant now, PrivateKey key) {
        LinkedHashMap<String, String> p = common(method, s, now);
        p.put("alipay_sdk", s.alipaySdk());
        putIfSet(p, "notify_url", s.notifyUrl());
        putIfSet(p, "return_url", s.returnUrl());
        return finish(p, s, bizContent, key, false); // payment links stay plaintext: see README, AES
    }

    /** With AP_ENCRYPT_KEY, biz_content is encrypted and encrypt_type=AES added before signing. */
    static SignedRequest api(String method, RequestSettings s, String bizContent, Instant now, PrivateKey key) {
        return finish(common(method, s, now), s, bizContent, key, true);
    }

    /**
     * {@code alipay.open.app.alipaycert.download} for one SN (certificate mode): never encrypted and without
     * x_open_scene, as the official SDK sends it (certificate-mode.json download-cert).
     */
    static SignedRequest certificateDownload(RequestSettings s, String alipayCertSn, Instant now, PrivateKey key) {
        LinkedHashMap<String, String> p = common(GatewayClient.CERT_DOWNLOAD, s, now);
        putCertificateSns(p, s);
        p.put("biz_content", "{\"alipay_cert_sn\":\"" + alipayCertSn + "\"}");
        return signed(p, s, key);
    }

    static String timestamp(Instant t) {
        return TIMESTAMP.format(t);
    }

    static boolean inUrl(String key) {
        return URL_KEYS.contains(key);
    }

    String method() {
        return params.get("method");
    }

    /** What no report may show: the app_auth_token and this request's sign (gateway errors echo both). */
    String[] secrets() {
        return new String[] {params.get("app_auth_token"), params.get("sign")};
    }

    /** The POST's headers; {@code userAgent} is {@code alipay_sdk}, also sent in page URLs. */
    Map<String, String> headers(String userAgent) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/x-www-form-urlencoded;charset=UTF-8");
        headers.put("accept", "application/json");
        headers.put("user-agent", userAgent);
        headers.put("alipay-request-id", UUID.randomUUID().toString().replace("-", ""));
        return headers;
    }

    /** {@code gateway?k=v&...} with the allow-listed keys, form-encoded: where the API call is POSTed. */
    URI postUri(String gateway) {
        return URI.create(gateway + (gateway.indexOf('?') < 0 ? '?' : '&') + form(true));
    }

    String formBody() {
        return form(false);
    }

    /**
     * The GET URL of a page call, never fetched by us: upstream's layout (the POST URL, then {@code &k=v} for the
     * rest) with {@code ! ' ( ) * ~} percent-encoded too, so no order title can end a Markdown link early.
     */
    String pageUrl(String gateway) {
        return postUri(gateway) + params.entrySet().stream().filter(e -> !inUrl(e.getKey()))
                .map(e -> "&" + component(e.getKey()) + "=" + component(e.getValue())).collect(Collectors.joining());
    }

    private String form(boolean urlKeys) {
        Map<String, String> chosen = new LinkedHashMap<>(params);
        chosen.keySet().removeIf(k -> inUrl(k) != urlKeys);
        return FormCodec.encode(chosen);
    }

    /** encodeURIComponent with {@code ! ' ( ) * ~} also escaped (a '+' here always stands for a space). */
    private static String component(String s) {
        return FormCodec.encode(s).replace("+", "%20").replace("*", "%2A");
    }

    private static LinkedHashMap<String, String> common(String method, RequestSettings s, Instant now) {
        LinkedHashMap<String, String> p = new LinkedHashMap<>();
        p.put("method", method);
        p.put("app_id", s.appId());
        p.put("charset", "utf-8");
        p.put("version", "1.0");
        p.put("sign_type", s.signType().name());
        p.put("timestamp", timestamp(now));
        return p;
    }

    private static SignedRequest finish(LinkedHashMap<String, String> p, RequestSettings s, String bizContent,
            PrivateKey key, boolean encrypt) {
        p.put("x_open_scene", "MCP");
        putIfSet(p, "app_auth_token", s.appAuthToken());
        putCertificateSns(p, s);
        if (encrypt && s.cipher() != null) { // encrypt first, sign after: the signature covers the ciphertext
            p.put("encrypt_type", "AES");
            bizContent = s.cipher().encrypt(bizContent);
        }
        p.put("biz_content", bizContent);
        return signed(p, s, key);
    }

    private static SignedRequest signed(LinkedHashMap<String, String> p, RequestSettings s, PrivateKey key) {
        p.put("sign", RsaSigner.sign(SignContent.forRequest(p), key, s.signType()));
        return new SignedRequest(p);
    }

    private static void putCertificateSns(Map<String, String> p, RequestSettings s) {
        if (s.certificates() != null) {
            p.put("app_cert_sn", s.certificates().appCertSn());
            p.put("alipay_root_cert_sn", s.certificates().rootCertSn());
        }
    }

    private static void putIfSet(Map<String, String> p, String key, String value) {
        if (value != null) { // RequestSettings made empty values null
            p.put(key, value);
        }
    }

    /**
     * The {@code biz_content} JSON of the five calls (upstream-1.4.0.md §5): upstream's key order, amounts as plain
     * JSON numbers (0.01, 88.8, 100), '/' and non-ASCII unescaped. The tools validate; these refuse only nonsense.
     */
    static final class BizContent {
        static final String WAP_PRODUCT = "QUICK_WAP_WAY";
        static final String PAGE_PRODUCT = "FAST_INSTANT_TRADE_PAY";

        private BizContent() {
        }

        /** {@code body} repeats the title, as upstream sends it. */
        static String payment(String outTradeNo, BigDecimal amount, String title, String product,
                String channelSource) {
            return withChannel(JsonObject.builder()
                    .put("out_trade_no", outTradeNo)
                    .put("total_amount", amount(amount))
                    .put("subject", title)
                    .put("product_code", product)
                    .put("body", title), channelSource);
        }

        static String query(String outTradeNo, String channelSource) {
            return withChannel(JsonObject.builder().put("out_trade_no", outTradeNo), channelSource);
        }

        /** {@code refund_reason} is left out when null, as upstream does. */
        static String refund(String outTradeNo, BigDecimal amount, String reason, String outRequestNo,
                String channelSource) {
            return withChannel(JsonObject.builder()
                    .put("out_trade_no", outTradeNo)
                    .put("refund_amount", amount(amount))
                    .putIfPresent("refund_reason", reason)
                    .put("out_request_no", outRequestNo), channelSource);
        }

        static String refundQuery(String outTradeNo, String outRequestNo, String channelSource) {
            return withChannel(JsonObject.builder()
                    .put("out_trade_no", outTradeNo)
                    .put("out_request_no", outRequestNo), channelSource);
        }

        private static JsonNumber amount(BigDecimal amount) {
            if (amount.signum() <= 0) {
                throw new IllegalArgumentException("an amount must be positive");
            }
            return JsonNumber.of(amount);
        }

        private static String withChannel(JsonObject.Builder fields, String channelSource) {
            return fields.put("extend_params", JsonObject.builder().put("request_channel_source", channelSource)
                    .build()).build().toJson();
        }
    }
}
