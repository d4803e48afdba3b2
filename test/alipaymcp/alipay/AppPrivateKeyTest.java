package alipaymcp.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alipaymcp.alipay.KeyReader.KeyException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AppPrivateKeyTest {

    @Test
    void parse_readsPkcs8AndPkcs1AsTheSameKey() throws Exception {
        AppPrivateKey p8 = AppPrivateKey.parse(Vectors.pkcs8());
        AppPrivateKey p1 = AppPrivateKey.parse(Vectors.pkcs1());
        assertThat(p8).hasToString("RSA private key (PKCS#8, 2048 bits)");
        assertThat(p1).hasToString("RSA private key (PKCS#1, 2048 bits)");
        AlipayPublicKey appPublic = AlipayPublicKey.parse(Vectors.appPublic());
        assertThat(appPublic.isPublicHalfOf(p8)).isTrue();
        assertThat(appPublic.isPublicHalfOf(p1)).isTrue();
        assertThat(((RSAPrivateCrtKey) p1.jcaKey()).getPublicExponent()).hasToString("65537");
    }

    @Test
    void parse_wrapsPkcs1IntoExactlyAlipaysPkcs8() throws Exception {
        byte[] wrapped = AppPrivateKey.parse(Vectors.pkcs1()).jcaKey().getEncoded();
        assertThat(wrapped).isEqualTo(Base64.getDecoder().decode(Vectors.pkcs8()));
    }

    @Test
    void parse_acceptsPemWithAnyLabelLineBreaksAndMissingPadding() throws Exception {
        String b64 = Vectors.pkcs1();
        StringBuilder pem = new StringBuilder("-----BEGIN RSA PRIVATE KEY-----\r\n");
        for (int i = 0; i < b64.length(); i += 64) {
            pem.append(b64, i, Math.min(b64.length(), i + 64)).append("\r\n");
        }
        pem.append("-----END RSA PRIVATE KEY-----\n");
        assertThat(AppPrivateKey.parse(pem.toString())).hasToString("RSA private key (PKCS#1, 2048 bits)");
        String oneLine = "-----BEGIN PRIVATE KEY----- " + Vectors.pkcs8() + " -----END PRIVATE KEY-----";
        assertThat(AppPrivateKey.parse(oneLine)).hasToString("RSA private key (PKCS#8, 2048 bits)");
        String escaped = "-----BEGIN PRIVATE KEY-----\\n" + Vectors.pkcs8() + "\\n-----END PRIVATE KEY-----";
        assertThat(AppPrivateKey.parse(escaped).bits()).isEqualTo(2048);
        String unpadded = Vectors.pkcs8().replace("=", "");
        assertThat(unpadded).isNotEqualTo(Vectors.pkcs8());
        assertThat(AppPrivateKey.parse("  " + unpadded + "\n").bits()).isEqualTo(2048);
    }

    @Test
    void parse_rejectsGarbageWithOffsetAndNoMaterial() {
        String truncated = Vectors.pkcs8().substring(0, 400);
        assertThatThrownBy(() -> AppPrivateKey.parse(truncated))
                .isInstanceOf(KeyException.class)
                .hasMessageStartingWith("is truncated: it announces 1213 bytes of key data but only 296 are there")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(truncated.substring(20, 40)));
        for (String header : new String[] {"MII=", "MIIB"}) { // cut inside the length header itself
            assertThatThrownBy(() -> AppPrivateKey.parse(header)).as(header)
                    .hasMessageStartingWith("is truncated: it ends inside its own length header; paste the whole key");
        }
        String cut = Vectors.pkcs8().substring(0, 401);
        assertThatThrownBy(() -> AppPrivateKey.parse(cut))
                .hasMessageStartingWith("ends in the middle of a base64 group: it looks truncated");
        String whole = "MAMCAQA"; // a whole SEQUENCE holding only INTEGER 0
        assertThatThrownBy(() -> AppPrivateKey.parse(whole))
                .hasMessageStartingWith("not an RSA private key in PKCS#8 or PKCS#1 form (DER parse failed at byte");
        assertThatThrownBy(() -> AppPrivateKey.parse("not a key!"))
                .hasMessage("character 10 is '!' (U+0021): remove it");
        assertThatThrownBy(() -> AppPrivateKey.parse("abcd"))
                .hasMessageStartingWith("does not look like a key: an RSA key is a DER SEQUENCE");
        assertThatThrownBy(() -> AppPrivateKey.parse("2021000000000001"))
                .hasMessageStartingWith("is 16 digits, which looks like an APPID, not a key");
        assertThatThrownBy(() -> AppPrivateKey.parse("   "))
                .hasMessageContaining("is empty");
        assertThatThrownBy(() -> AppPrivateKey.parse("MIIBIjAN"))
                .isInstanceOf(KeyException.class);
    }

    @Test
    void parse_skipsUnicodeWhitespaceButNotANoBreakSpace() throws Exception {
        String b64 = Vectors.pkcs8();
        String spaced = "\u3000" + b64.substring(0, 100) + "\u2028\t" + b64.substring(100) + "\u2029";
        assertThat(AppPrivateKey.parse(spaced).bits()).isEqualTo(2048);
        String noBreak = b64.substring(0, 100) + "\u00A0" + b64.substring(100);
        assertThatThrownBy(() -> AppPrivateKey.parse(noBreak))
                .hasMessage("character 101 is an invisible U+00A0 NO-BREAK SPACE: remove the space");
    }

    @Test
    void parse_rejectsANegativeOrEmptyNumberEvenAmongTheOnesItDoesNotKeep() {
        byte[] der = Base64.getDecoder().decode(Vectors.pkcs1());
        // PKCS#1: SEQUENCE { version, n, e, d, p, q, dp, dq, qinv }; d is INTEGER number 3 (from 0)
        for (int index : new int[] {1, 3, 8}) {
            int tag = integerTagOffset(der, index);
            byte[] negative = der.clone();
            negative[contentOffset(der, tag)] |= (byte) 0x80;
            assertThatThrownBy(() -> AppPrivateKey.parse(Base64.getEncoder().encodeToString(negative)))
                    .as("INTEGER %d made negative", index)
                    .hasMessage("not an RSA private key in PKCS#8 or PKCS#1 form (DER parse failed at byte " + tag + ")");
        }
    }

    @Test
    void parse_rejectsAnEmptyNumberAmongTheOnesItDoesNotKeep() {
        byte[] der = Base64.getDecoder().decode(Vectors.pkcs1());
        int tag = integerTagOffset(der, 3); // d
        int end = contentOffset(der, tag) + contentLength(der, tag);
        byte[] shorter = new byte[der.length - (end - tag) + 2];
        System.arraycopy(der, 0, shorter, 0, tag);
        shorter[tag] = 0x02; // INTEGER, length 0
        System.arraycopy(der, end, shorter, tag + 2, der.length - end);
        assertThat(der[1]).isEqualTo((byte) 0x82);
        int outer = shorter.length - 4;
        shorter[2] = (byte) (outer >> 8);
        shorter[3] = (byte) outer;
        assertThatThrownBy(() -> AppPrivateKey.parse(Base64.getEncoder().encodeToString(shorter)))
                .hasMessage("not an RSA private key in PKCS#8 or PKCS#1 form (DER parse failed at byte " + tag + ")");
    }

    /** Offset of the tag of the index-th element inside the outer SEQUENCE. */
    private static int integerTagOffset(byte[] der, int index) {
        int at = contentOffset(der, 0);
        for (int i = 0; i < index; i++) {
            at = contentOffset(der, at) + contentLength(der, at);
        }
        assertThat(der[at]).isEqualTo((byte) 0x02);
        return at;
    }

    private static int contentOffset(byte[] der, int tag) {
        int first = der[tag + 1] & 0xFF;
        return tag + 2 + (first < 0x80 ? 0 : first & 0x7F);
    }

    private static int contentLength(byte[] der, int tag) {
        int first = der[tag + 1] & 0xFF;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7F); i++) {
            length = (length << 8) | (der[tag + 2 + i] & 0xFF);
        }
        return length;
    }

    @Test
    void parse_rejectsAPublicKeyAndEncryptedKeys() {
        assertThatThrownBy(() -> AppPrivateKey.parse(Vectors.appPublic()))
                .hasMessageContaining("is a public key");
        assertThatThrownBy(() -> AppPrivateKey.parse("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n"
                + "-----END ENCRYPTED PRIVATE KEY-----"))
                .hasMessageContaining("encrypted");
    }

    @Test
    void parse_rejectsTrailingBytes() {
        byte[] der = Base64.getDecoder().decode(Vectors.pkcs8());
        byte[] longer = java.util.Arrays.copyOf(der, der.length + 2);
        assertThatThrownBy(() -> AppPrivateKey.parse(Base64.getEncoder().encodeToString(longer)))
                .hasMessageContaining("unexpected data after the key at byte " + der.length);
    }

    @Test
    void jcaKey_whenTheJdkRefusesAWellFormedKeySaysHowToFix() throws Exception {
        byte[][] ne = AlipayPublicKeyTest.jdkRefusedModulusAndExponent();
        byte[] zero = {KeyReader.INTEGER, 0x01, 0x00};
        byte[] one = {KeyReader.INTEGER, 0x01, 0x01};
        AppPrivateKey key = AppPrivateKey.parse(Base64.getEncoder().encodeToString(
                KeyReader.tlv(KeyReader.SEQUENCE, zero, ne[0], ne[1], one, one, one, one, one, one)));
        assertThat(key.toString()).startsWith("RSA private key (PKCS#1, ");
        assertThatThrownBy(key::jcaKey).isInstanceOf(KeyException.class).hasMessage("the JDK refused the RSA private"
                + " key (InvalidKeySpecException); re-export the key from Alipay's key tool");
    }

    @Test
    void jcaKey_isBuiltOnceAndToStringHasNoMaterial() throws Exception {
        AppPrivateKey key = AppPrivateKey.parse(Vectors.pkcs1());
        assertThat(key.jcaKey()).isSameAs(key.jcaKey());
        assertThat(key.jcaKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(key).hasToString("RSA private key (PKCS#1, 2048 bits)");
    }
}
