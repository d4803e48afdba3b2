package alipaymcp.alipay;

import alipaymcp.json.JsonNumber;
import alipaymcp.json.JsonObject;
import java.math.BigDecimal;

/**
 * The {@code biz_content} JSON of the five calls, with upstream's exact key order, amounts as plain JSON
 * numbers (0.01, 88.8, 100) and compact text with '/' and non-ASCII unescaped (upstream-1.4.0.md §5).
 * Arguments are validated by the tools; these only refuse what would make a nonsensical request.
 */
public final class BizContent {
    private static final String WAP_PRODUCT = "QUICK_WAP_WAY";
    private static final String PAGE_PRODUCT = "FAST_INSTANT_TRADE_PAY";

    private BizContent() {
    }

    public static String wapPay(String outTradeNo, BigDecimal amount, String title, String channelSource) {
        return payment(outTradeNo, amount, title, WAP_PRODUCT, channelSource);
    }

    public static String pagePay(String outTradeNo, BigDecimal amount, String title, String channelSource) {
        return payment(outTradeNo, amount, title, PAGE_PRODUCT, channelSource);
    }

    public static String query(String outTradeNo, String channelSource) {
        return JsonObject.builder()
                .put("out_trade_no", outTradeNo)
                .put("extend_params", extendParams(channelSource))
                .build().toJson();
    }

    /** {@code refund_reason} is left out when null, as upstream does. */
    public static String refund(String outTradeNo, BigDecimal amount, String reason, String outRequestNo,
            String channelSource) {
        return JsonObject.builder()
                .put("out_trade_no", outTradeNo)
                .put("refund_amount", amount(amount))
                .putIfPresent("refund_reason", reason)
                .put("out_request_no", outRequestNo)
                .put("extend_params", extendParams(channelSource))
                .build().toJson();
    }

    public static String refundQuery(String outTradeNo, String outRequestNo, String channelSource) {
        return JsonObject.builder()
                .put("out_trade_no", outTradeNo)
                .put("out_request_no", outRequestNo)
                .put("extend_params", extendParams(channelSource))
                .build().toJson();
    }

    /** {@code body} repeats the title, as upstream sends it. */
    private static String payment(String outTradeNo, BigDecimal amount, String title, String product,
            String channelSource) {
        return JsonObject.builder()
                .put("out_trade_no", outTradeNo)
                .put("total_amount", amount(amount))
                .put("subject", title)
                .put("product_code", product)
                .put("body", title)
                .put("extend_params", extendParams(channelSource))
                .build().toJson();
    }

    private static JsonNumber amount(BigDecimal amount) {
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("an amount must be positive");
        }
        return JsonNumber.of(amount);
    }

    private static JsonObject extendParams(String channelSource) {
        return JsonObject.builder().put("request_channel_source", channelSource).build();
    }
}
