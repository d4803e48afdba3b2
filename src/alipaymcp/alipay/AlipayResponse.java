package alipaymcp.alipay;

import alipaymcp.json.JsonValue.JsonObject;
import java.util.Objects;

/**
 * A gateway answer whose signature verified and which belongs to the request that was sent. The
 * content is the signed object, parsed from the exact verified text: decisions and the order binding read
 * it. What is shown (texts, structured content) reads {@code shown}: the same object with tokens and
 * signatures redacted and every string capped.
 *
 * @param method  the API method, e.g. {@code alipay.trade.query}
 * @param root    {@code <method>_response} or {@code error_response}
 * @param content the verified response object in Alipay's member order
 * @param shown   the same, redacted and capped, for display only
 */
public record AlipayResponse(String method, String root, JsonObject content, JsonObject shown) {
    public static final String SUCCESS = "10000";
    public static final String UNKNOWN = "20000";

    public AlipayResponse {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(shown, "shown");
    }

    /** The node an answer is written under: {@code alipay.trade.query} → {@code alipay_trade_query_response}. */
    public static String rootOf(String method) {
        return method.replace('.', '_') + "_response";
    }

    /** A string member as it may be shown (redacted, capped), or null. */
    public String shownField(String name) {
        return shown.string(name).orElse(null);
    }

    /** A verified string member (for decisions, never for display), or null when absent or not a string. */
    public String field(String name) {
        return content.string(name).orElse(null);
    }

    public String code() {
        return field("code");
    }

    public String subCode() {
        return field("sub_code");
    }

    /** {@code code == "10000"} (upstream's rule). */
    public boolean isSuccess() {
        return SUCCESS.equals(code());
    }

    /** {@code code == "20000"}: the gateway does not know the outcome; query, or retry with the same numbers. */
    public boolean resultUnknown() {
        return UNKNOWN.equals(code());
    }
}
