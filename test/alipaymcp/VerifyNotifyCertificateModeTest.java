package alipaymcp;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.alipay.AppPrivateKey;
import alipaymcp.alipay.FormCodec;
import alipaymcp.alipay.RsaSigner;
import alipaymcp.alipay.RsaSigner.SignContent;
import alipaymcp.alipay.SignType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** verify-notify in certificate mode: the key of AP_ALIPAY_CERT_PATH's first certificate, no AP_PUB_KEY. */
class VerifyNotifyCertificateModeTest {
    private static final Path PKI = Path.of(System.getProperty("repo.dir", "."), "test", "vectors", "cert-pki");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void verifyNotify_usesTheAlipayCertificatesKey() throws Exception {
        String body = notification("alipay_private_pkcs8.txt");
        assertThat(run(env(), body)).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("VALID (RSA2, V1)\n").contains("out_trade_no=N1");
    }

    @Test
    void verifyNotify_refusesANotificationSignedWithAnotherKey() throws Exception {
        assertThat(run(env(), notification("alipay_next_private_pkcs8.txt"))).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("INVALID: its signature does not verify")
                .contains("AP_ALIPAY_CERT_PATH");
    }

    @Test
    void verifyNotify_refusesBothAP_PUB_KEYAndACertificate() throws Exception {
        Map<String, String> env = env();
        env.put("AP_PUB_KEY", Files.readString(PKI.resolve("alipay_public.txt")).strip());
        assertThat(run(env, notification("alipay_private_pkcs8.txt"))).isEqualTo(78);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("AP_PUB_KEY must be unset in certificate mode");
    }

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("AP_APP_ID", "2021000122671080");
        env.put("AP_ALIPAY_CERT_PATH", PKI.resolve("alipayCertPublicKey_RSA2.crt").toString());
        return env;
    }

    /** A V1 payment notification signed with one of the PKI's Alipay private keys. */
    private static String notification(String keyFile) throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("notify_type", "trade_status_sync");
        params.put("app_id", "2021000122671080");
        params.put("out_trade_no", "N1");
        params.put("trade_status", "TRADE_SUCCESS");
        params.put("total_amount", "1.00");
        params.put("sign_type", "RSA2");
        AppPrivateKey key = AppPrivateKey.parse(Files.readString(PKI.resolve(keyFile)));
        params.put("sign", RsaSigner.sign(SignContent.forNotification(params, false), key.jcaKey(), SignType.RSA2));
        return FormCodec.encode(params);
    }

    private int run(Map<String, String> env, String body) {
        return VerifyNotifyCommand.run(new String[0], env, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), false,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
