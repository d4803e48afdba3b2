package alipaymcp.simulator;

import java.util.Locale;
import java.util.Objects;

/**
 * A damaged gateway answer, injected per Alipay method name for tests. A fault stays until cleared.
 * The request is processed first and only the answer is damaged (the worst case for a client: the
 * state may have changed but the answer is lost), except {@link Kind#ERROR_RESPONSE},
 * {@link Kind#SYSTEM_ERROR}, {@link Kind#ACQ_SYSTEM_ERROR} and {@link Kind#REPLAY}, which answer without
 * processing. Two kinds are situations rather than damage ({@link Kind#situation()}): a refund that completes
 * later ({@link Kind#REFUND_PENDING}) and a replayed earlier success ({@link Kind#REPLAY}). Page-pay methods
 * (a browser GET) feel only the delay and the transport faults; the others are ignored there, as a page has
 * no signed JSON.
 *
 * @param kind        what goes wrong
 * @param delayMillis for {@link Kind#DELAY}, how long the answer is held back; 0 for every other kind
 * @param queries     for {@link Kind#REFUND_PENDING}, how many refund queries see the refund still processing
 */
public record Fault(Kind kind, long delayMillis, int queries) {
    /** The most refund queries a pending refund can stay unconfirmed for. */
    public static final int MAX_PENDING_QUERIES = 100;

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
        SYSTEM_ERROR("system-error", false),
        /** A signed 40004 ACQ.SYSTEM_ERROR answer (系统错误: call again with the same parameters); nothing processed. */
        ACQ_SYSTEM_ERROR("acq-system-error", false),
        /**
         * alipay.trade.refund only: the refund is made but answered with fund_change=N, and its next N refund
         * queries answer without refund_status (still processing), as an asynchronous refund does.
         */
        REFUND_PENDING("refund-pending", false, true),
        /**
         * The last signed success this method gave for the same out_trade_no, sent again unchanged (a genuine
         * answer replayed, e.g. an earlier refund's); nothing processed. With no earlier success, the normal answer.
         */
        REPLAY("replay", false, true);

        private final String token;
        private final boolean transport;
        private final boolean situation;

        Kind(String token, boolean transport) {
            this(token, transport, false);
        }

        Kind(String token, boolean transport, boolean situation) {
            this.token = token;
            this.transport = transport;
            this.situation = situation;
        }

        /** True for a situation a correct client handles without an error (a refund that completes later, a replay). */
        public boolean situation() {
            return situation;
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
        if (kind == Kind.REFUND_PENDING ? queries < 1 || queries > MAX_PENDING_QUERIES : queries != 0) {
            throw new IllegalArgumentException("queries must be 1 to " + MAX_PENDING_QUERIES
                    + " for refund-pending and 0 otherwise, got " + queries);
        }
    }

    public static Fault delay(long millis) {
        return new Fault(Kind.DELAY, millis, 0);
    }

    /** A refund made now, answered fund_change=N, that the next {@code queries} refund queries see as processing. */
    public static Fault refundPending(int queries) {
        return new Fault(Kind.REFUND_PENDING, 0, queries);
    }

    public static Fault of(Kind kind) {
        if (kind == Kind.DELAY || kind == Kind.REFUND_PENDING) {
            throw new IllegalArgumentException("this fault needs its number: use Fault.delay(millis) or"
                    + " Fault.refundPending(queries)");
        }
        return new Fault(kind, 0, 0);
    }

    /** Parses a control-endpoint token: {@code delay:250}, {@code http-500}, {@code refund-pending:2}, ... */
    public static Fault parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("delay:")) {
            try {
                return delay(Long.parseLong(t.substring("delay:".length())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("delay needs milliseconds, e.g. delay:250", e);
            }
        }
        if (t.startsWith("refund-pending:")) {
            try {
                return refundPending(Integer.parseInt(t.substring("refund-pending:".length())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("refund-pending needs a number of queries, e.g. refund-pending:2", e);
            }
        }
        for (Kind kind : Kind.values()) {
            if (kind != Kind.DELAY && kind != Kind.REFUND_PENDING && kind.token.equals(t)) {
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
                out.append(", ").append(kind.token).append(kind == Kind.REFUND_PENDING ? ":<queries>" : "");
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return kind == Kind.DELAY ? "delay:" + delayMillis
                : kind == Kind.REFUND_PENDING ? kind.token + ":" + queries : kind.token;
    }
}
