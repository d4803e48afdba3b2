package alipaymcp.simulator;

import alipaymcp.simulator.AnswerWriter.Answer;
import alipaymcp.simulator.AnswerWriter.HttpReply;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Fault injection, in one place: the faults per Alipay method name ("*": every method without its own), the
 * memory the replay fault sends from, and the control endpoints for tests in another process (docs/simulator.md):
 * {@code POST /__sim/fault} (form fields method, fault), {@code /__sim/clear} and {@code /__sim/rotate-cert}.
 * Loopback callers only; a request with an Origin header (a web page in a browser) is refused.
 */
public final class Faults implements HttpHandler {
    static final String ANY = "*";
    static final String CONTROL_PATH = "/__sim/";
    static final String FAULT_PATH = "/__sim/fault";
    static final String CLEAR_PATH = "/__sim/clear";
    static final String ROTATE_PATH = "/__sim/rotate-cert";
    private static final int MAX_METHOD_LENGTH = 128;
    private static final int MAX_REPLAYS = 30_000; // successes kept for the replay fault; past it none more

    /**
     * A damaged gateway answer, injected per Alipay method name for tests; it stays until cleared. The request is
     * processed first and only the answer is damaged (the worst case for a client: the state may have changed but
     * the answer is lost), except ERROR_RESPONSE, SYSTEM_ERROR, ACQ_SYSTEM_ERROR and REPLAY, which answer without
     * processing. Page-pay methods (a browser GET) feel only the delay and the transport faults; the others are
     * ignored there, as a page has no signed JSON. {@code number}: DELAY's milliseconds, REFUND_PENDING's queries.
     */
    public record Fault(Kind kind, long number) {
        /** What goes wrong; the token is the name used by the control endpoint. */
        public enum Kind {
            DELAY("delay", "ms", SimulatorOptions.MAX_DELAY_MILLIS), // the normal answer, after a delay
            HTTP_500("http-500"), // HTTP 500 with a short text body
            HTTP_502("http-502"), // HTTP 502 with a short HTML body, as a proxy in front of the gateway would say
            HTML_BODY("html"), // HTTP 200 with an HTML error page instead of JSON
            NOT_JSON("not-json"), // HTTP 200, content type JSON, a body that is not JSON
            TRUNCATED_BODY("truncated"), // the first half of the signed answer, with a matching Content-Length
            // Content-Length of the whole answer, half of it sent, then the connection closed. jdk.httpserver
            // cannot reset a socket; a true RST is made by a raw socket in the chaos tests.
            CONNECTION_CLOSED("connection-closed"),
            BAD_SIGNATURE("bad-signature"), // a well-formed signature over other content
            MISSING_SIGN("missing-sign"), // the answer with no root-level sign
            TAMPERED_FIELD("tampered"), // the answer signed, then one field changed (an amount, the status or msg)
            DUPLICATE_ROOT("duplicate-root"), // the signed root, the sign, then a second, different root of that name
            ERROR_RESPONSE("error-response"), // a signed error_response (40006 isv.insufficient-isv-permissions)
            OTHER_TRADE("other-trade"), // a correctly signed answer about a different out_trade_no and trade_no
            SYSTEM_ERROR("system-error"), // a signed 20000 isp.unknow-error answer
            ACQ_SYSTEM_ERROR("acq-system-error"), // a signed 40004 ACQ.SYSTEM_ERROR (系统错误: call again the same)
            // alipay.trade.refund only: the refund is made but answered with fund_change=N, and its next N refund
            // queries answer without refund_status (still processing), as an asynchronous refund does.
            REFUND_PENDING("refund-pending", "queries", 100),
            // The last signed success this method gave for the same out_trade_no, sent again unchanged (a genuine
            // answer replayed, e.g. an earlier refund's). With no earlier success, the normal answer.
            REPLAY("replay");

            private final String token;
            private final String unit;
            private final long max;

            Kind(String token) {
                this(token, null, 0);
            }

            /** {@code unit}: what the number after "token:" counts, up to max. */
            Kind(String token, String unit, long max) {
                this.token = token;
                this.unit = unit;
                this.max = max;
            }

            /** A situation a correct client handles without an error (a refund that completes later, a replay). */
            public boolean situation() {
                return this == REFUND_PENDING || this == REPLAY;
            }

            /** The fault replaces or cuts the HTTP answer itself (so it hits page-pay pages too). */
            public boolean transport() {
                return compareTo(HTTP_500) >= 0 && compareTo(CONNECTION_CLOSED) <= 0;
            }

