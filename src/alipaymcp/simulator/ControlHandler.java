package alipaymcp.simulator;

import alipaymcp.alipay.FormCodec;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;

/**
 * The test-control endpoint, for tests in another process:
 * {@code POST /__sim/fault} with form fields {@code method} (an Alipay method name or *) and
 * {@code fault} (a {@link Fault#parse token}), {@code POST /__sim/clear}, and in certificate mode
 * {@code POST /__sim/rotate-cert} (optional field {@code forged=true}). Loopback callers only;
 * a request with an Origin header (a web page in a browser) is refused, so no page can switch faults.
 */
final class ControlHandler implements HttpHandler {
    static final String FAULT_PATH = "/__sim/fault";
    static final String CLEAR_PATH = "/__sim/clear";
    static final String ROTATE_PATH = "/__sim/rotate-cert";

    private final Faults faults;
    private final SimulatorPki pki;

    ControlHandler(Faults faults) {
        this(faults, null);
    }

    /** {@code pki}: certificate mode, where {@value #ROTATE_PATH} rotates the Alipay certificate; else null. */
    ControlHandler(Faults faults, SimulatorPki pki) {
        this.faults = faults;
        this.pki = pki;
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
                faults.clear();
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
            faults.inject(method, fault);
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
