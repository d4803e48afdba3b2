package alipaymcp.simulator;

import alipaymcp.alipay.AlipayResponse;
import alipaymcp.alipay.ContentCipher;
import alipaymcp.alipay.RsaSigner;
import alipaymcp.alipay.SignType;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue.JsonString;
import alipaymcp.json.JsonValue;
import alipaymcp.simulator.Faults.Fault;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes answers as the gateway does: the content text is written once, signed with the platform key
 * over exactly those characters, and emitted unchanged. In certificate mode the key is the current Alipay
 * certificate's (it changes at a rotation) and {@code alipay_cert_sn} names it; with AES an answer to an
 * encrypted request is the quoted Base64 ciphertext, signed with its quotes. The damaged forms for fault
 * injection live here (they damage the plaintext form).
 */
final class AnswerWriter {
    static final String ERROR_ROOT = "error_response";

    /**
     * A JSON answer before it is written: {@code {"<method with . as _>_response":<content>,"sign":"..."}}.
     *
     * @param method   the method answered; null for an answer under {@value #ERROR_ROOT}
     * @param signType the algorithm to sign with (the request's own); null for an unsigned answer
     */
    record Answer(String method, JsonObject content, SignType signType) {
        static Answer success(String method, JsonObject.Builder fields, SignType signType) {
            JsonObject.Builder body = JsonObject.builder().put("code", "10000").put("msg", "Success");
            fields.build().members().forEach(body::put);
            return new Answer(method, body.build(), signType);
        }

        static Answer failure(String method, GatewayError error, SignType signType) {
            return new Answer(method, error.toJson(), signType);
        }

        boolean signed() {
            return signType != null;
        }

        String root() {
            return method == null ? ERROR_ROOT : AlipayResponse.rootOf(method);
        }
    }

    /** The key that signs answers now and the SN of its certificate (sent as alipay_cert_sn; null in key mode). */
    record Signer(PrivateKey key, String certSn) {
    }

    private final Supplier<Signer> signer;

    AnswerWriter(Supplier<Signer> signer) {
        this.signer = signer;
    }

    /**
     * The answer as written, or damaged by the fault (null for none; DELAY is the caller's). {@code cipher}: the
     * request was encrypted with it, so a signed answer is encrypted too, unless a fault damages its plaintext
     * form; else null.
     */
    HttpReply reply(Answer answer, Fault fault, ContentCipher cipher) {
        Fault.Kind kind = fault == null ? null : fault.kind();
        if (kind != null && kind.transport()) {
            return transport(HttpReply.json(text(answer, null, cipher)), kind);
        }
        return HttpReply.json(kind == null ? text(answer, null, cipher) : text(answer, kind, null));
    }

    /** The normal HTTP answer replaced or cut as a broken network or proxy would. */
    static HttpReply transport(HttpReply normal, Fault.Kind kind) {
        return switch (kind) {
            case HTTP_500 -> HttpReply.of(500, HttpReply.TEXT, "Internal Server Error");
            case HTTP_502 -> HttpReply.of(502, HttpReply.HTML, "<html><head><title>502 Bad Gateway</title></head>"
                    + "<body><h1>502 Bad Gateway</h1></body></html>");
            case HTML_BODY -> HttpReply.of(200, HttpReply.HTML, "<!DOCTYPE html><html><head><title>系统维护</title>"
                    + "</head><body><h1>Service maintenance</h1><p>Please try again later.</p></body></html>");
            case NOT_JSON -> HttpReply.json("upstream connect error or disconnect/reset before headers");
            case TRUNCATED_BODY -> new HttpReply(normal.status(), normal.contentType(),
                    Arrays.copyOf(normal.body(), normal.body().length / 2), false);
            case CONNECTION_CLOSED -> new HttpReply(normal.status(), normal.contentType(), normal.body(), true);
            default -> throw new IllegalArgumentException("not a transport fault: " + kind);
        };
    }

    /**
     * {"root":content[,"alipay_cert_sn":"..."],"sign":"..."} (the SN before sign, as the gateway writes it), or
     * without sign when unsigned; {@code damage}: the fault that damages a signed answer, or null.
     */
    private String text(Answer answer, Fault.Kind damage, ContentCipher cipher) {
        String open = "{\"" + answer.root() + "\":";
        String content = answer.content().toJson();
        if (!answer.signed() || damage == Fault.Kind.MISSING_SIGN) {
            return open + content + "}";
        }
        if (cipher != null) {
            content = JsonValue.of(cipher.encrypt(content)).toJson(); // Base64 needs no escaping: "<ciphertext>"
        }
        String sent = damage == Fault.Kind.TAMPERED_FIELD ? tamper(answer.content()).toJson()
                : damage == Fault.Kind.OTHER_TRADE ? otherTrade(answer.content()).toJson() : content;
        String signed = damage == Fault.Kind.BAD_SIGNATURE ? content + " " // a well-formed signature of other text
                : damage == Fault.Kind.OTHER_TRADE ? sent : content;
        Signer current = signer.get(); // read once: a rotation in between must not mix SN and key
        String sign = ",\"sign\":\"" + RsaSigner.sign(signed, current.key(), answer.signType()) + "\"";
        if (damage == Fault.Kind.DUPLICATE_ROOT) {
            return open + content + sign + ",\"" + answer.root() + "\":" + tamper(answer.content()).toJson() + "}";
        }
        return open + sent + (current.certSn() == null ? "" : ",\"alipay_cert_sn\":\"" + current.certSn() + "\"")
                + sign + "}";
    }

