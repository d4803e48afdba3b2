package alipaymcp.simulator;

import alipaymcp.alipay.FormCodec;
import alipaymcp.json.JsonException;
import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.simulator.AnswerWriter.Answer;
import alipaymcp.simulator.AnswerWriter.HttpReply;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The injected faults, per Alipay method name ("*" stands for every method without its own fault), the memory
 * the replay fault sends from, and the test-control endpoint that sets them, for tests in another process:
 * {@code POST /__sim/fault} with form fields {@code method} (an Alipay method name or *) and {@code fault} (a
 * {@link Fault#parse token}), {@code POST /__sim/clear}, and in certificate mode {@code POST /__sim/rotate-cert}
 * (optional field {@code forged=true}). Loopback callers only; a request with an Origin header (a web page in a
 * browser) is refused, so no page can switch faults.
 */
final class Faults implements HttpHandler {
    static final String ANY = "*";
    static final String FAULT_PATH = "/__sim/fault";
    static final String CLEAR_PATH = "/__sim/clear";
    static final String ROTATE_PATH = "/__sim/rotate-cert";
    private static final int MAX_METHOD_LENGTH = 128;
    /** Bound on the successes kept for the replay fault: past it nothing more is kept. */
    private static final int MAX_REPLAYS = 30_000;

    private final Map<String, Fault> byMethod = new ConcurrentHashMap<>();
    /** The last signed success each method gave about each out_trade_no, kept exactly as sent. */
    private final Map<String, HttpReply> replays = new ConcurrentHashMap<>();
    private final SimulatorPki pki;

    /** {@code pki}: certificate mode, where {@value #ROTATE_PATH} rotates the Alipay certificate; else null. */
    Faults(SimulatorPki pki) {
        this.pki = pki;
    }

    void inject(String method, Fault fault) {
        if (method == null || method.isEmpty() || method.length() > MAX_METHOD_LENGTH) {
            throw new IllegalArgumentException("method must be an Alipay method name such as alipay.trade.refund, "
                    + "or * for all, of at most " + MAX_METHOD_LENGTH + " characters");
        }
        byMethod.put(method, Objects.requireNonNull(fault, "fault"));
    }

    void clear() {
        byMethod.clear();
    }

    /** The fault for this method, or null. */
    Fault forMethod(String method) {
        Fault own = method == null ? null : byMethod.get(method);
        return own != null ? own : byMethod.get(ANY);
    }

    /** Keeps a signed success that reached the client whole, for a later replay fault. */
    void remember(String method, Answer answer, HttpReply reply) {
        String outTradeNo = answer.content().string("out_trade_no").orElse(null);
        if (answer.signed() && reply.status() == 200 && !reply.cutMidBody() && outTradeNo != null
                && "10000".equals(answer.content().string("code").orElse(null))
                && (replays.size() < MAX_REPLAYS || replays.containsKey(key(method, outTradeNo)))) {
            replays.put(key(method, outTradeNo), reply);
        }
    }

    /**
     * For the replay fault: the earlier success about the order this request's biz_content names, or null; sent
     * again as a replaying attacker would (a genuine answer about an earlier request of the same order).
     */
    HttpReply earlier(String method, String bizContent) {
        try {
            if (bizContent != null && JsonParser.parse(bizContent) instanceof JsonObject biz) {
                String outTradeNo = biz.string("out_trade_no").orElse(null);
                return outTradeNo == null ? null : replays.get(key(method, outTradeNo));
            }
        } catch (JsonException e) {
            return null; // not a request this fault can replay for; it is answered normally
        }
        return null;
    }

    private static String key(String method, String outTradeNo) {
        return method + '\n' + outTradeNo;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!exchange.getRemoteAddress().getAddress().isLoopbackAddress()
                    || exchange.getRequestHeaders().containsKey("Origin")) {
                text(exchange, 403, "refused: the control endpoint takes loopback requests without an Origin header");
            } else if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                text(exchange, 405, "use POST");
            } else if (CLEAR_PATH.equals(path)) {
                clear();
                text(exchange, 200, "ok: faults cleared");
            } else if (FAULT_PATH.equals(path)) {
                inject(exchange);
            } else if (ROTATE_PATH.equals(path)) {
                rotate(exchange);
            } else {
                text(exchange, 404, "unknown control path; use " + FAULT_PATH + ", " + CLEAR_PATH + " or "
                        + ROTATE_PATH);
            }
        }
    }

    private void inject(HttpExchange exchange) throws IOException {
        try {
            Map<String, String> form = FormCodec.decode(GatewayRequest.readBody(exchange.getRequestBody(), 4096));
            String method = form.get("method");
            String token = form.get("fault");
            if (token == null) {
                throw new IllegalArgumentException("form field fault is required: " + Fault.tokens());
            }
            Fault fault = Fault.parse(token);
            inject(method, fault);
            text(exchange, 200, "ok: " + method + " -> " + fault);
        } catch (IllegalArgumentException e) {
            text(exchange, 400, "bad request: " + e.getMessage());
        }
    }

    /** Form field {@code forged=true}: the new certificate's issuer is under no root of the root file. */
    private void rotate(HttpExchange exchange) throws IOException {
        if (pki == null) {
            text(exchange, 409, "refused: the simulator is not in certificate mode (start it with --cert)");
            return;
        }
        try {
            Map<String, String> form = FormCodec.decode(GatewayRequest.readBody(exchange.getRequestBody(), 4096));
            boolean forged = "true".equals(form.get("forged"));
            text(exchange, 200, "ok: alipay_cert_sn " + pki.rotate(forged) + (forged ? " (forged chain)" : ""));
        } catch (IllegalArgumentException e) {
            text(exchange, 400, "bad request: " + e.getMessage());
        }
    }

    private static void text(HttpExchange exchange, int status, String message) throws IOException {
        HttpReply.of(status, HttpReply.TEXT, message + "\n").send(exchange);
    }
}
