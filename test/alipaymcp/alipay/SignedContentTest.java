package alipaymcp.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alipaymcp.json.JsonValue.JsonObject;
import org.junit.jupiter.api.Test;

class SignedContentTest {

    @Test
    void extract_passesEveryExtractionVector() throws Exception {
        int n = 0;
        for (JsonObject v : Vectors.cases(Vectors.load("sign-content-extraction.json"), "cases")) {
            String body = Vectors.str(v, "body");
            String method = Vectors.str(v, "method");
            String id = Vectors.str(v, "id");
            if (v.has("expected_error")) {
                assertThatThrownBy(() -> ResponseVerifier.signedContent(body, method)).as(id)
                        .isInstanceOf(AlipayException.class)
                        .hasMessageContaining("alipay_trade_query_response more than once")
                        .satisfies(e -> assertThat(((AlipayException) e).kind())
                                .isEqualTo(AlipayException.Kind.BAD_SIGNATURE));
            } else {
                ResponseVerifier.Signed source = ResponseVerifier.signedContent(body, method);
                String expected = Vectors.str(v, "expected_sign_content");
                if (expected == null) {
                    assertThat(source).as(id).isNull();
                } else {
                    assertThat(source.content()).as(id).isEqualTo(expected);
                    if (v.has("expected_root")) {
                        assertThat(source.root()).isEqualTo(Vectors.str(v, "expected_root"));
                    }
                }
            }
            n++;
        }
        assertThat(n).isEqualTo(11);
    }

    @Test
    void extract_alsoAgreesOnTheResponseSignatureVectors() throws Exception {
        for (JsonObject v : Vectors.cases(Vectors.load("response-signature.json"), "cases")) {
            ResponseVerifier.Signed source = ResponseVerifier.signedContent(Vectors.str(v, "body"), Vectors.str(v, "method"));
            String expected = Vectors.str(v, "expected_sign_content");
            assertThat(source == null ? null : source.content()).as(Vectors.str(v, "id")).isEqualTo(expected);
        }
    }

    @Test
    void extract_handlesNestedObjectsAndBackslashRuns() throws Exception {
        String body = "{\"alipay_trade_query_response\":{\"a\":{\"b\":{}},\"c\":\"\\\\\\\"}\"},\"sign\":\"x\"}";
        assertThat(ResponseVerifier.signedContent(body, "alipay.trade.query").content())
                .isEqualTo("{\"a\":{\"b\":{}},\"c\":\"\\\\\\\"}\"}");
    }
}
