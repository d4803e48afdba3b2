package alipaymcp.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.alipay.GatewayClient.RequestSettings;
import alipaymcp.alipay.SignedRequest.BizContent;
import alipaymcp.json.JsonValue.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** The one request builder: signed parameters, timestamps, POST URL and body, page URLs. */
class SignedRequestTest {
    private static final String PROD = "https://openapi.alipay.com/gateway.do";

    @Test
    void params_reproduceEveryVectorInInsertionOrderWithBothKeyForms() throws Exception {
        for (String keyText : new String[] {Vectors.pkcs8(), Vectors.pkcs1()}) {
            AppPrivateKey key = AppPrivateKey.parse(keyText);
            for (JsonObject v : Vectors.cases(Vectors.requestSigning(), "vectors")) {
                Map<String, String> params = RequestVectors.request(v, key).params();
                assertThat(params).as(Vectors.str(v, "id"))
                        .containsExactlyEntriesOf(Vectors.stringMap(Vectors.obj(v, "params_in_insertion_order")));
            }
        }
    }

    @Test
    void timestamp_isChinaTimeWhateverTheHostZone() {
        TimeZone saved = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
            assertThat(SignedRequest.timestamp(Instant.parse("2025-04-15T02:00:00Z"))).isEqualTo("2025-04-15 10:00:00");
            assertThat(SignedRequest.timestamp(Instant.parse("2024-12-31T16:05:09Z"))).isEqualTo("2025-01-01 00:05:09");
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void postUriAndBody_reproduceTheVectorPostUrlsAndBodies() throws Exception {
        AppPrivateKey key = AppPrivateKey.parse(Vectors.pkcs8());
        int n = 0;
        for (JsonObject v : Vectors.cases(Vectors.requestSigning(), "vectors")) {
            if (RequestVectors.isPage(v)) {
                continue;
            }
            SignedRequest request = RequestVectors.request(v, key);
            assertThat(request.postUri(Vectors.str(v, "gateway")).toString()).as(Vectors.str(v, "id"))
                    .isEqualTo(Vectors.str(v, "post_url"));
            assertThat(request.formBody()).isEqualTo(Vectors.str(v, "post_body"));
            n++;
        }
        assertThat(n).isEqualTo(3);
    }

    @Test
    void appAuthToken_goesInTheUrl() {
        assertThat(SignedRequest.inUrl("app_auth_token")).isTrue();
        assertThat(SignedRequest.inUrl("biz_content")).isFalse();
        assertThat(SignedRequest.inUrl("x_open_scene")).isFalse();
    }

    @Test
    void pageUrl_reproducesTheVectorUrlsAndToolTextsByteForByte() throws Exception {
        AppPrivateKey key = AppPrivateKey.parse(Vectors.pkcs1());
        int n = 0;
        for (JsonObject v : Vectors.cases(Vectors.requestSigning(), "vectors")) {
            if (!RequestVectors.isPage(v)) {
                continue;
            }
            String url = RequestVectors.request(v, key).pageUrl(Vectors.str(v, "gateway"));
            assertThat(url).as(Vectors.str(v, "id")).isEqualTo(Vectors.str(v, "url"));
            String label = Vectors.str(v, "tool").equals("create-mobile-alipay-payment") ? "支付链接" : "网页支付链接";
            assertThat(label + ": [点击完成支付](" + url + ")").isEqualTo(Vectors.str(v, "tool_text"));
            n++;
        }
        assertThat(n).isEqualTo(3);
    }

    @Test
    void pageUrl_escapesCharactersThatWouldBreakAMarkdownLink() throws Exception {
        String url = url("a) [x](y) !'*~ b");
        String tail = url.substring(url.indexOf("&biz_content="));
        assertThat(tail).doesNotContain("(", ")", "!", "'", "*", "~", " ", "+")
                .contains("a%29%20%5Bx%5D%28y%29%20%21%27%2A%7E%20b");
    }

    @Test
    void decoding_givesBackExactlyTheSignedParamsForRandomTitles() throws Exception {
        AppPrivateKey key = AppPrivateKey.parse(Vectors.pkcs8());
        Random random = new Random(42);
        String alphabet = " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~azAZ09订单€😀\u00e9";
        for (int round = 0; round < 200; round++) {
            StringBuilder title = new StringBuilder();
            int length = 1 + random.nextInt(20);
            while (title.length() < length) {
                int cp = alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                        random.nextInt(alphabet.codePointCount(0, alphabet.length()))));
                title.appendCodePoint(cp);
            }
            SignedRequest request = SignedRequest.page("alipay.trade.wap.pay", settings(),
                    BizContent.payment("T" + round, new BigDecimal("19.99"), title.toString(), BizContent.WAP_PRODUCT,
                            "mcp_x"),
                    Instant.EPOCH, key.jcaKey());
            Map<String, String> params = request.params();
            String url = request.pageUrl(PROD);
            assertThat(url).doesNotContain(" ", "(", ")");
            assertThat(FormCodec.decode(url.substring(PROD.length() + 1))).containsExactlyInAnyOrderEntriesOf(params);
        }
    }

    private static RequestSettings settings() {
        return new RequestSettings("2021000000000000", SignType.RSA2, "tok", "https://n.example/a", null,
                "mcp-server-alipay-java-0.1.0", "mcp_0.1.0", null, null);
    }

    private static String url(String title) throws Exception {
        AppPrivateKey key = AppPrivateKey.parse(Vectors.pkcs8());
        return SignedRequest.page("alipay.trade.page.pay", settings(),
                BizContent.payment("T", BigDecimal.TEN, title, BizContent.PAGE_PRODUCT, "mcp_x"), Instant.EPOCH,
                key.jcaKey()).pageUrl(PROD);
    }
}
