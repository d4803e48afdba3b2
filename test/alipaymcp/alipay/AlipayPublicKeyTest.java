package alipaymcp.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alipaymcp.alipay.KeyReader.KeyException;
import java.math.BigInteger;
import java.util.Base64;
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
                .hasMessageStartingWith("is truncated: it announces 290 bytes of key data but only 71 are there");
        assertThatThrownBy(() -> AlipayPublicKey.parse("MAMEAQA"))
                .hasMessageStartingWith("not an RSA public key in X.509 SubjectPublicKeyInfo form");
        assertThatThrownBy(() -> AlipayPublicKey.parse("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"))
                .hasMessageContaining("certificate");
    }

    @Test
    void jcaKey_whenTheJdkRefusesAWellFormedKeySaysHowToFix() throws Exception {
        byte[][] ne = jdkRefusedModulusAndExponent();
        byte[] rsa = KeyReader.tlv(KeyReader.SEQUENCE, ne[0], ne[1]);
        AlipayPublicKey key = AlipayPublicKey.parse(Base64.getEncoder().encodeToString(
                KeyReader.tlv(KeyReader.SEQUENCE, KeyReader.RSA_ALGORITHM, KeyReader.tlv(KeyReader.BIT_STRING, new byte[] {0}, rsa))));
        assertThatThrownBy(key::jcaKey).isInstanceOf(KeyException.class).hasMessage("the JDK refused the RSA public key"
                + " (InvalidKeySpecException); paste the Alipay public key exactly as the open platform shows it");
    }

    /**
     * INTEGER n and INTEGER e that the DER walk accepts but the JDK refuses: a 4096-bit modulus with a 65-bit
     * exponent (above 3072 bits the JDK allows 64 at most).
     */
    static byte[][] jdkRefusedModulusAndExponent() {
        return new byte[][] {KeyReader.tlv(KeyReader.INTEGER, BigInteger.ONE.shiftLeft(4095).setBit(0).toByteArray()),
            KeyReader.tlv(KeyReader.INTEGER, BigInteger.ONE.shiftLeft(64).setBit(0).toByteArray())};
    }
}
