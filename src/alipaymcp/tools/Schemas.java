package alipaymcp.tools;

/**
 * The tools' JSON schemas. Input: upstream's, plus minLength; no multipleOf (floating-point validators break on
 * 19.99), exclusiveMinimum or $schema. Output: our own; fields the gateway may omit are optional. Laid out as
 * {@code JSON.stringify(schema, null, 2)}, so a diff against test/vectors/upstream-tools-list.json shows only
 * our choices: {@code node -e 'for (const t of require("./test/vectors/upstream-tools-list.json").tools)
 * console.log(JSON.stringify(t.inputSchema, null, 2))'}.
 */
final class Schemas {
    private Schemas() {
    }

    static final String PAYMENT_INPUT = """
            {
              "type": "object",
              "properties": {
                "outTradeNo": {
                  "type": "string",
                  "minLength": 1,
                  "maxLength": 64,
                  "description": "创建订单参数-商户订单号"
                },
                "totalAmount": {
                  "type": "number",
                  "minimum": 0.01,
                  "maximum": 100000000,
                  "description": "该订单的支付金额，以元为单位"
                },
                "orderTitle": {
                  "type": "string",
                  "minLength": 1,
                  "maxLength": 256,
                  "description": "该订单的订单标题"
                }
              },
              "required": [
                "outTradeNo",
                "totalAmount",
                "orderTitle"
              ],
              "additionalProperties": false
            }
            """;

    static final String PAYMENT_OUTPUT = """
            {
              "type": "object",
              "properties": {
                "url": {
                  "type": "string",
                  "format": "uri",
                  "description": "The payment link itself (a signed gateway URL); the text result carries it as a Markdown link"
                },
                "outTradeNo": {
                  "type": "string",
                  "description": "商户订单号, as sent"
                },
                "totalAmount": {
                  "type": "number",
                  "description": "Order amount in yuan, as sent"
                }
              },
              "required": [
                "url",
                "outTradeNo",
                "totalAmount"
              ],
              "additionalProperties": false
            }
            """;

    static final String QUERY_INPUT = """
            {
              "type": "object",
              "properties": {
                "outTradeNo": {
                  "type": "string",
                  "minLength": 1,
                  "maxLength": 64,
                  "description": "商户订单号"
                }
              },
              "required": [
                "outTradeNo"
              ],
              "additionalProperties": false
            }
            """;

    static final String QUERY_OUTPUT = """
            {
              "type": "object",
              "properties": {
                "outTradeNo": {
                  "type": "string",
                  "description": "商户订单号"
                },
                "tradeStatus": {
                  "type": "string",
                  "description": "交易状态: WAIT_BUYER_PAY, TRADE_CLOSED, TRADE_SUCCESS or TRADE_FINISHED"
                },
                "totalAmount": {
                  "type": "number",
                  "description": "订单金额 in yuan, as the gateway reported it"
                },
                "tradeNo": {
                  "type": "string",
                  "description": "支付宝交易号"
                }
              },
              "required": [
                "outTradeNo",
                "tradeStatus"
              ],
              "additionalProperties": false
            }
            """;

    static final String REFUND_INPUT = """
            {
              "type": "object",
              "properties": {
                "outTradeNo": {
                  "type": "string",
                  "minLength": 1,
                  "maxLength": 64,
                  "description": "商户订单号"
                },
                "refundAmount": {
                  "type": "number",
                  "minimum": 0.01,
                  "maximum": 100000000,
                  "description": "退款金额"
                },
                "outRequestNo": {
                  "type": "string",
                  "minLength": 1,
                  "maxLength": 64,
                  "description": "退款请求号"
                },
                "refundReason": {
                  "type": "string",
                  "maxLength": 256,
                  "description": "退款原因"
                }
              },
              "required": [
                "outTradeNo",
                "refundAmount",
                "outRequestNo"
              ],
              "additionalProperties": false
            }
            """;

    /** The outcome contract both refund tools share (docs/refunds.md). */
    private static final String REFUND_OUTCOME = """
                "outcome": {
                  "type": "string",
                  "enum": [
                    "succeeded",
                    "pending",
                    "unknown",
                    "failed"
                  ],
                  "description": "succeeded: confirmed by a verified refund query (REFUND_SUCCESS, this outRequestNo, this amount). pending: not confirmed yet; query-alipay-refund again in 10 s or more. unknown: no verified answer; query before acting. failed: refused, or nothing was sent. Except after succeeded, any retry must reuse the same outRequestNo."
                },
                "code": {
                  "type": "string",
                  "description": "The gateway's code of a verified non-success answer"
                },
                "subCode": {
                  "type": "string",
                  "description": "The gateway's sub_code of a verified non-success answer"
                },
                "tradeNo": {
                  "type": "string",
                  "description": "支付宝交易号"
                },
            """;

    static final String REFUND_OUTPUT = """
            {
              "type": "object",
              "properties": {
                "outTradeNo": {
                  "type": "string",
                  "description": "商户订单号, as sent"
                },
                "outRequestNo": {
                  "type": "string",
                  "description": "退款请求号, as sent"
                },
            """ + REFUND_OUTCOME + """
                "refundResult": {
                  "type": "string",
                  "description": "On success: 退款成功 (money moved now) or 重复请求退款幂等成功 (confirmed, and this call moved nothing: fund_change N)"
                },
                "fundChange": {
                  "type": "boolean",
                  "description": "On success: true when this call moved money"
                },
                "refundFee": {
                  "type": "number",
                  "description": "Total refunded on the trade so far, in yuan"
                }
              },
              "required": [
                "outTradeNo",
                "outRequestNo",
                "outcome"
              ],
              "additionalProperties": false
            }
            """;

    static final String REFUND_QUERY_INPUT = """
            {
              "type": "object",
              "properties": {
                "outRequestNo": {
                  "type": "string",
                  "minLength": 1,
                  "maxLength": 64,
                  "description": "退款请求号"
                },
                "outTradeNo": {
                  "type": "string",
                  "minLength": 1,
                  "maxLength": 64,
                  "description": "商户订单号"
                }
              },
              "required": [
                "outRequestNo",
                "outTradeNo"
              ],
              "additionalProperties": false
            }
            """;

    static final String REFUND_QUERY_OUTPUT = """
            {
              "type": "object",
              "properties": {
                "outTradeNo": {
                  "type": "string",
                  "description": "商户订单号, as asked"
                },
                "outRequestNo": {
                  "type": "string",
                  "description": "退款请求号, as asked"
                },
            """ + REFUND_OUTCOME + """
                "refundAmount": {
                  "type": "number",
                  "description": "退款金额 of this refund request, in yuan"
                },
                "refundStatus": {
                  "type": "string",
                  "description": "退款状态 as Alipay reports it: REFUND_SUCCESS"
                }
              },
              "required": [
                "outTradeNo",
                "outRequestNo",
                "outcome"
              ],
              "additionalProperties": false
            }
            """;
}
