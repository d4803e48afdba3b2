package alipaymcp.alipay;

import alipaymcp.alipay.AlipayException.Kind;
import alipaymcp.json.JsonException;
import alipaymcp.json.JsonObject;
import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonString;
import alipaymcp.json.JsonValue;
import java.security.GeneralSecurityException;
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
     * Which Alipay key verifies an answer: AP_PUB_KEY, or in certificate mode the certificate its root-level
     * {@code alipay_cert_sn} names (null when it carries none).
     */
    interface Keys {
        PublicKey keyFor(String alipayCertSn, String method) throws AlipayException;

        boolean certificateMode();

        static Keys of(PublicKey key) {
            return new Keys() {
                @Override
                public PublicKey keyFor(String alipayCertSn, String method) {
                    return key;
                }

                @Override
                public boolean certificateMode() {
                    return false;
                }
            };
        }
    }

    /**
     * Public-key mode, no encryption. {@code secrets}: values to redact from anything reported (the
     * app_auth_token, the request's sign). Fields are read from the text that verified: when only the
     * {@code \/} to {@code /} rewrite verifies, from the rewritten text.
     */
    public static AlipayResponse verify(String body, String method, PublicKey key, SignType type,
            String... secrets) throws AlipayException {
        return verify(body, method, Keys.of(key), type, null, secrets);
    }

    /**
     * Any mode. {@code cipher}: AP_ENCRYPT_KEY when the request was encrypted, else null. An encrypted answer
     * (a quoted Base64 string) is verified over that string with its quotes, then decrypted; a plaintext
     * object answering an encrypted request is verified as in key mode and accepted only as a failure.
     */
    static AlipayResponse verify(String body, String method, Keys keys, SignType type, ContentCipher cipher,
            String... secrets) throws AlipayException {
        SignSource source = SignSource.extract(body, method);
        JsonObject doc = parseObject(body, method, "The response body", secrets);
        String root = method.replace('.', '_') + "_response";
        if (!doc.has(root)) {
            root = "error_response";
        }
        JsonValue node = doc.get(root);
        boolean encrypted = node instanceof JsonString;
        if (encrypted && cipher == null) {
            throw new AlipayException(Kind.MALFORMED, "The response to " + method + " is encrypted content"
                    + " (接口内容加密) but AP_ENCRYPT_KEY is not set: set it to this app's AES key.");
        }
        if (!encrypted && !(node instanceof JsonObject)) {
            throw new AlipayException(Kind.MALFORMED, "The response to " + method + " has no " + root
                    + (doc.has(root) ? " object" : " and no error_response")
                    + "; is AP_GATEWAY_URL an Alipay gateway?");
        }
        JsonValue signValue = doc.get("sign");
        if (signValue == null || signValue.equals(JsonValue.of(""))) {
            if (encrypted) {
                throw badSignature(method, "it is encrypted content without a signature", keys);
            }
            throw unsigned(method, (JsonObject) node, keys, secrets);
        }
        if (!(signValue instanceof JsonString sign)) {
            throw new AlipayException(Kind.MALFORMED, "The response to " + method + " has a sign that is not a string.");
        }
        if (source == null || !source.root().equals(root)) {
            throw badSignature(method, "its signed content could not be located", keys);
        }
        String certSn = keys.certificateMode() ? certSn(doc, method) : null;
        PublicKey key = keys.keyFor(certSn, method);
        String verified = verifiedText(source.content(), sign.value(), key, type);
        if (verified == null) {
            throw badSignature(method, "its signature does not verify with " + keyName(keys, certSn)
                    + " (" + type + ")", keys);
        }
        JsonObject fields;
        if (encrypted) {
            if (!JsonValue.of(((JsonString) node).value()).equals(parseString(source.content(), method, keys))) {
                throw badSignature(method, "its signed text differs from the response's encrypted content", keys);
            }
            fields = decrypt(((JsonString) node).value(), cipher, method);
        } else {
            JsonObject signed = parseObject(source.content(), method, "The signed content", secrets);
            if (!signed.equals(node)) {
                throw badSignature(method, "its signed text differs from the response object", keys);
            }
            fields = verified.equals(source.content()) ? signed
                    : parseObject(verified, method, "The signed content", secrets);
        }
        String code = fields.string("code").orElse("");
        boolean failure = !code.isEmpty() && !code.equals(AlipayResponse.SUCCESS);
        if (keys.certificateMode() && certSn == null && !failure && !method.equals(GatewayClient.CERT_DOWNLOAD)) {
            throw badSignature(method, "it claims success without alipay_cert_sn, which certificate mode requires",
                    keys);
        }
        if (cipher != null && !encrypted && !failure) {
            throw new AlipayException(Kind.MALFORMED, "The response to " + method + " is plaintext although the"
                    + " request was encrypted (AP_ENCRYPT_KEY): only a failure may come back unencrypted, so this"
                    + " answer was not trusted" + GatewayExchange.unknownOutcome(method));
        }
        return new AlipayResponse(method, root, fields, (JsonObject) Redactor.shown(fields, secrets));
    }

    /** The root-level alipay_cert_sn, or null when absent. */
    private static String certSn(JsonObject doc, String method) throws AlipayException {
        JsonValue value = doc.get("alipay_cert_sn");
        if (value == null || value.equals(JsonValue.of(""))) {
            return null;
        }
        if (!(value instanceof JsonString sn) || !sn.value().matches("[0-9a-f]{32}")) {
            throw new AlipayException(Kind.BAD_SIGNATURE, "The response to " + method + " has an alipay_cert_sn"
                    + " that is not 32 lower-case hex digits; it was not trusted.");
        }
        return sn.value();
    }

    private static String keyName(Keys keys, String certSn) {
        if (!keys.certificateMode()) {
            return "AP_PUB_KEY";
        }
        return certSn == null ? "the certificate of AP_ALIPAY_CERT_PATH" : "Alipay certificate " + certSn;
    }

    /** The decrypted answer object; a wrong key or damaged content names AP_ENCRYPT_KEY and is never a success. */
    private static JsonObject decrypt(String ciphertext, ContentCipher cipher, String method) throws AlipayException {
        String plain;
        try {
            plain = cipher.decrypt(ciphertext);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new AlipayException(Kind.UNDECRYPTABLE, "The response to " + method + " is signed by Alipay but"
                    + " does not decrypt with AP_ENCRYPT_KEY (" + e.getClass().getSimpleName() + "): check that"
                    + " AP_ENCRYPT_KEY is this app's current AES key (开发设置 → 接口内容加密方式). The answer was not"
                    + " trusted" + GatewayExchange.unknownOutcome(method));
        }
        try {
            if (JsonParser.parse(plain) instanceof JsonObject o) {
                return o;
            }
        } catch (JsonException e) {
            // reported below
        }
        throw new AlipayException(Kind.UNDECRYPTABLE, "The response to " + method + " decrypts with AP_ENCRYPT_KEY"
                + " to something that is not a JSON object: check that AP_ENCRYPT_KEY is this app's current AES key."
                + " The answer was not trusted" + GatewayExchange.unknownOutcome(method));
    }

    private static JsonValue parseString(String text, String method, Keys keys) throws AlipayException {
        try {
            return JsonParser.parse(text);
        } catch (JsonException e) {
            throw badSignature(method, "its signed encrypted content is not a JSON string", keys);
        }
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
    private static AlipayException unsigned(String method, JsonObject answer, Keys keys, String... secrets) {
        String code = answer.string("code").orElse("");
        if (code.isEmpty() || code.equals(AlipayResponse.SUCCESS)) {
            return badSignature(method, "it claims success without a signature", keys);
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

    private static AlipayException badSignature(String method, String why, Keys keys) {
        String check = keys.certificateMode()
                ? "Check that AP_ALIPAY_CERT_PATH and AP_ALIPAY_ROOT_CERT_PATH are this app's current files"
                : "Check that AP_PUB_KEY is the Alipay public key (支付宝公钥) of this app";
        return new AlipayException(Kind.BAD_SIGNATURE, "The response to " + method + " could not be verified: "
                + why + ". It was not trusted. " + check + " and that AP_ENCRYPTION_ALGO matches the app's signing"
                + " algorithm.");
    }
}
