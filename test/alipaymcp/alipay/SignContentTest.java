package alipaymcp.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.alipay.RsaSigner.SignContent;
import alipaymcp.json.JsonValue.JsonObject;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

class SignContentTest {

    @Test
    void forRequest_reproducesEveryVectorSignString() {
        for (JsonObject v : Vectors.cases(Vectors.requestSigning(), "vectors")) {
            LinkedHashMap<String, String> params = Vectors.stringMap(Vectors.obj(v, "params_in_insertion_order"));
            assertThat(SignContent.forRequest(params)).as(Vectors.str(v, "id")).isEqualTo(Vectors.str(v, "sign_string"));
        }
    }

    @Test
    void forRequest_dropsSignAndEmptyValuesButKeepsSignType() {
        LinkedHashMap<String, String> params = new LinkedHashMap<>();
        params.put("sign", "x");
        params.put("return_url", "");
        params.put("b", "2");
        params.put("sign_type", "RSA2");
        params.put("a", "1=&");
        assertThat(SignContent.forRequest(params)).isEqualTo("a=1=&&b=2&sign_type=RSA2");
    }

    @Test
    void forNotification_matchesV1AndV2VectorStrings() {
        for (JsonObject v : Vectors.cases(Vectors.load("notification.json"), "cases")) {
            LinkedHashMap<String, String> params = Vectors.stringMap(Vectors.obj(v, "params"));
            assertThat(SignContent.forNotification(params, false)).isEqualTo(Vectors.str(v, "v1_content"));
            assertThat(SignContent.forNotification(params, true)).isEqualTo(Vectors.str(v, "v2_content"));
        }
    }

    @Test
    void forNotification_dropsEmptyValues_asTheJavaSdkDoes() {
        LinkedHashMap<String, String> params = new LinkedHashMap<>();
        params.put("sign_type", "RSA2");
        params.put("body", "");
        params.put("sign", "x");
        params.put("a", "1");
        params.put("passback_params", "");
        assertThat(SignContent.forNotification(params, false)).isEqualTo("a=1");
        assertThat(SignContent.forNotification(params, true)).isEqualTo("a=1&sign_type=RSA2");
    }
}
