package alipaymcp.config;

import alipaymcp.alipay.AlipayPublicKey;
import alipaymcp.alipay.AppPrivateKey;
import alipaymcp.alipay.ContentCipher;
import alipaymcp.alipay.KeyReader.KeyException;
import alipaymcp.alipay.SignType;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;

/**
 * The keys of the configuration: AP_APP_KEY, AP_PUB_KEY (or the Alipay certificate's key in certificate mode)
 * and AP_ENCRYPT_KEY, each parsed once with a message that names the variable, and the key-size rule.
 */
final class KeySettings {
    private KeySettings() {
    }

    /** {@code signType} is null when AP_ENCRYPTION_ALGO itself is wrong: the size check then waits for it. */
    static AppPrivateKey appKey(String text, SignType signType, List<String> warnings) throws ConfigException {
        AppPrivateKey key;
        try {
            key = AppPrivateKey.parse(text);
        } catch (KeyException e) {
            throw keyProblem("AP_APP_KEY", e);
        }
        if (signType != null) {
            checkSize("AP_APP_KEY", key.bits(), signType, warnings);
        }
        return key;
    }

    /** {@code appKey} and {@code signType} are null when their own variables are wrong. */
    static AlipayPublicKey alipayPublicKey(String text, AppPrivateKey appKey, SignType signType,
            List<String> warnings) throws ConfigException {
        AlipayPublicKey key = publicKey(text);
        if (appKey != null && key.isPublicHalfOf(appKey)) {
            throw new ConfigException("AP_PUB_KEY is your application's own public key (应用公钥), not the Alipay"
                    + " public key (支付宝公钥): copy the Alipay public key from the open platform instead.");
        }
        if (signType != null) {
            checkSize("AP_PUB_KEY", key.bits(), signType, warnings);
        }
        return key;
    }

    static AlipayPublicKey publicKey(String text) throws ConfigException {
        try {
            return AlipayPublicKey.parse(text);
        } catch (KeyException e) {
            throw keyProblem("AP_PUB_KEY", e);
        }
    }

    /** "AP_APP_KEY is truncated: ...", "AP_PUB_KEY: character 3 is ...": the key parser's words after the name. */
    private static ConfigException keyProblem(String name, KeyException e) {
        String message = e.getMessage();
        boolean sentence = message.startsWith("is ") || message.startsWith("has ") || message.startsWith("ends ")
                || message.startsWith("does ")
                || message.startsWith("holds ");
        return new ConfigException(name + (sentence ? " " : ": ") + message);
    }

    /** RSA2 needs 2048-bit keys or more; legacy RSA (SHA1) mode still accepts 1024 bits, with a warning. */
    static void checkSize(String name, int bits, SignType signType, List<String> warnings)
            throws ConfigException {
        if (bits >= 2048) {
            return;
        }
        if (signType == SignType.RSA && bits >= 1024) {
            warnings.add(name + " is a " + bits + "-bit key: accepted in legacy RSA mode, but generate a 2048-bit"
                    + " key and use RSA2 as soon as you can.");
            return;
        }
        throw new ConfigException(name + " is a " + bits + "-bit key: " + signType + " needs at least "
                + (signType == SignType.RSA2 ? 2048 : 1024) + " bits; generate a 2048-bit key pair.");
    }

    /** The Alipay certificate's key in the form AP_PUB_KEY takes (an X.509 SubjectPublicKeyInfo). */
    static AlipayPublicKey certificateKey(PublicKey key) throws ConfigException {
        try {
            return AlipayPublicKey.parse(Base64.getEncoder().encodeToString(key.getEncoded()));
        } catch (KeyException e) {
            throw new ConfigException(CertificateFiles.ALIPAY_CERT + ": its certificate's key " + e.getMessage());
        }
    }

    /** AP_ENCRYPT_KEY: AES content encryption of the API calls, or null when unset. */
    static ContentCipher encryptKey(String value) throws ConfigException {
        if (value == null) {
            return null;
        }
        try {
            return ContentCipher.parse(value);
        } catch (KeyException e) {
            throw new ConfigException("AP_ENCRYPT_KEY " + e.getMessage() + ".");
        }
    }
}
