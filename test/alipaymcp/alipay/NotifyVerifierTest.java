package alipaymcp.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.alipay.KeyReader.KeyException;
import alipaymcp.json.JsonValue.JsonBoolean;
import alipaymcp.json.JsonValue.JsonObject;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

class NotifyVerifierTest {

    @Test
    void verify_passesEveryNotificationVectorInBothModes() throws Exception {
        JsonObject file = Vectors.load("notification.json");
        int n = 0;
        for (JsonObject v : Vectors.cases(file, "cases")) {
            AlipayPublicKey key = key(file, v);
            String appId = Vectors.obj(v, "params").string("app_id").orElseThrow();
            JsonObject expected = Vectors.obj(v, "expected");
            String body = Vectors.str(v, "form_body");
            NotifyVerifier.Verdict v1 = NotifyVerifier.verify(body, key, SignType.RSA2, appId, false);
            NotifyVerifier.Verdict v2 = NotifyVerifier.verify(body, key, SignType.RSA2, appId, true);
            assertThat(v1.valid()).as(Vectors.str(v, "id") + " V1 " + v1.reason())
                    .isEqualTo(expected.get("rsaCheckV1").equals(JsonBoolean.TRUE));
            assertThat(v2.valid()).as(Vectors.str(v, "id") + " V2 " + v2.reason())
                    .isEqualTo(expected.get("rsaCheckV2").equals(JsonBoolean.TRUE));
            assertThat(v1.params()).doesNotContainKey("sign").containsKey("sign_type");
            n++;
        }
        assertThat(n).isEqualTo(4);
    }

    @Test
    void verify_refusesAnotherAppIdAndAnotherOrMissingSignType() throws Exception {
        JsonObject file = Vectors.load("notification.json");
        JsonObject v = Vectors.cases(file, "cases").get(0);
        AlipayPublicKey key = key(file, v);
        String body = Vectors.str(v, "form_body");
        assertThat(NotifyVerifier.verify(body, key, SignType.RSA2, "2019073166072302", false).valid()).isTrue();
        assertThat(NotifyVerifier.verify(body, key, SignType.RSA2, "2021000000000000", false).reason())
                .contains("another app_id");
        assertThat(NotifyVerifier.verify(body, key, SignType.RSA, "2019073166072302", false).reason())
                .contains("sign_type is not RSA");
        LinkedHashMap<String, String> params = Vectors.stringMap(Vectors.obj(v, "params"));
        params.remove("sign_type");
        assertThat(NotifyVerifier.verify(FormCodec.encode(params), key, SignType.RSA2, "2019073166072302", false)
                .reason()).contains("no sign_type");
        NotifyVerifier.Verdict undecodable = NotifyVerifier.verify("a=%zz", key, SignType.RSA2, "x", false);
        assertThat(undecodable.valid()).isFalse();
        assertThat(undecodable.reason()).startsWith("the body is not a form-encoded notification: bad %-escape");
        assertThat(NotifyVerifier.verify("a=1", key, SignType.RSA2, "x", false).reason()).isEqualTo("it has no sign");
    }

    /**
     * alipay-sdk-java's getSignCheckContentV1/V2 skip empty values, so Alipay signs a notification carrying
     * {@code body=} and {@code passback_params=} without them: it must verify, V1 and V2.
     */
    @Test
    void verify_acceptsAGenuineNotificationWithEmptyValues_V1AndV2() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        java.security.KeyPair pair = generator.generateKeyPair();
        AlipayPublicKey key = AlipayPublicKey.parse(java.util.Base64.getEncoder()
                .encodeToString(pair.getPublic().getEncoded()));
        String v1Signed = "app_id=2021000000000001&out_trade_no=T-1&total_amount=9.99&trade_status=TRADE_SUCCESS";
        String v2Signed = "app_id=2021000000000001&out_trade_no=T-1&sign_type=RSA2&total_amount=9.99"
                + "&trade_status=TRADE_SUCCESS";
        for (boolean v2 : new boolean[] {false, true}) {
            String sign = RsaSigner.sign(v2 ? v2Signed : v1Signed, pair.getPrivate(), SignType.RSA2);
            String body = "app_id=2021000000000001&body=&out_trade_no=T-1&passback_params=&total_amount=9.99"
                    + "&trade_status=TRADE_SUCCESS&sign_type=RSA2&sign=" + java.net.URLEncoder.encode(sign,
                    java.nio.charset.StandardCharsets.UTF_8);
            NotifyVerifier.Verdict verdict = NotifyVerifier.verify(body, key, SignType.RSA2, "2021000000000001", v2);
            assertThat(verdict.valid()).as((v2 ? "V2 " : "V1 ") + verdict.reason()).isTrue();
            assertThat(verdict.params()).containsEntry("body", "").containsEntry("passback_params", "");
        }
    }

    private static AlipayPublicKey key(JsonObject file, JsonObject v) throws KeyException {
        return AlipayPublicKey.parse(Vectors.str(Vectors.obj(Vectors.obj(file, "keys"),
                Vectors.str(v, "alipay_public_key")), "spki_base64"));
    }
}
