package alipaymcp.simulator;

import alipaymcp.alipay.FormCodec;
import alipaymcp.simulator.Faults.Fault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a test does to a running simulator, in this process or another (by its gateway URL), through the doors a
 * merchant's own test suite uses: the control endpoint (faults, certificate rotation) and the cashier's Pay
 * button. The jar has no in-process back door.
 */
public final class SimControl {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .proxy(HttpClient.Builder.NO_PROXY).followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern TRADE_NO = Pattern.compile("<dd id=\"trade-no\">(\\d+)</dd>");

    private SimControl() {
    }

    /** Damages every later answer to this method (or "*" for all) until {@link #clearFaults}. */
    public static void injectFault(GatewaySimulator sim, String method, Fault fault) {
        injectFault(sim.gatewayUrl(), method, fault.toString());
    }

    /** {@code token}: the control endpoint's name of the fault (delay:3000, http-500, ...). */
    public static void injectFault(URI gateway, String method, String token) {
        ok(post(gateway, Faults.FAULT_PATH, "method=" + FormCodec.encode(method) + "&fault=" + FormCodec.encode(token)));
    }

    public static void clearFaults(GatewaySimulator sim) {
        clearFaults(sim.gatewayUrl());
    }

    public static void clearFaults(URI gateway) {
        ok(post(gateway, Faults.CLEAR_PATH, ""));
    }

    /** Certificate mode: a new Alipay certificate signs answers from now on; its alipay_cert_sn. */
    public static String rotateAlipayCertificate(GatewaySimulator sim, boolean forged) {
        String body = ok(post(sim.gatewayUrl(), Faults.ROTATE_PATH, forged ? "forged=true" : "")); // "ok: alipay_cert_sn <sn>..."
        return body.strip().split(" ")[2];
    }

    /**
     * Presses the cashier's Pay button for this order; the trade_no. A paid trade answers the same trade_no
     * again; an unknown or closed one is an IllegalStateException carrying the cashier's page.
     */
    public static String pay(GatewaySimulator sim, String outTradeNo) {
        HttpResponse<String> page = post(sim.gatewayUrl(), Cashier.PAY_PATH, "out_trade_no=" + FormCodec.encode(outTradeNo));
        if (page.statusCode() == 303) {
            return FormCodec.decode(URI.create(page.headers().firstValue("Location").orElseThrow()).getRawQuery())
                    .get("trade_no");
        }
        Matcher tradeNo = TRADE_NO.matcher(page.body());
        if (page.statusCode() != 200 || !tradeNo.find()) {
            throw new IllegalStateException("the cashier refused to pay " + outTradeNo + " (HTTP "
                    + page.statusCode() + "): " + page.body());
        }
        return tradeNo.group(1);
    }

    /** X.509 base64 of the app public key (the key the simulator verifies requests with). */
    public static String appPublicKeyBase64(GatewaySimulator sim) {
        return SimulatorKeys.base64(sim.keys.app().getPublic().getEncoded());
    }

    private static HttpResponse<String> post(URI gateway, String path, String form) {
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String ok(HttpResponse<String> answer) {
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("the control endpoint answered HTTP " + answer.statusCode() + ": "
                    + answer.body());
        }
        return answer.body();
    }
}
