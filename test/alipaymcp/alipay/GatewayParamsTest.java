package alipaymcp.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayParamsTest {

    @Test
    void split_reproducesTheVectorPostUrlsAndBodies() throws Exception {
        AppPrivateKey key = AppPrivateKey.parse(Vectors.pkcs8());
        int n = 0;
        for (JsonObject v : Vectors.cases(Vectors.requestSigning(), "vectors")) {
            if (RequestVectors.isPage(v)) {
                continue;
            }
            Map<String, String> params = RequestVectors.params(v, key);
            assertThat(GatewayParams.url(Vectors.str(v, "gateway"), params).toString()).as(Vectors.str(v, "id"))
                    .isEqualTo(Vectors.str(v, "post_url"));
            assertThat(GatewayParams.body(params)).isEqualTo(Vectors.str(v, "post_body"));
            n++;
        }
        assertThat(n).isEqualTo(3);
    }

    @Test
    void appAuthToken_goesInTheUrl() {
        assertThat(GatewayParams.inUrl("app_auth_token")).isTrue();
        assertThat(GatewayParams.inUrl("biz_content")).isFalse();
        assertThat(GatewayParams.inUrl("x_open_scene")).isFalse();
    }
}
