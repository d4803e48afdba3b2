package alipaymcp.config;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.chaos.McpProcess;
import alipaymcp.tools.ToolRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificate mode and AP_ENCRYPT_KEY at start: every refusal names the variable; expiry is a warning. */
class CertificateFilesTest {
    private static final Path PKI = Path.of(System.getProperty("repo.dir", "."), "test", "vectors", "cert-pki");
    private static final Clock VALID = Clock.fixed(Instant.parse("2027-06-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    static Map<String, String> certEnv(Path pki) {
        Map<String, String> env = new HashMap<>();
        env.put("AP_APP_ID", "2021000122671080");
        env.put("AP_APP_KEY", read(pki.resolve("app_private_pkcs8.txt")));
        env.put("AP_APP_CERT_PATH", pki.resolve("appCertPublicKey_2021000122671080.crt").toString());
        env.put("AP_ALIPAY_CERT_PATH", pki.resolve("alipayCertPublicKey_RSA2.crt").toString());
        env.put("AP_ALIPAY_ROOT_CERT_PATH", pki.resolve("alipayRootCert.crt").toString());
        env.put("HOME", "/home/merchant");
        return env;
    }

    @Test
    void load_certificateMode_takesTheSnsAndTheAlipayKeyFromTheThreeFiles() throws Exception {
        Config config = ConfigLoader.load(certEnv(PKI), ToolRegistry.NAMES, VALID);
        assertThat(config.certificates().appCertSn()).isEqualTo("048ea7e06b088a56a4cfe2d4ab8c9517");
        assertThat(config.certificates().rootCertSn())
                .isEqualTo("c59d3bf06c26863b05215c7e23129262_34d95069421690e69853cd30dc1d89ce");
        assertThat(config.certificates().alipayCertSn()).isEqualTo("00a1c257afc21011de4a556c435f870d");
        assertThat(java.util.Base64.getEncoder().encodeToString(config.certificates().localKey().getEncoded()))
                .isEqualTo(read(PKI.resolve("alipay_public.txt")));
        assertThat(config.keyMode())
                .startsWith("certificate mode (app_cert_sn 048ea7e06b088a56a4cfe2d4ab8c9517");
        assertThat(config.aesMode()).isEqualTo("AES off");
        assertThat(config.warnings()).isEmpty();
        assertThat(config.toString()).contains("keyMode=certificate mode", "encryption=AES off");
    }

    @Test
    void load_publicKeyModeIsTheDefault() throws Exception {
        Map<String, String> env = certEnv(PKI);
        env.remove("AP_APP_CERT_PATH");
        env.remove("AP_ALIPAY_CERT_PATH");
        env.remove("AP_ALIPAY_ROOT_CERT_PATH");
        env.put("AP_PUB_KEY", read(PKI.resolve("alipay_public.txt")));
        Config config = ConfigLoader.load(env, ToolRegistry.NAMES, VALID);
        assertThat(config.certificates()).isNull();
        assertThat(config.keyMode()).isEqualTo("public-key mode");
    }

    @Test
    void load_needsAllThreePathsOrNone_andAP_PUB_KEYUnset() {
        for (String name : new String[] {"AP_APP_CERT_PATH", "AP_ALIPAY_CERT_PATH", "AP_ALIPAY_ROOT_CERT_PATH"}) {
            Map<String, String> env = certEnv(PKI);
            env.put(name, "");
            assertThat(failure(env)).startsWith(name + " is not set: certificate mode needs all three");
        }
        Map<String, String> env = certEnv(PKI);
        env.put("AP_PUB_KEY", read(PKI.resolve("alipay_public.txt")));
        assertThat(failure(env)).startsWith("AP_PUB_KEY must be unset in certificate mode");
    }

    @Test
    void load_aCertificatePastedAsAP_PUB_KEY_pointsToCertificateMode() throws Exception {
        Map<String, String> env = certEnv(PKI);
        env.remove("AP_APP_CERT_PATH");
        env.remove("AP_ALIPAY_CERT_PATH");
        env.remove("AP_ALIPAY_ROOT_CERT_PATH");
        env.put("AP_PUB_KEY", read(PKI.resolve("alipayCertPublicKey_RSA2.crt")));
        assertThat(failure(env)).startsWith("AP_PUB_KEY is a certificate, not a key: in certificate mode")
                .contains("AP_ALIPAY_CERT_PATH");
    }

    @Test
    void load_refusesMissingUnreadableAndNonCertificateFiles() throws Exception {
        assertThat(failure(with("AP_APP_CERT_PATH", tmp.resolve("nope.crt").toString())))
                .startsWith("AP_APP_CERT_PATH names no file");
        assertThat(failure(with("AP_ALIPAY_CERT_PATH", tmp.toString())))
                .startsWith("AP_ALIPAY_CERT_PATH (" + tmp + ") cannot be read");
        assertThat(failure(with("AP_ALIPAY_ROOT_CERT_PATH", PKI.resolve("app_public.txt").toString())))
                .startsWith("AP_ALIPAY_ROOT_CERT_PATH (").contains("is not a certificate file");
        Path binary = Files.write(tmp.resolve("binary.crt"), new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1});
        assertThat(failure(with("AP_APP_CERT_PATH", binary.toString()))).startsWith("AP_APP_CERT_PATH (")
                .contains("is not a PEM certificate file");
    }

