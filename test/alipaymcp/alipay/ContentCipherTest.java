package alipaymcp.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alipaymcp.alipay.KeyReader.KeyException;
import alipaymcp.json.JsonValue.JsonObject;
import java.security.GeneralSecurityException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentCipherTest {
    private static final JsonObject FILE = CertVectors.json("aes.json");

    @Test
    void encryptAndDecrypt_equalEveryVectorByteForByte() throws Exception {
        List<JsonObject> cases = Vectors.cases(FILE, "encryption");
        for (JsonObject c : cases) {
            String key = c.has("key_base64") ? Vectors.str(c, "key_base64")
                    : Vectors.str(Vectors.obj(Vectors.obj(FILE, "keys"), "aes_key"), "base64");
            ContentCipher cipher = ContentCipher.parse(key);
            String id = Vectors.str(c, "id");
            assertThat(cipher.encrypt(Vectors.str(c, "plaintext"))).as(id).isEqualTo(Vectors.str(c, "ciphertext_base64"));
            assertThat(cipher.decrypt(Vectors.str(c, "ciphertext_base64"))).as(id).isEqualTo(Vectors.str(c, "plaintext"));
        }
        assertThat(cases).hasSize(4);
    }

    @Test
    void decrypt_withTheWrongKey_fails() throws Exception {
        JsonObject real = CertVectors.find(FILE, "encryption", "real-aes-set-response");
        ContentCipher wrong = ContentCipher.parse(Vectors.str(Vectors.obj(real, "wrong_key"), "key_base64"));
        assertThatThrownBy(() -> wrong.decrypt(Vectors.str(real, "ciphertext_base64")))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void parse_takesStrictBase64Of16_24Or32Bytes() throws Exception {
        assertThat(ContentCipher.parse("aYA0GP8JEW+D7/UFaskCWA==").bits()).isEqualTo(128);
        assertThat(ContentCipher.parse("aYA0GP8JEW+D7/UFaskCWA==\n").bits()).isEqualTo(128);
        assertThatThrownBy(() -> ContentCipher.parse("aYA0GP8JEW+D7/UF*skCWA==")).isInstanceOf(KeyException.class)
                .hasMessageContaining("not Base64");
        assertThatThrownBy(() -> ContentCipher.parse("aYA0GP8JEW+D7/UFaskC")).isInstanceOf(KeyException.class)
                .hasMessageContaining("15 bytes");
    }

    @Test
    void toString_neverShowsTheKey() throws Exception {
        assertThat(ContentCipher.parse("aYA0GP8JEW+D7/UFaskCWA==").toString()).isEqualTo("AES-128 (key redacted)");
    }
}
