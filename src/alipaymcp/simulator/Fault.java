package alipaymcp.simulator;

import java.util.Locale;
import java.util.Objects;

/**
 * A damaged gateway answer, injected per Alipay method name for tests. A fault stays until cleared.
 * The request is processed first and only the answer is damaged (the worst case for a client: the
 * state may have changed but the answer is lost), except {@link Kind#ERROR_RESPONSE} and
 * {@link Kind#SYSTEM_ERROR}, which answer without processing. Page-pay methods (a browser GET) feel
 * only the delay and the transport faults; the others are ignored there, as a page has no signed JSON.
 *
 * @param kind        what goes wrong
 * @param delayMillis for {@link Kind#DELAY}, how long the answer is held back; 0 for every other kind
 */
public record Fault(Kind kind, long delayMillis) {

    /** What goes wrong; {@link #token()} is the name used by the control endpoint. */
    public enum Kind {
        /** The normal answer, after a delay. */
        DELAY("delay", false),
        /** HTTP 500 with a short text body. */
        HTTP_500("http-500", true),
        /** HTTP 502 with a short HTML body, as a proxy in front of the gateway would say. */
        HTTP_502("http-502", true),
        /** HTTP 200 with an HTML error page instead of JSON. */
        HTML_BODY("html", true),
        /** HTTP 200, content type JSON, a body that is not JSON. */
        NOT_JSON("not-json", true),
        /** The first half of the signed answer, with a matching Content-Length. */
        TRUNCATED_BODY("truncated", true),
        /**
         * Content-Length of the whole answer, half of it sent, then the connection closed. jdk.httpserver
         * cannot reset a socket; a true RST is made by a raw socket in the chaos tests.
         */
        CONNECTION_CLOSED("connection-closed", true),
        /** A well-formed signature over other content. */
        BAD_SIGNATURE("bad-signature", false),
        /** The answer with no root-level sign. */
        MISSING_SIGN("missing-sign", false),
        /** The answer signed, then one field changed (an amount, the status or msg). */
        TAMPERED_FIELD("tampered", false),
        /** The signed root, the sign, then a second, different root of the same name. */
        DUPLICATE_ROOT("duplicate-root", false),
        /** A signed error_response (40006 isv.insufficient-isv-permissions); nothing processed. */
        ERROR_RESPONSE("error-response", false),
        /** A correctly signed answer about a different out_trade_no and trade_no. */
        OTHER_TRADE("other-trade", false),
        /** A signed 20000 isp.unknow-error answer; nothing processed. */
        SYSTEM_ERROR("system-error", false);

        private final String token;
        private final boolean transport;

        Kind(String token, boolean transport) {
            this.token = token;
            this.transport = transport;
        }

        /** True when the fault replaces or cuts the HTTP answer itself (it then hits page-pay pages too). */
        public boolean transport() {
            return transport;
        }

        public String token() {
            return token;
        }
    }

    public Fault {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.DELAY ? delayMillis < 0 || delayMillis > SimulatorOptions.MAX_DELAY_MILLIS
                : delayMillis != 0) {
            throw new IllegalArgumentException("delayMillis must be 0 to " + SimulatorOptions.MAX_DELAY_MILLIS
                    + " for delay and 0 otherwise, got " + delayMillis);
        }
    }

    public static Fault delay(long millis) {
        return new Fault(Kind.DELAY, millis);
    }

    public static Fault of(Kind kind) {
        if (kind == Kind.DELAY) {
            throw new IllegalArgumentException("a delay needs its length: use Fault.delay(millis)");
        }
        return new Fault(kind, 0);
    }

    /** Parses a control-endpoint token: {@code delay:250}, {@code http-500}, {@code bad-signature}, ... */
    public static Fault parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("delay:")) {
            try {
                return delay(Long.parseLong(t.substring("delay:".length())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("delay needs milliseconds, e.g. delay:250", e);
            }
        }
        for (Kind kind : Kind.values()) {
            if (kind != Kind.DELAY && kind.token.equals(t)) {
                return of(kind);
            }
        }
        throw new IllegalArgumentException("unknown fault '" + text + "'; use one of: " + tokens());
    }

    /** Every accepted token, for error messages and --help. */
    public static String tokens() {
        StringBuilder out = new StringBuilder("delay:<ms>");
        for (Kind kind : Kind.values()) {
            if (kind != Kind.DELAY) {
                out.append(", ").append(kind.token);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return kind == Kind.DELAY ? "delay:" + delayMillis : kind.token;
    }
}
