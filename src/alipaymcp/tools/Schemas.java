package alipaymcp.tools;

import alipaymcp.json.JsonException;
import alipaymcp.json.JsonObject;
import alipaymcp.json.JsonParser;

/**
 * The tools' JSON schemas. Argument names, descriptions and required lists are upstream's; the limits say
 * what we enforce (no multipleOf: floating-point validators reject 19.99 as a multiple of 0.01). Output
 * schemas are our own: fields the gateway may omit are optional. Parsed when first listed, not at start.
 */
final class Schemas {
    private Schemas() {
    }

    // Plain constant expressions (folded by javac): nothing to compute when the class loads.
    static final String OUT_TRADE_NO_CREATE =
            "{\"type\":\"string\",\"minLength\":1,\"maxLength\":64,\"description\":\"创建订单参数-商户订单号\"}";
    static final String OUT_TRADE_NO =
            "{\"type\":\"string\",\"minLength\":1,\"maxLength\":64,\"description\":\"商户订单号\"}";
    static final String OUT_REQUEST_NO =
            "{\"type\":\"string\",\"minLength\":1,\"maxLength\":64,\"description\":\"退款请求号\"}";
    static final String AMOUNT_RULE = "\"minimum\":0.01,\"maximum\":100000000";

    static final String PAYMENT_INPUT = "{\"type\":\"object\",\"properties\":{"
            + "\"outTradeNo\":" + OUT_TRADE_NO_CREATE + ","
            + "\"totalAmount\":{\"type\":\"number\"," + AMOUNT_RULE + ",\"description\":\"该订单的支付金额，以元为单位\"},"
            + "\"orderTitle\":{\"type\":\"string\",\"minLength\":1,\"maxLength\":256,\"description\":\"该订单的订单标题\"}},"
            + "\"required\":[\"outTradeNo\",\"totalAmount\",\"orderTitle\"],\"additionalProperties\":false}";

    static final String PAYMENT_OUTPUT = "{\"type\":\"object\",\"properties\":{"
            + "\"url\":{\"type\":\"string\",\"format\":\"uri\",\"description\":\"The payment link itself (a signed"
            + " gateway URL); the text result carries it as a Markdown link\"},"
            + "\"outTradeNo\":{\"type\":\"string\",\"description\":\"商户订单号, as sent\"},"
            + "\"totalAmount\":{\"type\":\"number\",\"description\":\"Order amount in yuan, as sent\"}},"
            + "\"required\":[\"url\",\"outTradeNo\",\"totalAmount\"],\"additionalProperties\":false}";

    static final String QUERY_INPUT = "{\"type\":\"object\",\"properties\":{\"outTradeNo\":" + OUT_TRADE_NO + "},"
            + "\"required\":[\"outTradeNo\"],\"additionalProperties\":false}";

    static final String QUERY_OUTPUT = "{\"type\":\"object\",\"properties\":{"
            + "\"outTradeNo\":{\"type\":\"string\",\"description\":\"商户订单号\"},"
            + "\"tradeStatus\":{\"type\":\"string\",\"description\":\"交易状态: WAIT_BUYER_PAY, TRADE_CLOSED,"
            + " TRADE_SUCCESS or TRADE_FINISHED\"},"
            + "\"totalAmount\":{\"type\":\"number\",\"description\":\"订单金额 in yuan, as the gateway reported it\"},"
            + "\"tradeNo\":{\"type\":\"string\",\"description\":\"支付宝交易号\"}},"
            + "\"required\":[\"outTradeNo\",\"tradeStatus\"],\"additionalProperties\":false}";

    static final String REFUND_INPUT = "{\"type\":\"object\",\"properties\":{"
            + "\"outTradeNo\":" + OUT_TRADE_NO + ","
            + "\"refundAmount\":{\"type\":\"number\"," + AMOUNT_RULE + ",\"description\":\"退款金额\"},"
            + "\"outRequestNo\":" + OUT_REQUEST_NO + ","
            + "\"refundReason\":{\"type\":\"string\",\"maxLength\":256,\"description\":\"退款原因\"}},"
            + "\"required\":[\"outTradeNo\",\"refundAmount\",\"outRequestNo\"],\"additionalProperties\":false}";

    /** The refund tools' outcome, shared by both (docs/refunds.md); present on every result, errors included. */
    static final String OUTCOME = "\"outcome\":{\"type\":\"string\",\"enum\":[\"succeeded\",\"pending\",\"unknown\","
            + "\"failed\"],\"description\":\"succeeded: confirmed by a verified refund query (REFUND_SUCCESS, this"
            + " outRequestNo, this amount). pending: not confirmed yet; query-alipay-refund again in 10 s or more."
            + " unknown: no verified answer; query before acting. failed: refused, or nothing was sent. Except after"
            + " succeeded, any retry must reuse the same outRequestNo.\"},"
            + "\"code\":{\"type\":\"string\",\"description\":\"The gateway's code of a verified non-success answer\"},"
            + "\"subCode\":{\"type\":\"string\",\"description\":\"The gateway's sub_code of a verified non-success"
            + " answer\"},";

    static final String REFUND_OUTPUT = "{\"type\":\"object\",\"properties\":{"
            + "\"outTradeNo\":{\"type\":\"string\",\"description\":\"商户订单号, as sent\"},"
            + "\"outRequestNo\":{\"type\":\"string\",\"description\":\"退款请求号, as sent\"},"
            + OUTCOME
            + "\"tradeNo\":{\"type\":\"string\",\"description\":\"支付宝交易号\"},"
            + "\"refundResult\":{\"type\":\"string\",\"description\":\"On success: 退款成功 (money moved now) or"
            + " 重复请求退款幂等成功 (confirmed, and this call moved nothing: fund_change N)\"},"
            + "\"fundChange\":{\"type\":\"boolean\",\"description\":\"On success: true when this call moved money\"},"
            + "\"refundFee\":{\"type\":\"number\",\"description\":\"Total refunded on the trade so far, in yuan\"}},"
            + "\"required\":[\"outTradeNo\",\"outRequestNo\",\"outcome\"],"
            + "\"additionalProperties\":false}";

    static final String REFUND_QUERY_INPUT = "{\"type\":\"object\",\"properties\":{"
            + "\"outRequestNo\":" + OUT_REQUEST_NO + ",\"outTradeNo\":" + OUT_TRADE_NO + "},"
            + "\"required\":[\"outRequestNo\",\"outTradeNo\"],\"additionalProperties\":false}";

    static final String REFUND_QUERY_OUTPUT = "{\"type\":\"object\",\"properties\":{"
            + "\"outTradeNo\":{\"type\":\"string\",\"description\":\"商户订单号, as asked\"},"
            + "\"outRequestNo\":{\"type\":\"string\",\"description\":\"退款请求号, as asked\"},"
            + OUTCOME
            + "\"tradeNo\":{\"type\":\"string\",\"description\":\"支付宝交易号\"},"
            + "\"refundAmount\":{\"type\":\"number\",\"description\":\"退款金额 of this refund request, in yuan\"},"
            + "\"refundStatus\":{\"type\":\"string\",\"description\":\"退款状态 as Alipay reports it: REFUND_SUCCESS\"}},"
            + "\"required\":[\"outTradeNo\",\"outRequestNo\",\"outcome\"],"
            + "\"additionalProperties\":false}";

    /** Parses one of the constants above; they are fixed text, so a failure is a programming error. */
    static JsonObject parse(String text) {
        try {
            return (JsonObject) JsonParser.parse(text);
        } catch (JsonException e) {
            throw new IllegalStateException("built-in schema is not valid JSON: " + e.getMessage(), e);
        }
    }
}
