package alipaymcp.alipay;

import alipaymcp.alipay.AlipayException.Kind;
import alipaymcp.json.JsonException;
import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue.JsonString;
import alipaymcp.json.JsonValue;
import java.security.PublicKey;
import java.util.Objects;

/**
 * Turns a response body into a verified {@link AlipayResponse} about the expected order, or a typed failure
 * (alipay-gateway.md §7), in one call: the configured algorithm checks the root-level {@code sign} over the text
 * Alipay's Java SDK cuts ({@link #signedContent}), fields are read only from the text that verified, and the answer
 * must be about the order asked about. An encrypted answer is verified over the quoted string, then decrypted.
 */
public final class ResponseVerifier {
    private ResponseVerifier() {
    }

    /**
     * What the answer must be about. Every {@code alipay.trade.*} answer is bound to its order, so no caller can skip
     * the binding; other methods (file uploads in the vectors) have none. {@code outRequestNo}: null when not sent.
     */
    public record Expected(String method, String outTradeNo, String outRequestNo) {
        public Expected {
            Objects.requireNonNull(method, "method");
            if (method.startsWith("alipay.trade.")) {
                Objects.requireNonNull(outTradeNo, "outTradeNo: a trade answer is bound to its order");
            }
        }
    }

    /** AP_PUB_KEY ({@link #of}), or in certificate mode the certificate {@code alipay_cert_sn} names. */
    public record Keys(PublicKey publicKey, CertificateMode certificates, CertificateMode.Download download) {
        public Keys {
            boolean publicKeyMode = publicKey != null && certificates == null && download == null;
            boolean certificateMode = publicKey == null && certificates != null && download != null;
            if (!publicKeyMode && !certificateMode) {
                throw new IllegalArgumentException("Keys: a public key alone, or certificate mode with its download");
            }
        }

        public static Keys of(PublicKey key) {
            return new Keys(key, null, null);
        }

        /** {@code alipayCertSn}: null when the answer carries none (then the local certificate's key). */
        PublicKey keyFor(String alipayCertSn, String method) throws AlipayException {
            return certificates == null ? publicKey : alipayCertSn == null ? certificates.localKey()
                    : certificates.keyFor(alipayCertSn, method, download);
        }

        boolean certificateMode() {
            return certificates != null;
        }
    }

