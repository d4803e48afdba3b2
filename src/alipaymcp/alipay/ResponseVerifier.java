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

    /**
     * {@code secrets}: values to redact from anything reported (the app_auth_token, the request's sign).
     * Fields are read from the text that verified: when only the {@code \/} to {@code /} rewrite verifies,
     * from the rewritten text.
     */
    public static AlipayResponse verify(String body, String method, PublicKey key, SignType type,
            String... secrets) throws AlipayException {
        SignSource source = SignSource.extract(body, method);
        JsonObject doc = parseObject(body, method, "The response body", secrets);
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
        String verified = verifiedText(source.content(), sign.value(), key, type);
        if (verified == null) {
            throw badSignature(method, "its signature does not verify with AP_PUB_KEY (" + type + ")");
        }
        JsonObject signed = parseObject(source.content(), method, "The signed content", secrets);
        if (!signed.equals(answer)) {
            throw badSignature(method, "its signed text differs from the response object");
        }
        JsonObject fields = verified.equals(source.content()) ? signed
                : parseObject(verified, method, "The signed content", secrets);
        return new AlipayResponse(method, root, fields, (JsonObject) Redactor.shown(fields, secrets));
    }

    /** The check itself, with the Java SDK's retry over {@code \/} replaced by {@code /}. */
    static boolean verifies(String content, String sign, PublicKey key, SignType type) {
        return verifiedText(content, sign, key, type) != null;
    }

    /** The text that verified: the content, else the content with every {@code \/} as {@code /}; null if neither. */
    static String verifiedText(String content, String sign, PublicKey key, SignType type) {
        if (RsaSigner.verify(content, sign, key, type)) {
            return content;
        }
        String rewritten = content.replace("\\/", "/");
        return content.contains("\\/") && RsaSigner.verify(rewritten, sign, key, type) ? rewritten : null;
    }

    /**
     * After verification: the answer must be about the order (and refund request) that was asked about, compared
     * on the verified values. A field the gateway left out is accepted, except on a success: out_trade_no when
     * {@code tradeRequired}, out_request_no when {@code requestRequired} (a refund query's success must name both,
     * or it may be a replayed answer about another refund of the same order).
     */
    public static void requireSameOrder(AlipayResponse response, String outTradeNo, String outRequestNo,
            boolean tradeRequired, boolean requestRequired) throws AlipayException {
        String trade = response.field("out_trade_no");
        if (trade == null ? tradeRequired && response.isSuccess() : !trade.equals(outTradeNo)) {
            throw new AlipayException(Kind.WRONG_ORDER, "The verified answer to " + response.method()
                    + " is about another order (out_trade_no " + (trade == null ? "missing" : "differs")
                    + "): a signed answer about another order is a replay, so it was not trusted.");
        }
        String request = response.field("out_request_no");
        if (request == null ? requestRequired && response.isSuccess()
                : outRequestNo != null && !request.equals(outRequestNo)) {
            throw new AlipayException(Kind.WRONG_ORDER, "The verified answer to " + response.method()
                    + " is not about this refund request (out_request_no " + (request == null ? "missing" : "differs")
                    + "): it may be a replayed answer about another refund, so it was not trusted.");
        }
    }

    private static JsonObject parseObject(String text, String method, String what, String... secrets)
            throws AlipayException {
        try {
            if (JsonParser.parse(text) instanceof JsonObject o) {
                return o;
            }
        } catch (JsonException e) {
            // The parser quotes bits of the (unverified) text: redact, then sanitize like any unverified text.
            throw new AlipayException(Kind.MALFORMED, what + " of " + method + " is not valid JSON ("
                    + GatewayText.unverifiedMessage(Redactor.redact(e.getMessage(), secrets))
                    + "); is AP_GATEWAY_URL an Alipay gateway?");
        }
        throw new AlipayException(Kind.MALFORMED, what + " of " + method + " is not a JSON object.");
    }

    /**
     * An unsigned failure: only a code and sub_code of the strict pattern and a short sanitized message
     * (sub_msg, else msg) pass, labelled unverified (GatewayText).
     */
    private static AlipayException unsigned(String method, JsonObject answer, String... secrets) {
        String code = answer.string("code").orElse("");
        if (code.isEmpty() || code.equals(AlipayResponse.SUCCESS)) {
            return badSignature(method, "it claims success without a signature");
        }
        String shownCode = GatewayText.unverifiedCode(code);
        String subCode = GatewayText.unverifiedCode(answer.string("sub_code").orElse(null));
        String message = GatewayText.unverifiedMessage(Redactor.redact(
                answer.string("sub_msg").or(() -> answer.string("msg")).orElse(null), secrets));
        JsonObject shown = JsonObject.builder().putIfPresent("code", shownCode).putIfPresent("sub_code", subCode)
                .putIfPresent("sub_msg", message).build();
        StringBuilder text = new StringBuilder("Alipay answered ").append(method)
                .append(" with an unsigned failure (unverified): code ")
                .append(shownCode == null ? "(not shown: not a plain code)" : shownCode);
        if (subCode != null) {
            text.append(", sub_code ").append(subCode);
        }
        if (message != null && !message.isEmpty()) {
            text.append(", message (unverified) \"").append(message).append('"');
        }
        text.append(". Unsigned answers cannot be verified; ").append(GatewayHints.forSubCode(subCode == null ? "" : subCode));
        return new AlipayException(Kind.UNSIGNED_FAILURE, text.toString(), null, shown);
    }

    private static AlipayException badSignature(String method, String why) {
        return new AlipayException(Kind.BAD_SIGNATURE, "The response to " + method + " could not be verified: "
                + why + ". It was not trusted. Check that AP_PUB_KEY is the Alipay public key (支付宝公钥) of this"
                + " app and that AP_ENCRYPTION_ALGO matches the app's signing algorithm.");
    }
}
