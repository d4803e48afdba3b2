package alipaymcp.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alipaymcp.alipay.KeyReader.KeyException;
import alipaymcp.json.JsonValue.JsonObject;
import java.security.cert.CertPathValidatorException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificatesTest {
    private static final JsonObject FILE = CertVectors.json("certificate-mode.json");

    @Test
    void sn_equalsEveryVectorByteForByte() throws Exception {
        List<JsonObject> cases = Vectors.cases(Vectors.obj(FILE, "sn"), "cases");
        for (JsonObject c : cases) {
            X509Certificate cert = CertVectors.first(Vectors.str(c, "file"));
            String id = Vectors.str(c, "id");
            assertThat(cert.getIssuerX500Principal().getName() + cert.getSerialNumber()).as(id)
                    .isEqualTo(Vectors.str(c, "md5_input"));
            assertThat(Certificates.sn(cert)).as(id).isEqualTo(Vectors.str(c, "sn"));
        }
        assertThat(cases).hasSize(8);
    }

    @Test
    void sn_keepsLeadingZeros() throws Exception {
        assertThat(Certificates.sn(CertVectors.first("cert-pki/appCertPublicKey_2021000122671080.crt")))
                .isEqualTo("048ea7e06b088a56a4cfe2d4ab8c9517");
        assertThat(Certificates.sn(CertVectors.first("cert-pki/alipayCertPublicKey_RSA2.crt")))
                .isEqualTo("00a1c257afc21011de4a556c435f870d");
    }

    @Test
    void rootSn_countsRsaRootsInFileOrder_andSkipsTheSm2RootOfTheRealBundle() throws Exception {
        List<JsonObject> cases = Vectors.cases(Vectors.obj(FILE, "root_sn"), "cases");
        for (JsonObject c : cases) {
            Certificates.Roots roots = Certificates.readRoots(CertVectors.text(Vectors.str(c, "file")));
            assertThat(roots.sn()).as(Vectors.str(c, "id")).isEqualTo(Vectors.str(c, "alipay_root_cert_sn"));
        }
        assertThat(cases).hasSize(3);
        Certificates.Roots real = Certificates.readRoots(CertVectors.text("cert-pki/real/alipayRootCert.crt"));
        assertThat(real.sn()).isEqualTo("687b59193f3f462dd5336e5abf83c5d8_02941eef3187dddf3d3b83462e1dfcf6");
        assertThat(real.rsaRoots()).hasSize(2);
        assertThat(real.anchors()).hasSize(3); // RSA R1, ECDSA E1, iTrus G3; the SM2 root is unreadable to the JDK
        List<byte[]> blocks = Certificates.pemBlocks(CertVectors.text("cert-pki/real/alipayRootCert.crt"));
        assertThat(Certificates.rsaSigned(blocks.get(0))).as("the SM2 root (1.2.156.10197.1.501)").isFalse();
        assertThat(blocks.stream().filter(der -> {
            try {
                return Certificates.rsaSigned(der);
            } catch (KeyException e) {
                throw new AssertionError(e);
            }
        })).hasSize(2);
    }

    @Test
    void rootSn_acceptsCrlfAndABlankLineAfterTheLastCertificate() throws Exception {
        JsonObject format = Vectors.obj(Vectors.obj(FILE, "root_sn"), "file_format");
        String text = CertVectors.text("cert-pki/alipayRootCert.crt");
        assertThat(Certificates.readRoots(text.replace("\n", "\r\n")).sn())
                .isEqualTo(Vectors.str(Vectors.obj(format, "crlf_line_endings"), "alipay_root_cert_sn"));
        assertThat(Certificates.readRoots(text + "\n").sn()).isEqualTo(Vectors.str(
                Vectors.obj(format, "blank_line_after_last_certificate"), "expected_for_our_client"));
    }

    @Test
    void readRoots_refusesABundleWithoutAnRsaRoot() throws Exception {
        String text = CertVectors.text("cert-pki/alipayRootCert.crt");
        String ecdsaOnly = text.substring(0, text.indexOf("-----END CERTIFICATE-----") + 25);
        assertThat(Certificates.rsaSigned(Certificates.pemBlocks(ecdsaOnly).get(0))).as("1.2.840.10045.4.3.2").isFalse();
        assertThatThrownBy(() -> Certificates.readRoots(ecdsaOnly)).isInstanceOf(KeyException.class)
                .hasMessageContaining("no RSA root certificate");
    }

    @Test
    void read_refusesTextThatIsNoCertificate() {
        assertThatThrownBy(() -> Certificates.read(CertVectors.text("cert-pki/app_public.txt")))
                .isInstanceOf(KeyException.class).hasMessageContaining("is not a certificate file");
        assertThatThrownBy(() -> Certificates.read("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"))
                .isInstanceOf(KeyException.class).hasMessageContaining("cannot read as an X.509 certificate");
        assertThatThrownBy(() -> Certificates.read("-----BEGIN CERTIFICATE-----\nMIIB"))
                .isInstanceOf(KeyException.class).hasMessageContaining("without -----END CERTIFICATE-----");
    }

    @Test
    void validate_acceptsTheNextAlipayChainAgainstTheRootFile() throws Exception {
        List<X509Certificate> chain = Certificates.read(CertVectors.text("cert-pki/alipayCertPublicKey_RSA2.next.crt"));
        Certificates.validate(chain, roots("cert-pki").anchors(), CertVectors.VALID.instant());
    }

    @Test
    void validate_refusesAnExpiredLeaf_aNotYetValidOne_andAChainToAnotherRoot() throws Exception {
        List<X509Certificate> expired = Certificates.read(
                CertVectors.text("cert-pki/expired/alipayCertPublicKey_RSA2.next.crt"));
        assertThatThrownBy(() -> Certificates.validate(expired, roots("cert-pki/expired").anchors(),
                CertVectors.VALID.instant())).isInstanceOfSatisfying(CertPathValidatorException.class,
                        e -> assertThat(e.getReason()).hasToString("EXPIRED"));
        List<X509Certificate> next = Certificates.read(CertVectors.text("cert-pki/alipayCertPublicKey_RSA2.next.crt"));
        assertThatThrownBy(() -> Certificates.validate(next, roots("cert-pki").anchors(),
                Instant.parse("2020-01-01T00:00:00Z"))).isInstanceOf(CertPathValidatorException.class);
        // the other PKI's roots carry the same names: the chain reaches one by name, and its signature fails
        assertThatThrownBy(() -> Certificates.validate(next, roots("cert-pki/expired").anchors(),
                CertVectors.VALID.instant())).isInstanceOfSatisfying(CertPathValidatorException.class,
                        e -> assertThat(e.getReason()).hasToString("INVALID_SIGNATURE"));
    }

    private static Certificates.Roots roots(String folder) throws KeyException {
        return Certificates.readRoots(CertVectors.text(folder + "/alipayRootCert.crt"));
    }
}
