package alipaymcp.simulator;

import alipaymcp.alipay.FormCodec;
import alipaymcp.alipay.RsaSigner.SignContent;
import alipaymcp.alipay.RsaSigner;
import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The two signed messages about a payment: the browser's return (GET parameters on return_url) and the
 * asynchronous notification (a form POST to notify_url). Both follow the V1 rule: the platform key signs
 * every parameter except sign and sign_type, sorted, with the algorithm of the page-pay request.
 */
record PaymentMessages(String appId, PrivateKey platformKey) {
    /** return_url plus the signed parameters, keeping the merchant's own query and any #fragment last. */
    String returnUrl(Trade.View trade, String now) {
        Trade.Order order = trade.order();
        Map<String, String> params = signed(trade, "charset", "utf-8", "out_trade_no", order.outTradeNo(),
                "method", order.method() + ".return", "total_amount", TradeApi.money(order.totalAmount()),
                "trade_no", trade.tradeNo(), "auth_app_id", appId, "version", "1.0", "app_id", appId,
                "seller_id", TradeApi.SELLER_ID, "timestamp", now);
        String url = order.returnUrl();
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        String separator = base.indexOf('?') < 0 ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
        return base + separator + FormCodec.encode(params) + fragment;
    }

    /** The trade_status_sync notification of a paid trade, as decoded parameters in sending order. */
    Map<String, String> notification(Trade.View trade, String now, String notifyId) {
        Trade.Order order = trade.order();
        String total = TradeApi.money(order.totalAmount());
        String fundBills = JsonArray.of(JsonObject.builder().put("amount", total)
                .put("fundChannel", TradeApi.FUND_CHANNEL).build()).toJson();
        return signed(trade, "gmt_create", trade.gmtCreate(), "charset", "utf-8",
                "seller_email", "seller@example.com", "subject", order.subject(),
                "buyer_id", TradeApi.BUYER_USER_ID, "buyer_logon_id", TradeApi.BUYER_LOGON_ID,
                "invoice_amount", total, "notify_id", notifyId, "fund_bill_list", fundBills,
                "notify_type", "trade_status_sync", "trade_status", trade.status().name(),
                "receipt_amount", total, "buyer_pay_amount", total, "app_id", appId, "notify_time", now,
                "point_amount", "0.00", "total_amount", total, "seller_id", TradeApi.SELLER_ID,
                "trade_no", trade.tradeNo(), "auth_app_id", appId, "gmt_payment", trade.gmtPayment(),
                "out_trade_no", order.outTradeNo(), "version", "1.0",
                "body", order.body(), "passback_params", order.passbackParams());
    }

    /** Name, value, ... in this order (a null value, an absent optional field, left out), then sign_type and sign. */
    private Map<String, String> signed(Trade.View trade, String... namesAndValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                params.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        params.put("sign_type", trade.order().signType().name());
        String content = SignContent.forNotification(params, false);
        params.put("sign", RsaSigner.sign(content, platformKey, trade.order().signType()));
        return params;
    }

    /**
     * Posts notifications to loopback notify URLs only: after the notify delay, then up to {@link #ATTEMPTS} in all,
     * the wait doubling from the retry delay, until the answer is HTTP 200 with the body exactly "success".
     */
    static final class Notifier implements AutoCloseable {
        static final int ATTEMPTS = 5;
        private static final Duration TIMEOUT = Duration.ofSeconds(5);

        private final long delayMillis;
        private final long retryMillis;
        private final ScheduledExecutorService scheduler;
        // Made for the first post: building one loads java.net.http and starts a selector thread (a start with a
        // key folder measured 220 ms with it, 70 ms without).
        private HttpClient client;

        Notifier(long delayMillis, long retryMillis) {
            this.delayMillis = delayMillis;
            this.retryMillis = retryMillis;
            this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "simulator-notify");
                thread.setDaemon(true);
                return thread;
            });
        }

        /** A missing or non-loopback notify URL is skipped (nothing is sent). */
        void send(String notifyUrl, Map<String, String> params) {
            URI target = loopbackTarget(notifyUrl);
            if (target == null) {
                return;
            }
            HttpRequest request = HttpRequest.newBuilder(target).timeout(TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(FormCodec.encode(params))).build();
            schedule(request, 1, delayMillis);
        }

        private void schedule(HttpRequest request, int attempt, long waitMillis) {
            try {
                scheduler.schedule(() -> post(request, attempt), waitMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // closed: the simulator is stopping, so the notification is dropped
            }
        }

        private synchronized HttpClient client() {
            if (client == null) {
                client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                        .proxy(HttpClient.Builder.NO_PROXY).build();
            }
            return client;
        }

        private void post(HttpRequest request, int attempt) {
            client().sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                boolean delivered = error == null && response.statusCode() == 200 && "success".equals(response.body());
                if (!delivered && attempt < ATTEMPTS) {
                    schedule(request, attempt + 1, retryMillis << (attempt - 1));
                }
            });
        }

        /** The URI when it is http(s) to 127.0.0.1, localhost or [::1] with no user info; null otherwise. */
        static URI loopbackTarget(String url) {
            URI uri = webUri(url);
            String host = uri == null ? null : uri.getHost();
            boolean loopback = "127.0.0.1".equals(host) || "localhost".equalsIgnoreCase(host) || "[::1]".equals(host);
            return loopback && uri.getRawUserInfo() == null ? uri : null;
        }

        /** An absolute http or https URI with a host (the only URLs the simulator accepts or posts to), else null. */
        static URI webUri(String url) {
            try {
                URI uri = new URI(url == null ? "" : url);
                String scheme = uri.getScheme();
                boolean web = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
                return web && uri.getHost() != null ? uri : null;
            } catch (URISyntaxException e) {
                return null;
            }
        }

        @Override
        public void close() {
            scheduler.shutdownNow();
        }
    }
}