    /** One field changed: the first amount by +1.00, else the status, else msg. */
    static JsonObject tamper(JsonObject content) {
        Map<String, JsonValue> fields = new LinkedHashMap<>(content.members());
        for (String amount : new String[] {"refund_fee", "refund_amount", "total_amount"}) {
            if (content.string(amount).isPresent()) {
                BigDecimal value = new BigDecimal(content.string(amount).get()).add(BigDecimal.ONE);
                fields.put(amount, new JsonString(value.setScale(2).toPlainString()));
                return new JsonObject(fields);
            }
        }
        if (content.string("trade_status").isPresent()) {
            boolean paid = content.string("trade_status").get().equals("TRADE_SUCCESS");
            fields.put("trade_status", new JsonString(paid ? "TRADE_CLOSED" : "TRADE_SUCCESS"));
        } else {
            fields.put("msg", new JsonString(content.string("msg").orElse("") + "!"));
        }
        return new JsonObject(fields);
    }

    /** The same answer about another trade: out_trade_no prefixed with OTHER_, trade_no's last digit changed. */
    static JsonObject otherTrade(JsonObject content) {
        Map<String, JsonValue> fields = new LinkedHashMap<>(content.members());
        fields.put("out_trade_no", new JsonString("OTHER_" + content.string("out_trade_no").orElse("ORDER")));
        String tradeNo = content.string("trade_no").orElse("");
        if (!tradeNo.isEmpty()) {
            String last = tradeNo.endsWith("9") ? "0" : "9";
            fields.put("trade_no", new JsonString(tradeNo.substring(0, tradeNo.length() - 1) + last));
        }
        return new JsonObject(fields);
    }

    /**
     * A non-success answer: code, msg, sub_code, sub_msg. The code and msg texts are those of the public
     * gateway error-code page; sub_msg texts of the isv.* errors are the gateway's Chinese texts where known.
     */
    record GatewayError(String code, String msg, String subCode, String subMsg) {
        static GatewayError missing(String subCode, String subMsg) {
            return new GatewayError("40001", "Missing Required Arguments", subCode, subMsg);
        }

        static GatewayError invalid(String subCode, String subMsg) {
            return new GatewayError("40002", "Invalid Arguments", subCode, subMsg);
        }

        static GatewayError business(String subCode, String subMsg) {
            return new GatewayError("40004", "Business Failed", subCode, subMsg);
        }

        static GatewayError invalidParameter(String detail) {
            return business("ACQ.INVALID_PARAMETER", "参数无效 (" + detail + ")");
        }

        JsonObject toJson() {
            return JsonObject.builder().put("code", code).put("msg", msg).put("sub_code", subCode)
                    .put("sub_msg", subMsg).build();
        }
    }

    /**
     * One HTTP answer. With cutMidBody the full length is declared, half the body is sent and the exchange
     * is closed: the client sees the connection end early (jdk.httpserver cannot send a TCP reset).
     */
    record HttpReply(int status, String contentType, byte[] body, boolean cutMidBody) {
        static final String JSON = "application/json;charset=utf-8";
        static final String HTML = "text/html;charset=utf-8";
        static final String TEXT = "text/plain;charset=utf-8";

        static HttpReply of(int status, String contentType, String body) {
            return new HttpReply(status, contentType, body.getBytes(StandardCharsets.UTF_8), false);
        }

        static HttpReply json(String body) {
            return of(200, JSON, body);
        }

        void send(HttpExchange exchange) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            if (contentType.equals(HTML)) {
                exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; "
                        + "style-src 'unsafe-inline'; form-action 'self' http: https:; frame-ancestors 'none'; base-uri 'none'");
                exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            OutputStream out = exchange.getResponseBody();
            if (cutMidBody) {
                out.write(body, 0, body.length / 2);
                out.flush();
                exchange.close(); // fewer bytes than declared: the connection is dropped, which is the point
                return;
            }
            out.write(body);
            out.close();
        }

        /** A 303 to location; the browser follows it with GET. */
        static void redirect(HttpExchange exchange, String location) throws IOException {
            exchange.getResponseHeaders().set("Location", location);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(303, -1);
            exchange.close();
        }
    }
}
