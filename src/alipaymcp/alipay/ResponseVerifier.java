package alipaymcp.alipay;

import alipaymcp.alipay.AlipayException.Kind;
import alipaymcp.json.JsonException;
import alipaymcp.json.JsonObject;
import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonString;
import alipaymcp.json.JsonValue;
import java.security.PublicKey;

/**
 * Turns a response body into a verified {@link AlipayResponse} or a typed failure (alipay-gateway.md
 * §7): the signed content is cut from the raw body, its root-level {@code sign} is checked over those
 * exact UTF-8 bytes with the configured algorithm (once more with every {@code \/} as {@code /}), and
 * only then is any field read, from that same text. A response without a signature is never a success.
 */
public final class ResponseVerifier {
    private ResponseVerifier() {
    }

    /** {@code secrets}: values to redact from anything reported (the app_auth_token, the request's sign). */
    public static AlipayResponse verify(String body, String method, PublicKey key, SignType type,
            String... secrets) throws AlipayException {
        SignSource source = SignSource.extract(body, method);
        JsonObject doc = parseObject(body, method, "The response body");
        String root = method.replace('.', '_') + "_response";
        if (!doc.has(root)) {
            root = "error_response";
        }
        if (!(doc.get(root) instanceof JsonObject answer)) {
            throw new AlipayException(Kind.MALFORMED, "The response to " + method + " has no " + root
                    + (doc.has(root) ? " object (encrypted responses are not supported)" : " and no error_response")
                    + "; is AP_GATEWAY_URL an Alipay gateway?");
        }
        JsonValue signValue = doc.get("sign");
        if (signValue == null || signValue.equals(JsonValue.of(""))) {
            throw unsigned(method, answer, secrets);
        }
        if (!(signValue instanceof JsonString sign)) {
            throw new AlipayException(Kind.MALFORMED, "The response to " + method + " has a sign that is not a string.");
        }
        if (source == null || !source.root().equals(root)) {
            throw badSignature(method, "its signed content could not be located");
        }
        if (!verifies(source.content(), sign.value(), key, type)) {
            throw badSignature(method, "its signature does not verify with AP_PUB_KEY (" + type + ")");
        }
        JsonObject signed = parseObject(source.content(), method, "The signed content");
        if (!signed.equals(answer)) {
            throw badSignature(method, "its signed text differs from the response object");
        }
        return new AlipayResponse(method, root, (JsonObject) Redactor.redact(signed, secrets));
    }

    /** The check itself, with the Java SDK's retry over {@code \/} replaced by {@code /}. */
    static boolean verifies(String content, String sign, PublicKey key, SignType type) {
        return RsaSigner.verify(content, sign, key, type)
                || (content.contains("\\/") && RsaSigner.verify(content.replace("\\/", "/"), sign, key, type));
    }

    /**
     * After verification: the answer must be about the order (and refund request) that was asked about.
     * A field the gateway left out is accepted, except out_trade_no on a success when {@code required}.
     */
    public static void requireSameOrder(AlipayResponse response, String outTradeNo, String outRequestNo,
            boolean required) throws AlipayException {
        String trade = response.field("out_trade_no");
        if (trade == null ? required && response.isSuccess() : !trade.equals(outTradeNo)) {
            throw new AlipayException(Kind.WRONG_ORDER, "The verified answer to " + response.method()
                    + " is about another order (out_trade_no " + (trade == null ? "missing" : "differs")
                    + "): a signed answer about another order is a replay, so it was not trusted.");
        }
        String request = response.field("out_request_no");
        if (request != null && outRequestNo != null && !request.equals(outRequestNo)) {
            throw new AlipayException(Kind.WRONG_ORDER, "The verified answer to " + response.method()
                    + " is about another refund request (out_request_no differs): it is a replay, so it was not"
                    + " trusted.");
        }
    }

    private static JsonObject parseObject(String text, String method, String what) throws AlipayException {
        try {
            if (JsonParser.parse(text) instanceof JsonObject o) {
                return o;
            }
        } catch (JsonException e) {
            throw new AlipayException(Kind.MALFORMED, what + " of " + method + " is not valid JSON ("
                    + Redactor.redact(e.getMessage()) + "); is AP_GATEWAY_URL an Alipay gateway?");
        }
        throw new AlipayException(Kind.MALFORMED, what + " of " + method + " is not a JSON object.");
    }

    private static AlipayException unsigned(String method, JsonObject answer, String... secrets) {
        String code = answer.string("code").orElse("");
        if (code.isEmpty() || code.equals(AlipayResponse.SUCCESS)) {
            return badSignature(method, "it claims success without a signature");
        }
        JsonObject shown = (JsonObject) Redactor.redact(answer, secrets);
        return new AlipayException(Kind.UNSIGNED_FAILURE, "Alipay answered " + method
                + " with an unsigned failure: " + describe(shown)
                + ". Unsigned answers cannot be verified; " + GatewayHints.forSubCode(shown.string("sub_code").orElse("")),
                null, shown);
    }

    private static AlipayException badSignature(String method, String why) {
        return new AlipayException(Kind.BAD_SIGNATURE, "The response to " + method + " could not be verified: "
                + why + ". It was not trusted. Check that AP_PUB_KEY is the Alipay public key (支付宝公钥) of this"
                + " app and that AP_ENCRYPTION_ALGO matches the app's signing algorithm.");
    }

    /** "code 40002 (Invalid Arguments), sub_code isv.invalid-app-id (无效的AppID参数)". */
    static String describe(JsonObject answer) {
        StringBuilder out = new StringBuilder("code ").append(answer.string("code").orElse("?"));
        answer.string("msg").ifPresent(m -> out.append(" (").append(m).append(')'));
        answer.string("sub_code").ifPresent(s -> out.append(", sub_code ").append(s));
        answer.string("sub_msg").ifPresent(s -> out.append(" (").append(s).append(')'));
        return out.toString();
    }
}
