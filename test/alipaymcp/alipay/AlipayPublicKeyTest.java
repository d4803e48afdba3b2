package alipaymcp.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AlipayPublicKeyTest {

    @Test
    void parse_readsSpkiAndTellsTheAppsOwnKey() throws Exception {
        AlipayPublicKey own = AlipayPublicKey.parse(Vectors.appPublic());
        assertThat(own.bits()).isEqualTo(2048);
        assertThat(own.isPublicHalfOf(AppPrivateKey.parse(Vectors.pkcs1()))).isTrue();
        String real = Vectors.str(Vectors.obj(Vectors.obj(Vectors.load("response-signature.json"), "keys"),
                "alipay_public_key_real"), "spki_base64");
        AlipayPublicKey alipay = AlipayPublicKey.parse("-----BEGIN PUBLIC KEY-----\n" + real
                + "\n-----END PUBLIC KEY-----\n");
        assertThat(alipay.isPublicHalfOf(AppPrivateKey.parse(Vectors.pkcs8()))).isFalse();
        assertThat(alipay.jcaKey()).isSameAs(alipay.jcaKey());
        assertThat(alipay).hasToString("RSA public key (X.509, 2048 bits)");
    }

    @Test
    void parse_rejectsAPrivateKeyAndGarbage() {
        assertThatThrownBy(() -> AlipayPublicKey.parse(Vectors.pkcs8()))
                .isInstanceOf(KeyException.class).hasMessageContaining("private key");
        assertThatThrownBy(() -> AlipayPublicKey.parse(Vectors.appPublic().substring(0, 100)))
                .hasMessageStartingWith("not an RSA public key in X.509 SubjectPublicKeyInfo form (DER parse failed at byte");
        assertThatThrownBy(() -> AlipayPublicKey.parse("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"))
                .hasMessageContaining("certificate");
    }
}
