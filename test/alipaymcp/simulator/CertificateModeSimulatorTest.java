package alipaymcp.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.alipay.Certificates;
import alipaymcp.alipay.ContentCipher;
import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** The simulator with --cert --aes: its files, its checks, its rotation and download, its encryption. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the rotation changes the certificate: it runs last
class CertificateModeSimulatorTest {
    private static final String QUERY = TradeApi.QUERY;
    private Path dir;
    private GatewaySimulator sim;
    private SimClient client;
    private Map<String, String> env;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("cert-sim-test");
        sim = GatewaySimulator.start(SimulatorOptions.defaults().withKeysDir(dir.resolve("keys"))
                .withCertificateMode(true).withAes(true));
        client = new SimClient(sim);
        env = sim.serverEnvironment();
    }

    @AfterAll
    void stop() throws Exception {
        sim.close();
        try (var files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Test
    void files_areAMerchantsThreeCertificateFiles_withANonRsaRootFirst() throws Exception {
        assertThat(env).doesNotContainKey("AP_PUB_KEY").containsKeys("AP_APP_CERT_PATH", "AP_ALIPAY_CERT_PATH",
                "AP_ALIPAY_ROOT_CERT_PATH", "AP_ENCRYPT_KEY");
        assertThat(Path.of(env.get("AP_APP_CERT_PATH")).getFileName())
                .hasToString("appCertPublicKey_" + sim.appId() + ".crt");
        X509Certificate app = Certificates.read(read("AP_APP_CERT_PATH")).get(0);
        assertThat(Base64.getEncoder().encodeToString(app.getPublicKey().getEncoded())).isEqualTo(SimControl.appPublicKeyBase64(sim));
        List<X509Certificate> alipay = Certificates.read(read("AP_ALIPAY_CERT_PATH"));
        assertThat(alipay).hasSize(2);
        assertThat(Base64.getEncoder().encodeToString(alipay.get(0).getPublicKey().getEncoded()))
                .isEqualTo(SimulatorKeys.base64(sim.keys.platform().getPublic().getEncoded()));
        Certificates.Roots roots = Certificates.readRoots(read("AP_ALIPAY_ROOT_CERT_PATH"));
        assertThat(roots.anchors()).hasSize(2);
        assertThat(roots.anchors().get(0).getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(roots.rsaRoots()).hasSize(1);
    }

    @Test
    void requests_mustCarryBothSns_andAnswersNameTheCertificate() throws Exception {
        JsonObject missing = answer(client.postSigned(QUERY, "{\"out_trade_no\":\"X1\"}").body());
        assertThat(missing.string("sub_code")).hasValue("isv.missing-app-cert-sn");
        Map<String, String> wrongRoot = withSns();
        wrongRoot.put("alipay_root_cert_sn", "0".repeat(32));
        assertThat(answer(client.post(client.sign(wrongRoot)).body()).string("sub_code"))
                .hasValue("isv.alipay-root-cert-sn-not-match");
        String body = client.post(client.sign(withSns())).body();
        assertThat(body).contains(",\"alipay_cert_sn\":\"" + alipayCertSn() + "\",\"sign\":\"");
        assertThat(answer(body).string("sub_code")).hasValue("ACQ.TRADE_NOT_EXIST");
    }

    @Test
    @Order(Integer.MAX_VALUE) // after the unordered tests (Order.DEFAULT)
    void rotation_signsWithANewCertificate_thatTheDownloadServesWithItsIntermediate() throws Exception {
        HttpResponse<String> rotated = client.postForm(Faults.ROTATE_PATH, "");
        assertThat(rotated.statusCode()).isEqualTo(200);
        String sn = rotated.body().substring("ok: alipay_cert_sn ".length()).strip();
        assertThat(client.post(client.sign(withSns())).body()).contains("\"alipay_cert_sn\":\"" + sn + "\"");
        Map<String, String> download = withSns(GatewayHandler.CERT_DOWNLOAD, "{\"alipay_cert_sn\":\"" + sn + "\"}");
        download.remove("x_open_scene");
        JsonObject answer = answer(client.post(client.sign(download)).body());
        String pem = new String(Base64.getDecoder().decode(answer.string("alipay_cert_content").orElseThrow()),
                StandardCharsets.UTF_8);
        List<X509Certificate> chain = Certificates.read(pem);
        assertThat(chain).hasSize(2);
        assertThat(Certificates.sn(chain.get(0))).isEqualTo(sn);
        Map<String, String> unknown = withSns(GatewayHandler.CERT_DOWNLOAD, "{\"alipay_cert_sn\":\"" + "1".repeat(32)
                + "\"}");
        assertThat(answer(client.post(client.sign(unknown)).body()).string("code")).hasValue("40004");
        HttpResponse<String> forged = client.postForm(Faults.ROTATE_PATH, "forged=true");
        assertThat(forged.body()).endsWith("(forged chain)\n");
    }

    @Test
    void aes_decryptsRequests_encryptsAnswers_andAnswersUndecryptableOnesInPlaintext() throws Exception {
        ContentCipher cipher = ContentCipher.parse(env.get("AP_ENCRYPT_KEY"));
        Map<String, String> encrypted = withSns(QUERY, cipher.encrypt("{\"out_trade_no\":\"X2\"}"));
        encrypted.put("encrypt_type", "AES");
        String body = client.post(client.sign(encrypted)).body();
        String root = "\"alipay_trade_query_response\":\"";
        assertThat(body).contains(root);
        int start = body.indexOf(root) + root.length();
        JsonObject plain = (JsonObject) JsonParser.parse(cipher.decrypt(body.substring(start, body.indexOf('"', start))));
        assertThat(plain.string("sub_code")).hasValue("ACQ.TRADE_NOT_EXIST");

        Map<String, String> wrongKey = withSns(QUERY, ContentCipher.parse("aYA0GP8JEW+D7/UFaskCWA==")
                .encrypt("{\"out_trade_no\":\"X3\"}"));
        wrongKey.put("encrypt_type", "AES");
        assertThat(answer(client.post(client.sign(wrongKey)).body()).string("sub_code")).hasValue("isv.invalid-encrypt");
        Map<String, String> v2 = withSns(QUERY, "{\"out_trade_no\":\"X4\"}");
        v2.put("encrypt_type", "AES_V2");
        assertThat(answer(client.post(client.sign(v2)).body()).string("sub_code")).hasValue("isv.invalid-encrypt-type");
    }

    @Test
    void certificates_areValidNow() throws Exception {
        for (X509Certificate cert : Certificates.read(read("AP_ALIPAY_CERT_PATH"))) {
            cert.checkValidity(java.util.Date.from(Instant.now()));
        }
    }

    private Map<String, String> withSns() throws Exception {
        return withSns(QUERY, "{\"out_trade_no\":\"X5\"}");
    }

    private Map<String, String> withSns(String method, String bizContent) throws Exception {
        Map<String, String> params = client.params(method, bizContent);
        params.put("app_cert_sn", Certificates.sn(Certificates.read(read("AP_APP_CERT_PATH")).get(0)));
        params.put("alipay_root_cert_sn", Certificates.readRoots(read("AP_ALIPAY_ROOT_CERT_PATH")).sn());
        return params;
    }

    private String alipayCertSn() throws Exception {
        return Certificates.sn(Certificates.read(read("AP_ALIPAY_CERT_PATH")).get(0));
    }

    private String read(String variable) throws Exception {
        return Files.readString(Path.of(env.get(variable)), StandardCharsets.UTF_8);
    }

    /** The response object (unverified: these tests read the simulator's checks, not its signatures). */
    private static JsonObject answer(String body) throws Exception {
        JsonObject doc = (JsonObject) JsonParser.parse(body);
        for (String name : doc.members().keySet()) {
            if (name.endsWith("_response") && doc.get(name) instanceof JsonObject o) {
                return o;
            }
        }
        throw new AssertionError("no response object in " + body);
    }
}
