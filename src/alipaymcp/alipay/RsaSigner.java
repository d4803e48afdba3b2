package alipaymcp.alipay;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * RSA PKCS#1 v1.5 signatures over the UTF-8 bytes of a text, in padded base64; the caller's {@link SignType}
 * picks the algorithm. A bad signature is {@code false}; an unusable key is a bug.
 */
public final class RsaSigner {
    private RsaSigner() {
    }

    public static String sign(String content, PrivateKey key, SignType type) {
        try {
            Signature signature = Signature.getInstance(type.jcaAlgorithm());
            signature.initSign(key);
            signature.update(content.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(type.jcaAlgorithm() + " signing failed (" + e.getClass().getSimpleName()
                    + "); the private key is not a usable RSA key", e);
        }
    }

    /** Never throws for bad input: false for a wrong, empty or non-base64 signature. */
    public static boolean verify(String content, String signBase64, PublicKey key, SignType type) {
        if (content == null || signBase64 == null || signBase64.isEmpty()) {
            return false;
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(signBase64);
        } catch (IllegalArgumentException e) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance(type.jcaAlgorithm());
            signature.initVerify(key);
            signature.update(content.getBytes(StandardCharsets.UTF_8));
            return signature.verify(raw);
        } catch (SignatureException e) {
            return false; // e.g. a signature of the wrong length
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("the public key is not a usable RSA key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(type.jcaAlgorithm() + " is not available in this JDK", e);
        }
    }

    /** The strings Alipay signs: parameters sorted by key, {@code k=v} joined by {@code &}, raw values. */
    public static final class SignContent {
        private SignContent() {
        }

        /** Request rule: every parameter except {@code sign}; null or empty keys and values are dropped. */
        public static String forRequest(Map<String, String> params) {
            return join(params, true);
        }

        /**
         * rsaCheckV1 drops {@code sign} and {@code sign_type}, V2 only {@code sign}; empty keys and values are dropped,
         * as alipay-sdk-java's getSignCheckContentV1/V2 do (a notification with {@code body=} is signed without it).
         */
        public static String forNotification(Map<String, String> params, boolean v2) {
            return join(params, v2);
        }

        private static String join(Map<String, String> params, boolean keepSignType) {
            TreeMap<String, String> sorted = new TreeMap<>();
            params.forEach((key, value) -> {
                if (key != null && !key.isEmpty() && value != null && !value.isEmpty() && !key.equals("sign")
                        && (keepSignType || !key.equals("sign_type"))) {
                    sorted.put(key, value);
                }
            });
            StringJoiner out = new StringJoiner("&");
            sorted.forEach((key, value) -> out.add(key + "=" + value));
            return out.toString();
        }
    }
}
