package alipaymcp.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignedParamsTest {

    @Test
    void build_reproducesEveryVectorInInsertionOrderWithBothKeyForms() throws Exception {
        for (String keyText : new String[] {Vectors.pkcs8(), Vectors.pkcs1()}) {
            AppPrivateKey key = AppPrivateKey.parse(keyText);
            for (JsonObject v : Vectors.cases(Vectors.requestSigning(), "vectors")) {
                Map<String, String> params = RequestVectors.params(v, key);
                assertThat(params).as(Vectors.str(v, "id"))
                        .containsExactlyEntriesOf(Vectors.stringMap(Vectors.obj(v, "params_in_insertion_order")));
            }
        }
    }
}