    /**
     * {@code cipher}: AP_ENCRYPT_KEY when the request was encrypted (a plaintext answer is then only a failure), else
     * null. {@code secrets}: what no report may show (the app_auth_token, the request's sign).
     */
    public static AlipayResponse verify(String body, Expected expected, Keys keys, SignType type, ContentCipher cipher,
            String... secrets) throws AlipayException {
        String method = expected.method();
        Signed signed = signedContent(body, method);
        // Only root-level members are read from the body; the answer's come from the text that verified.
        JsonObject doc = parseObject(body, method, "The response body", secrets);
        String root = doc.has(AlipayResponse.rootOf(method)) ? AlipayResponse.rootOf(method) : "error_response";
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
            throw new AlipayException(Kind.MALFORMED, "The response to " + method
                    + " has a sign that is not a string.");
        }
        if (signed == null || !signed.root().equals(root)) {
            throw badSignature(method, "its signed content could not be located", keys);
        }
        String certSn = keys.certificateMode() ? certSn(doc, method) : null;
        String verified = verifiedText(signed.content(), sign.value(), keys.keyFor(certSn, method), type);
        if (verified == null) {
            throw badSignature(method, "its signature does not verify with " + keyName(keys, certSn)
                    + " (" + type + ")", keys);
        }
        JsonObject fields = encrypted ? decrypt(verified, cipher, method, keys)
                : parseObject(verified, method, "The signed content", secrets);
        String code = fields.string("code").orElse("");
        boolean failure = !code.isEmpty() && !code.equals(AlipayResponse.SUCCESS);
        if (keys.certificateMode() && certSn == null && !failure && !method.equals(GatewayClient.CERT_DOWNLOAD)) {
            throw badSignature(method, "it claims success without alipay_cert_sn, which certificate mode requires",
                    keys);
        }
        if (cipher != null && !encrypted && !failure) {
            throw new AlipayException(Kind.MALFORMED, "The response to " + method + " is plaintext although the"
                    + " request was encrypted (AP_ENCRYPT_KEY): only a failure may come back unencrypted, so this"
                    + " answer was not trusted" + AlipayException.unknownOutcome(method));
        }
        AlipayResponse response = new AlipayResponse(method, root, fields,
                (JsonObject) GatewayText.shown(fields, secrets));
        requireSameOrder(response, expected);
        return response;
    }

    record Signed(String root, String content) {
    }

    /**
     * The signed content, cut as Alipay's Java SDK cuts it (alipay-gateway.md §7.2): the raw text of the
     * {@code <method>_response} value (else {@code error_response}) after the first occurrence of its name, by brace
     * matching outside string literals, or a quoted string (encrypted content) with its quotes. Null when there is
     * nothing to verify; BAD_SIGNATURE when the root name appears again after the content.
     */
    static Signed signedContent(String body, String method) throws AlipayException {
        String root = AlipayResponse.rootOf(method);
        if (body.indexOf(root) <= 0) {
            root = "error_response";
        }
        if (body.indexOf(root) <= 0 || body.indexOf("\"sign\"") < 0) {
            return null;
        }
        int begin = body.indexOf(root) + root.length() + 2;
        while (begin < body.length() && body.charAt(begin) != '{' && body.charAt(begin) != '"') {
            begin++;
        }
        if (begin >= body.length()) {
            return null;
        }
        int end = body.length(); // no matching end: the rest of the body (it will not verify)
        if (body.charAt(begin) == '"') { // encrypted content is plain Base64: the next quote closes it
            int close = body.indexOf('"', begin + 1);
            end = close < 0 ? end : close + 1;
        } else {
            int depth = 0;
            boolean inString = false;
            int backslashes = 0;
            for (int i = begin; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == '"' && backslashes % 2 == 0) {
                    inString = !inString;
                } else if (!inString && c == '{') {
                    depth++;
                } else if (!inString && c == '}' && --depth == 0) {
                    end = i + 1;
                    break;
                }
                backslashes = c == '\\' ? backslashes + 1 : 0;
            }
        }
        if (body.lastIndexOf(root) > end) {
            throw new AlipayException(Kind.BAD_SIGNATURE, "The response holds " + root
                    + " more than once; a duplicated response node is refused (signature check failed).");
        }
        return new Signed(root, body.substring(begin, end));
    }

    /** The text that verified: the content, else the content with every {@code \/} as {@code /}; null if neither. */
    private static String verifiedText(String content, String sign, PublicKey key, SignType type) {
        if (RsaSigner.verify(content, sign, key, type)) {
            return content;
        }
        String rewritten = content.replace("\\/", "/");
        return content.contains("\\/") && RsaSigner.verify(rewritten, sign, key, type) ? rewritten : null;
    }

    /**
     * The binding, on the verified values. A field the gateway left out is accepted, except on a success:
     * out_trade_no always, out_request_no for a refund query (else it may be a replay about another refund).
     */
    private static void requireSameOrder(AlipayResponse response, Expected expected) throws AlipayException {
        if (expected.outTradeNo() == null) {
            return; // not a trade method
        }
        String trade = response.field("out_trade_no");
        if (trade == null ? response.isSuccess() : !trade.equals(expected.outTradeNo())) {
            throw new AlipayException(Kind.WRONG_ORDER, "The verified answer to " + response.method()
                    + " is about another order (out_trade_no " + (trade == null ? "missing" : "differs")
                    + "): a signed answer about another order is a replay, so it was not trusted.");
        }
        String request = response.field("out_request_no");
        boolean requestRequired = expected.method().equals(GatewayClient.REFUND_QUERY);
        if (request == null ? requestRequired && response.isSuccess()
                : expected.outRequestNo() != null && !request.equals(expected.outRequestNo())) {
            throw new AlipayException(Kind.WRONG_ORDER, "The verified answer to " + response.method()
                    + " is not about this refund request (out_request_no " + (request == null ? "missing" : "differs")
                    + "): it may be a replayed answer about another refund, so it was not trusted.");
        }
    }

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
        return !keys.certificateMode() ? "AP_PUB_KEY"
                : certSn == null ? "the certificate of AP_ALIPAY_CERT_PATH" : "Alipay certificate " + certSn;
    }

    /** The answer object inside verified encrypted content (a JSON string, quotes included). */
    private static JsonObject decrypt(String quoted, ContentCipher cipher, String method, Keys keys)
            throws AlipayException {
        try {
            return cipher.decryptAnswer(((JsonString) JsonParser.parse(quoted)).value(), method);
        } catch (JsonException | ClassCastException e) {
            throw badSignature(method, "its signed encrypted content is not a JSON string", keys);
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
                    + GatewayText.unverifiedMessage(GatewayText.redact(e.getMessage(), secrets))
                    + "); is AP_GATEWAY_URL an Alipay gateway?");
        }
        throw new AlipayException(Kind.MALFORMED, what + " of " + method + " is not a JSON object.");
    }

    /** An unsigned failure: only what {@link GatewayText} lets through, labelled unverified. */
    private static AlipayException unsigned(String method, JsonObject answer, Keys keys, String... secrets) {
        String code = answer.string("code").orElse("");
        if (code.isEmpty() || code.equals(AlipayResponse.SUCCESS)) {
            return badSignature(method, "it claims success without a signature", keys);
        }
        String shownCode = GatewayText.unverifiedCode(code);
        String subCode = GatewayText.unverifiedCode(answer.string("sub_code").orElse(null));
        String message = GatewayText.unverifiedMessage(GatewayText.redact(
                answer.string("sub_msg").or(() -> answer.string("msg")).orElse(null), secrets));
        JsonObject shown = JsonObject.builder().putIfPresent("code", shownCode).putIfPresent("sub_code", subCode)
                .putIfPresent("sub_msg", message).build();
        String hint = hint(method, subCode, "");
        String text = "Alipay answered " + method + " with an unsigned failure (unverified): code "
                + (shownCode == null ? "(not shown: not a plain code)" : shownCode)
                + (subCode == null ? "" : ", sub_code " + subCode)
                + (message == null || message.isEmpty() ? "" : ", message (unverified) \"" + message + '"')
                + ". Unsigned answers cannot be verified; " + (hint != null ? hint + "." : "if this was a refund,"
                + " check it with a refund query before trying again with the same outRequestNo.");
        return new AlipayException(Kind.UNSIGNED_FAILURE, text, null, shown);
    }

    /**
     * How to fix a gateway failure a wrong setting causes (alipay-gateway.md §8), naming the variable; null for
     * other sub_codes. {@code evidence} (e.g. " (the gateway's answer: 40002 ...)") follows the diagnosis.
     */
    public static String hint(String method, String subCode, String evidence) {
        return switch (subCode == null ? "" : subCode) {
            case "isv.invalid-app-id" -> "AP_APP_ID: the gateway does not know this app" + evidence + "; check"
                    + " AP_APP_ID, and AP_CURRENT_ENV (a sandbox APPID needs sandbox, a real one prod)";
            case "isv.invalid-signature", "isv.missing-signature-key" -> "AP_APP_KEY: the gateway refused our"
                    + " signature" + evidence + "; AP_APP_KEY must be the private half of the app public key uploaded"
                    + " to the Alipay console for this AP_APP_ID (upload it again, or paste the matching private"
                    + " key), and AP_ENCRYPTION_ALGO must match it";
            case "isv.invalid-timestamp" -> "the gateway refused our timestamp" + evidence + "; check this host's"
                    + " clock";
            case "isv.invalid-cloud-app-permission" -> "the Alipay console's MCP switch is off" + evidence + ": turn"
                    + " on 开启支付 MCP Server for the restricted key (受限密钥) whose private half is AP_APP_KEY";
            case "invalid-open-scene-api-permission", "isv.invalid-open-scene-api-permission" -> method + " is not"
                    + " allowed for the MCP scene" + evidence + ": in the Alipay console, tick the tools on the"
                    + " restricted key (受限密钥) and sign the products they need";
            case "aop.invalid-app-auth-token", "aop.app-auth-token-time-out", "aop.invalid-auth-token",
                    "aop.auth-token-time-out" -> "AP_INVOKE_AUTH_TOKEN is invalid or expired" + evidence + "; get a"
                    + " new app_auth_token";
            default -> null;
        };
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
