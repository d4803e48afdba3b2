package alipaymcp.tools;

import alipaymcp.alipay.AlipayResponse;
import alipaymcp.json.JsonObject;

/**
 * The {@code outcome} field of both refund tools' structured content, so that a client can act without reading
 * the Chinese text (docs/refunds.md has the full table).
 */
enum RefundStatus {
    /** Confirmed by a verified refund query: REFUND_SUCCESS for this outRequestNo and the amount asked. */
    SUCCEEDED("succeeded"),
    /** The gateway accepted or knows the request, but the refund is not confirmed: query again in 10 s or more. */
    PENDING("pending"),
    /** No verified answer, or one that says the outcome is unknown: query before acting, reuse the number. */
    UNKNOWN("unknown"),
    /** A verified refusal (the refund was not made), or nothing was sent; a retry still reuses the number. */
    FAILED("failed");

    private final String json;

    RefundStatus(String json) {
        this.json = json;
    }

    String json() {
        return json;
    }

    /** Structured content both refund tools share: the numbers asked, this outcome, and verified codes. */
    JsonObject.Builder structured(String outTradeNo, String outRequestNo, AlipayResponse response) {
        JsonObject.Builder out = JsonObject.builder()
                .put("outTradeNo", outTradeNo)
                .put("outRequestNo", outRequestNo)
                .put("outcome", json);
        if (response != null) {
            out.putIfPresent("tradeNo", response.shownField("trade_no"));
            if (!response.isSuccess()) {
                out.putIfPresent("code", response.shownField("code")).putIfPresent("subCode", response.shownField("sub_code"));
            }
        }
        return out;
    }
}
