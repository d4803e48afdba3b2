package alipaymcp.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.alipay.Answers;
import alipaymcp.alipay.FormCodec;
import alipaymcp.alipay.ResponseVerifier;
import alipaymcp.alipay.RsaSigner.SignContent;
import alipaymcp.alipay.RsaSigner;
import alipaymcp.alipay.SignType;
import alipaymcp.json.JsonValue.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;


/**
 * A test client of the simulator that does what a merchant server does, with plain java.net.http:
 * signs requests with the app key, puts common parameters in the URL and biz_content in the body, and
 * verifies answers with the platform key through our own {@link ResponseVerifier} (the Java SDK's extraction
 * rule, tested against the SDK's vectors in alipay/SignedContentTest).
 */
final class SimClient {
    static final String TIMESTAMP = "2026-01-15 10:00:00";

    final GatewaySimulator sim;
    final PrivateKey appKey;
    final PublicKey platformKey;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .proxy(HttpClient.Builder.NO_PROXY).build();

    SimClient(GatewaySimulator sim) throws Exception {
        this.sim = sim;
        appKey = sim.keys.app().getPrivate();
        platformKey = sim.keys.platform().getPublic();
    }

    /** The common parameters as upstream sends them, unsigned. */
    static Map<String, String> params(String appId, String method, String bizContent) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("method", method);
        p.put("app_id", appId);
        p.put("charset", "utf-8");
        p.put("version", "1.0");
        p.put("sign_type", "RSA2");
        p.put("timestamp", TIMESTAMP);
        p.put("x_open_scene", "MCP");
        p.put("biz_content", bizContent);
        return p;
    }

    Map<String, String> params(String method, String bizContent) {
        return params(sim.appId(), method, bizContent);
    }

    /** Adds sign over every parameter but sign, with the algorithm named by sign_type. */
    Map<String, String> sign(Map<String, String> params) {
        SignType type = SignType.valueOf(params.get("sign_type"));
        params.put("sign", RsaSigner.sign(SignContent.forRequest(params), appKey, type));
        return params;
    }

    /** POST: biz_content and x_open_scene in the body, the rest in the URL, as upstream does. */
    HttpResponse<String> post(Map<String, String> params) throws Exception {
        Map<String, String> query = new LinkedHashMap<>(params);
        Map<String, String> body = new LinkedHashMap<>();
        for (String key : new String[] {"biz_content", "x_open_scene"}) {
            if (query.containsKey(key)) {
                body.put(key, query.remove(key));
            }
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.gatewayUrl() + "?" + FormCodec.encode(query)))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(FormCodec.encode(body))).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(Map<String, String> params) throws Exception {
        URI url = URI.create(sim.gatewayUrl() + "?" + FormCodec.encode(params));
        return http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A form POST to another path of the simulator (a cashier button, the control endpoint), no redirects followed. */
    HttpResponse<String> postForm(String path, String form, String... headerNamesAndValues) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(sim.gatewayUrl().resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (headerNamesAndValues.length > 0) {
            request.headers(headerNamesAndValues);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A plain GET of another path of the simulator. */
    HttpResponse<String> getPath(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(sim.gatewayUrl().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A signed API call, as upstream sends it; the whole response. */
    HttpResponse<String> postSigned(String method, String bizContent) throws Exception {
        return post(sign(params(method, bizContent)));
    }

    /** A signed API call; the raw body. */
    String call(String method, String bizContent) throws Exception {
        HttpResponse<String> response = postSigned(method, bizContent);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** A signed call whose answer must verify; the verified content object. */
    JsonObject verifiedCall(String method, String bizContent) throws Exception {
        return verified(call(method, bizContent), method);
    }

    /** The answer as our client's verifier takes it (the Java SDK's extraction rule, RSA2); the signed object. */
    JsonObject verified(String body, String method) throws Exception {
        return ResponseVerifier.verify(body, Answers.about(method, body), ResponseVerifier.Keys.of(platformKey), SignType.RSA2, null).content();
    }

    /** Opens a page-pay URL (signed GET); the HTML. */
    HttpResponse<String> openPage(String method, String outTradeNo, String amount, String subject,
            String notifyUrl, String returnUrl) throws Exception {
        return get(sign(pageParams(method, outTradeNo, amount, subject, notifyUrl, returnUrl)));
    }

    Map<String, String> pageParams(String method, String outTradeNo, String amount, String subject,
            String notifyUrl, String returnUrl) {
        String product = Cashier.WAP.equals(method) ? "QUICK_WAP_WAY" : "FAST_INSTANT_TRADE_PAY";
        String biz = JsonObject.builder().put("out_trade_no", outTradeNo)
                .put("total_amount", new alipaymcp.json.JsonValue.JsonNumber(amount)).put("subject", subject)
                .put("product_code", product).build().toJson();
        Map<String, String> p = params(method, biz);
        p.put("alipay_sdk", "alipay-sdk-nodejs-4.0.0");
        if (notifyUrl != null) {
            p.put("notify_url", notifyUrl);
        }
        if (returnUrl != null) {
            p.put("return_url", returnUrl);
        }
        return p;
    }

    /** A paid trade: opened by a page pay, then paid through the Java API. */
    String paidTrade(String outTradeNo, String amount) throws Exception {
        assertThat(openPage(Cashier.WAP, outTradeNo, amount, "Test order", null, null).statusCode()).isEqualTo(200);
        return SimControl.pay(sim, outTradeNo);
    }

    static Map<String, String> decodeQuery(URI uri) {
        return FormCodec.decode(uri.getRawQuery());
    }
}
