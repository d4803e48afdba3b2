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
 * Writes answers as the gateway does: the content text is written once, signed over exactly those characters
 * and emitted unchanged. In certificate mode alipay_cert_sn names the current key's certificate; with AES the
 * content is the quoted Base64 ciphertext, signed with its quotes. The fault-damaged forms live here too.
 */
record AnswerWriter(Supplier<Signer> signer) {
    static final String ERROR_ROOT = "error_response";

    /** An answer before it is written; method null: under {@value #ERROR_ROOT}; signType null: unsigned. */
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

    /**
     * The answer as written, or damaged by the fault (DELAY is the caller's); {@code cipher}: the request's, so a
     * signed answer is encrypted too, unless a fault damages its plaintext form.
     */
    HttpReply reply(Answer answer, Fault.Kind kind, ContentCipher cipher) {
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

    /** {"root":content[,"alipay_cert_sn":"..."],"sign":"..."}: the SN before sign, as the gateway writes it. */
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

    /** code and msg as on the public gateway error-code page; sub_msg the gateway's Chinese text where known. */
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

    /** One HTTP answer; cutMidBody: half of the declared body is sent, then the connection is dropped. */
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
            out.write(body, 0, cutMidBody ? body.length / 2 : body.length);
            if (cutMidBody) {
                out.flush(); // fewer bytes than declared: closing drops the connection (it cannot send a reset)
            }
            exchange.close();
        }

        static void redirect(HttpExchange exchange, String location) throws IOException {
            exchange.getResponseHeaders().set("Location", location);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(303, -1);
            exchange.close();
        }
    }
}
