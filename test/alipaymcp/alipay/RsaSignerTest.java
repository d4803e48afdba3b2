package alipaymcp.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.json.JsonValue.JsonObject;
import java.security.PublicKey;
import org.junit.jupiter.api.Test;

class RsaSignerTest {

    @Test
    void sign_reproducesEveryRequestVectorWithBothKeyForms() throws Exception {
        JsonObject file = Vectors.requestSigning();
        AppPrivateKey p8 = AppPrivateKey.parse(Vectors.pkcs8());
        AppPrivateKey p1 = AppPrivateKey.parse(Vectors.pkcs1());
        PublicKey pub = AlipayPublicKey.parse(Vectors.appPublic()).jcaKey();
        int n = 0;
        for (JsonObject v : Vectors.cases(file, "vectors")) {
            SignType type = SignType.valueOf(Vectors.str(v, "sign_type"));
            String content = Vectors.str(v, "sign_string");
            String expected = Vectors.str(v, "sign");
            assertThat(RsaSigner.sign(content, p8.jcaKey(), type)).as(Vectors.str(v, "id")).isEqualTo(expected);
            assertThat(RsaSigner.sign(content, p1.jcaKey(), type)).as(Vectors.str(v, "id")).isEqualTo(expected);
            assertThat(RsaSigner.verify(content, expected, pub, type)).isTrue();
            n++;
        }
        assertThat(n).isEqualTo(6);
    }

    @Test
    void verify_isFalseForBadInputAndTheOtherAlgorithm() throws Exception {
        JsonObject v = Vectors.cases(Vectors.requestSigning(), "vectors").get(0);
        PublicKey pub = AlipayPublicKey.parse(Vectors.appPublic()).jcaKey();
        String content = Vectors.str(v, "sign_string");
        String sign = Vectors.str(v, "sign");
        assertThat(RsaSigner.verify(content, sign, pub, SignType.RSA)).isFalse();
        assertThat(RsaSigner.verify(content + " ", sign, pub, SignType.RSA2)).isFalse();
        assertThat(RsaSigner.verify(content, "wrong-sing", pub, SignType.RSA2)).isFalse();
        assertThat(RsaSigner.verify(content, "AAAA", pub, SignType.RSA2)).isFalse();
        assertThat(RsaSigner.verify(content, "", pub, SignType.RSA2)).isFalse();
        assertThat(RsaSigner.verify(content, null, pub, SignType.RSA2)).isFalse();
    }
}
