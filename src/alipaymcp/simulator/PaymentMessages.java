package alipaymcp.simulator;

import alipaymcp.alipay.FormCodec;
import alipaymcp.alipay.RsaSigner;
import alipaymcp.alipay.RsaSigner.SignContent;
import alipaymcp.json.JsonArray;
import alipaymcp.json.JsonObject;
import java.security.PrivateKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two signed messages about a payment: the browser's return (GET parameters on return_url) and the
 * asynchronous notification (a form POST to notify_url). Both follow the V1 rule: the platform key signs
 * every parameter except sign and sign_type, sorted, with the algorithm of the page-pay request.
 */
final class PaymentMessages {
    private final String appId;
    private final PrivateKey platformKey;

    PaymentMessages(String appId, PrivateKey platformKey) {
        this.appId = appId;
        this.platformKey = platformKey;
    }

    /** return_url plus the signed parameters, keeping the merchant's own query and any #fragment last. */
    String returnUrl(Trade.View trade, String now) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("charset", "utf-8");
        params.put("out_trade_no", trade.order().outTradeNo());
        params.put("method", trade.order().method() + ".return");
        params.put("total_amount", TradeFields.money(trade.order().totalAmount()));
        params.put("trade_no", trade.tradeNo());
        params.put("auth_app_id", appId);
        params.put("version", "1.0");
        params.put("app_id", appId);
        params.put("seller_id", TradeFields.SELLER_ID);
        params.put("timestamp", now);
        sign(params, trade);
        String url = trade.order().returnUrl();
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        String separator = base.indexOf('?') < 0 ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
        return base + separator + encode(params) + fragment;
    }

    /** The trade_status_sync notification of a paid trade, as decoded parameters in sending order. */
    Map<String, String> notification(Trade.View trade, String now, String notifyId) {
        String total = TradeFields.money(trade.order().totalAmount());
        Map<String, String> params = new LinkedHashMap<>();
        params.put("gmt_create", trade.gmtCreate());
        params.put("charset", "utf-8");
        params.put("seller_email", "seller@example.com");
        params.put("subject", trade.order().subject());
        params.put("buyer_id", TradeFields.BUYER_USER_ID);
        params.put("buyer_logon_id", TradeFields.BUYER_LOGON_ID);
        params.put("invoice_amount", total);
        params.put("notify_id", notifyId);
        params.put("fund_bill_list", JsonArray.of(JsonObject.builder().put("amount", total)
                .put("fundChannel", TradeFields.FUND_CHANNEL).build()).toJson());
        params.put("notify_type", "trade_status_sync");
        params.put("trade_status", trade.status().name());
        params.put("receipt_amount", total);
        params.put("buyer_pay_amount", total);
        params.put("app_id", appId);
        params.put("notify_time", now);
        params.put("point_amount", "0.00");
        params.put("total_amount", total);
        params.put("seller_id", TradeFields.SELLER_ID);
        params.put("trade_no", trade.tradeNo());
        params.put("auth_app_id", appId);
        params.put("gmt_payment", trade.gmtPayment());
        params.put("out_trade_no", trade.order().outTradeNo());
        params.put("version", "1.0");
        if (trade.order().body() != null) {
            params.put("body", trade.order().body());
        }
        if (trade.order().passbackParams() != null) {
            params.put("passback_params", trade.order().passbackParams());
        }
        sign(params, trade);
        return params;
    }

    static String encode(Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            out.append(out.length() == 0 ? "" : "&").append(FormCodec.encode(e.getKey())).append('=')
                    .append(FormCodec.encode(e.getValue()));
        }
        return out.toString();
    }

    private void sign(Map<String, String> params, Trade.View trade) {
        params.put("sign_type", trade.order().signType().name());
        String content = SignContent.forNotification(params, false);
        params.put("sign", RsaSigner.sign(content, platformKey, trade.order().signType()));
    }
}