    @Test
    void load_refusesARootFileWithoutAnRsaRoot() throws Exception {
        String roots = read(PKI.resolve("alipayRootCert.crt"));
        Path ecdsaOnly = Files.writeString(tmp.resolve("root.crt"),
                roots.substring(0, roots.indexOf("-----END CERTIFICATE-----") + 25));
        assertThat(failure(with("AP_ALIPAY_ROOT_CERT_PATH", ecdsaOnly.toString())))
                .startsWith("AP_ALIPAY_ROOT_CERT_PATH (").contains("holds no RSA root certificate");
    }

    @Test
    void load_refusesAnAppCertificateOfAnotherKey_andAnAlipayFileNotStartingWithTheAlipayLeaf() {
        assertThat(failure(with("AP_APP_CERT_PATH",
                PKI.resolve("expired/appCertPublicKey_2021000122671080.crt").toString())))
                .startsWith("AP_APP_CERT_PATH is not the certificate of AP_APP_KEY");
        assertThat(failure(with("AP_ALIPAY_CERT_PATH", PKI.resolve("ca/class2.crt").toString())))
                .startsWith("AP_ALIPAY_CERT_PATH's first certificate is not the Alipay certificate (it is a CA");
        assertThat(failure(with("AP_ALIPAY_CERT_PATH",
                PKI.resolve("appCertPublicKey_2021000122671080.crt").toString())))
                .contains("(it is your app certificate)");
    }

    @Test
    void load_warnsWhenTheAlipayCertificateDoesNotChainToTheRootFile() throws Exception {
        Config config = ConfigLoader.load(with("AP_ALIPAY_ROOT_CERT_PATH",
                PKI.resolve("expired/alipayRootCert.crt").toString()), ToolRegistry.NAMES, VALID);
        assertThat(config.warnings()).containsExactly("AP_ALIPAY_CERT_PATH does not chain to a root of"
                + " AP_ALIPAY_ROOT_CERT_PATH (INVALID_SIGNATURE): check that both files were downloaded for this app"
                + " and environment (sandbox or production).");
    }

    @Test
    void load_warnsOfAnExpiredCertificate_andOfOneExpiringWithin30Days() throws Exception {
        Config expired = ConfigLoader.load(certEnv(PKI.resolve("expired")), ToolRegistry.NAMES, VALID);
        assertThat(expired.warnings()).anyMatch(w -> w.startsWith("AP_ALIPAY_CERT_PATH: the certificate")
                && w.contains("expired on 2025-12-05"));
        X509Certificate app = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                Files.newInputStream(PKI.resolve("appCertPublicKey_2021000122671080.crt")));
        Clock soon = Clock.fixed(app.getNotAfter().toInstant().minusSeconds(10 * 86_400), ZoneOffset.UTC);
        assertThat(ConfigLoader.load(certEnv(PKI), ToolRegistry.NAMES, soon).warnings())
                .anyMatch(w -> w.startsWith("AP_APP_CERT_PATH: the certificate") && w.contains("within 30 days"));
    }

    @Test
    void load_aesKey_isCheckedAndNeverShown() throws Exception {
        String key = read(PKI.resolve("aes_key.txt"));
        Config config = ConfigLoader.load(with("AP_ENCRYPT_KEY", key), ToolRegistry.NAMES, VALID);
        assertThat(config.aesMode()).isEqualTo("AES on (128-bit key)");
        assertThat(config.toString()).contains("encryption=AES on").doesNotContain(key);
        assertThat(failure(with("AP_ENCRYPT_KEY", "not base64!"))).startsWith("AP_ENCRYPT_KEY is not Base64");
        assertThat(failure(with("AP_ENCRYPT_KEY", "YWJj"))).startsWith("AP_ENCRYPT_KEY decodes to 3 bytes");
    }

    @Test
    void server_exits78_namingTheVariable_forACertificateModeError() throws Exception {
        Map<String, String> env = with("AP_ALIPAY_ROOT_CERT_PATH", tmp.resolve("missing.crt").toString());
        env.put("AP_LOG_ENABLED", "false");
        try (McpProcess server = McpProcess.launch(env)) {
            assertThat(server.finish()).isEqualTo(78);
            assertThat(server.stdout()).isEmpty();
            assertThat(String.join("\n", server.stderr())).contains("AP_ALIPAY_ROOT_CERT_PATH names no file");
        }
    }

    @Test
    void load_aBadAppKeyIsOneProblem_notAlsoAMismatchedAppCertificate() {
        try {
            ConfigLoader.load(with("AP_APP_KEY", "'abc'"), ToolRegistry.NAMES, VALID);
            throw new AssertionError("expected a ConfigException");
        } catch (ConfigException e) {
            assertThat(e.problems()).singleElement().asString().startsWith("AP_APP_KEY: character 1 is '\''");
        }
    }

    private static Map<String, String> with(String name, String value) {
        Map<String, String> env = certEnv(PKI);
        env.put(name, value);
        return env;
    }

    private static String failure(Map<String, String> env) {
        try {
            ConfigLoader.load(env, ToolRegistry.NAMES, VALID);
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a ConfigException");
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
