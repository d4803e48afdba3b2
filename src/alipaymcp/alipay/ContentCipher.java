package alipaymcp.alipay;

import alipaymcp.alipay.AlipayException.Kind;
import alipaymcp.alipay.KeyReader.KeyException;
import alipaymcp.json.JsonException;
import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES content encryption (接口内容加密, cert-and-aes.md Part B) as every Alipay SDK does it, over UTF-8 text in
 * standard Base64. The all-zero IV makes it deterministic: that is Alipay's protocol, kept as it is.
 */
public final class ContentCipher {
    private static final String TRANSFORMATION = "AES/CBC/PKCS5Padding";
    private static final IvParameterSpec ZERO_IV = new IvParameterSpec(new byte[16]);

    private final SecretKeySpec key;

    private ContentCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The console's AES key: strict Base64 of 16, 24 or 32 bytes. */
    public static ContentCipher parse(String base64) throws KeyException {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new KeyException("is not Base64; paste the AES key (AES密钥) exactly as the open platform shows it"
                    + " under 开发设置 → 接口内容加密方式, e.g. 24 characters ending in ==");
        }
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new KeyException("decodes to " + key.length + " bytes, but an AES key has 16, 24 or 32; paste the"
                    + " AES key (AES密钥) from 开发设置 → 接口内容加密方式");
        }
        return new ContentCipher(key);
    }

    public String encrypt(String plaintext) {
        try {
            byte[] encrypted = cipher(Cipher.ENCRYPT_MODE).doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(encrypted);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot encrypt with " + TRANSFORMATION, e);
        }
    }

    /** A wrong key (almost always bad padding) or damaged ciphertext throws; text that is not Base64 too (IAE). */
    public String decrypt(String base64) throws GeneralSecurityException {
        byte[] plain = cipher(Cipher.DECRYPT_MODE).doFinal(Base64.getDecoder().decode(base64));
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(plain)).toString();
        } catch (CharacterCodingException e) {
            throw new GeneralSecurityException("the decrypted bytes are not UTF-8 text", e);
        }
    }

    private Cipher cipher(int mode) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, ZERO_IV);
        return cipher;
    }

    /** The answer object in a verified ciphertext; what does not decrypt names AP_ENCRYPT_KEY and never succeeds. */
    JsonObject decryptAnswer(String base64, String method) throws AlipayException {
        String plain;
        try {
            plain = decrypt(base64);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new AlipayException(Kind.UNDECRYPTABLE, "The response to " + method + " is signed by Alipay but"
                    + " does not decrypt with AP_ENCRYPT_KEY (" + e.getClass().getSimpleName() + "): check that"
                    + " AP_ENCRYPT_KEY is this app's current AES key (开发设置 → 接口内容加密方式). The answer was not"
                    + " trusted" + AlipayException.unknownOutcome(method));
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
                + " The answer was not trusted" + AlipayException.unknownOutcome(method));
    }

    public String describe() {
        return "AES on (" + bits() + "-bit key)";
    }

    public int bits() {
        return key.getEncoded().length * 8;
    }

    @Override
    public String toString() {
        return "AES-" + bits() + " (key redacted)";
    }
}
