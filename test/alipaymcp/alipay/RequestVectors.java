package alipaymcp.alipay;

import alipaymcp.alipay.GatewayClient.RequestSettings;
import alipaymcp.alipay.KeyReader.KeyException;
import alipaymcp.alipay.SignedRequest.BizContent;
import alipaymcp.json.JsonValue.JsonNumber;
import alipaymcp.json.JsonValue.JsonObject;
import java.time.Instant;

/** Rebuilds a request-signing vector with upstream's two tags injected and the vector clock. */
final class RequestVectors {
    static final Instant CLOCK = Instant.parse("2025-04-15T02:00:00Z");
    static final String UPSTREAM_SDK = "alipay-sdk-nodejs-4.0.0";
    static final String UPSTREAM_CHANNEL = "mcp_1.4.0";

    private RequestVectors() {
    }

    static RequestSettings settings(JsonObject v) {
        JsonObject env = Vectors.obj(v, "env");
        return new RequestSettings(Vectors.str(env, "AP_APP_ID"), SignType.valueOf(Vectors.str(v, "sign_type")),
                Vectors.str(env, "AP_INVOKE_AUTH_TOKEN"), Vectors.str(env, "AP_NOTIFY_URL"),
                Vectors.str(env, "AP_RETURN_URL"), UPSTREAM_SDK, UPSTREAM_CHANNEL, null, null);
    }

    static String bizContent(JsonObject v) {
        JsonObject a = Vectors.obj(v, "arguments");
        String no = Vectors.str(a, "outTradeNo");
        return switch (Vectors.str(v, "tool")) {
            case "create-mobile-alipay-payment" -> BizContent.payment(no, amount(a, "totalAmount"),
                    Vectors.str(a, "orderTitle"), BizContent.WAP_PRODUCT, UPSTREAM_CHANNEL);
            case "create-web-page-alipay-payment" -> BizContent.payment(no, amount(a, "totalAmount"),
                    Vectors.str(a, "orderTitle"), BizContent.PAGE_PRODUCT, UPSTREAM_CHANNEL);
            case "query-alipay-payment" -> BizContent.query(no, UPSTREAM_CHANNEL);
            case "refund-alipay-payment" -> BizContent.refund(no, amount(a, "refundAmount"),
                    Vectors.str(a, "refundReason"), Vectors.str(a, "outRequestNo"), UPSTREAM_CHANNEL);
            case "query-alipay-refund" -> BizContent.refundQuery(no, Vectors.str(a, "outRequestNo"), UPSTREAM_CHANNEL);
            default -> throw new IllegalArgumentException(Vectors.str(v, "tool"));
        };
    }

    static boolean isPage(JsonObject v) {
        return Vectors.str(v, "tool").startsWith("create-");
    }

    static SignedRequest request(JsonObject v, AppPrivateKey key) throws KeyException {
        String method = Vectors.str(v, "method");
        return isPage(v)
                ? SignedRequest.page(method, settings(v), bizContent(v), CLOCK, key.jcaKey())
                : SignedRequest.api(method, settings(v), bizContent(v), CLOCK, key.jcaKey());
    }

    private static java.math.BigDecimal amount(JsonObject a, String name) {
        return ((JsonNumber) a.get(name)).toBigDecimal();
    }
}