            public String token() {
                return token;
            }

            private String form() { // delay:<ms>
                return unit == null ? token : token + ":<" + unit + ">";
            }
        }

        public Fault {
            Objects.requireNonNull(kind, "kind");
            long min = kind == Kind.REFUND_PENDING ? 1 : 0; // a pending refund is seen by at least one query
            if (number < min || number > kind.max) {
                throw new IllegalArgumentException(kind.unit == null ? kind.token + " takes no number, got " + number
                        : kind.unit + " must be " + min + " to " + kind.max + " for " + kind.token + ", got " + number);
            }
        }

        /** {@code delay:250}, {@code http-500}, {@code refund-pending:2}, ... */
        public static Fault parse(String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            int colon = t.indexOf(':');
            String name = colon < 0 ? t : t.substring(0, colon);
            for (Kind kind : Kind.values()) {
                if (kind.token.equals(name) && (colon < 0) == (kind.unit == null)) {
                    try {
                        return new Fault(kind, colon < 0 ? 0 : Long.parseLong(t.substring(colon + 1)));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(kind.token + " needs a whole number of " + kind.unit
                                + ": " + kind.form(), e);
                    }
                }
            }
            throw new IllegalArgumentException("unknown fault '" + text + "'; use one of: " + tokens());
        }

        static String tokens() {
            return Arrays.stream(Kind.values()).map(Kind::form).collect(Collectors.joining(", "));
        }

        @Override
        public String toString() {
            return kind.unit == null ? kind.token : kind.token + ":" + number;
        }
    }

    private final Map<String, Fault> byMethod = new ConcurrentHashMap<>();
    /** The last signed success each method gave about each out_trade_no, kept exactly as sent. */
    private final Map<String, HttpReply> replays = new ConcurrentHashMap<>();
    private final SimulatorPki pki;

    /** {@code pki}: certificate mode (it can rotate), else null. */
    Faults(SimulatorPki pki) {
        this.pki = pki;
    }

    Fault forMethod(String method) { // method: one the gateway checks passed, never null
        return byMethod.getOrDefault(method, byMethod.get(ANY));
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

    /** For the replay fault: the earlier success about the order biz_content names, or null. */
    HttpReply earlier(String method, String bizContent) {
        try {
            String outTradeNo = BizRequest.parse(bizContent).id("out_trade_no");
            return outTradeNo == null ? null : replays.get(key(method, outTradeNo));
        } catch (BizRequest.Invalid e) {
            return null; // not a request this fault can replay for; it is answered normally
        }
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
                byMethod.clear();
                text(exchange, 200, "ok: faults cleared");
            } else if (FAULT_PATH.equals(path) || ROTATE_PATH.equals(path)) {
                try {
                    Map<String, String> form = GatewayHandler.readForm(exchange.getRequestBody(), 4096);
                    text(exchange, 200, FAULT_PATH.equals(path) ? inject(form) : rotate(form));
                } catch (IllegalArgumentException e) {
                    text(exchange, 400, "bad request: " + e.getMessage());
                } catch (IllegalStateException e) {
                    text(exchange, 409, "refused: " + e.getMessage());
                }
            } else {
                text(exchange, 404, "unknown control path; use " + FAULT_PATH + ", " + CLEAR_PATH + " or "
                        + ROTATE_PATH);
            }
        }
    }

    private String inject(Map<String, String> form) {
        String method = form.get("method");
        if (form.get("fault") == null) {
            throw new IllegalArgumentException("form field fault is required: " + Fault.tokens());
        }
        Fault fault = Fault.parse(form.get("fault"));
        if (method == null || method.isEmpty() || method.length() > MAX_METHOD_LENGTH) {
            throw new IllegalArgumentException("method must be an Alipay method name such as alipay.trade.refund, "
                    + "or * for all, of at most " + MAX_METHOD_LENGTH + " characters");
        }
        byMethod.put(method, fault);
        return "ok: " + method + " -> " + fault;
    }

    /** Form field {@code forged=true}: the new certificate's issuer is under no root of the root file. */
    private String rotate(Map<String, String> form) {
        if (pki == null) {
            throw new IllegalStateException("the simulator is not in certificate mode (start it with --cert)");
        }
        boolean forged = "true".equals(form.get("forged"));
        return "ok: alipay_cert_sn " + pki.rotate(forged) + (forged ? " (forged chain)" : "");
    }

    private static void text(HttpExchange exchange, int status, String message) throws IOException {
        HttpReply.of(status, HttpReply.TEXT, message + "\n").send(exchange);
    }
}
