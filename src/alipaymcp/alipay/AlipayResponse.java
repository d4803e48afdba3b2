package alipaymcp.alipay;

import alipaymcp.json.JsonValue.JsonObject;
import java.util.Objects;

/**
 * A gateway answer whose signature verified and which belongs to the request that was sent. Decisions read
 * {@code content}, parsed from the exact verified text; what is shown reads {@code shown}, the same object with
 * tokens and signatures redacted and every string capped. {@code root}: {@code <method>_response} or error_response.
 */
public record AlipayResponse(String method, String root, JsonObject content, JsonObject shown) {
    public static final String SUCCESS = "10000";

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

    public boolean isSuccess() {
        return SUCCESS.equals(code());
    }

    /** {@code code == "20000"}: the gateway does not know the outcome; query, or retry with the same numbers. */
    public boolean resultUnknown() {
        return "20000".equals(code());
    }
}
