package alipaymcp.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PagePayUrlTest {
    private static final String PROD = "https://openapi.alipay.com/gateway.do";

    @Test
    void build_reproducesTheVectorUrlsAndToolTextsByteForByte() throws Exception {
        AppPrivateKey key = AppPrivateKey.parse(Vectors.pkcs1());
        int n = 0;
        for (JsonObject v : Vectors.cases(Vectors.requestSigning(), "vectors")) {
            if (!RequestVectors.isPage(v)) {
                continue;
            }
            String url = PagePayUrl.build(Vectors.str(v, "gateway"), RequestVectors.params(v, key));
            assertThat(url).as(Vectors.str(v, "id")).isEqualTo(Vectors.str(v, "url"));
            String label = Vectors.str(v, "tool").equals("create-mobile-alipay-payment") ? "支付链接" : "网页支付链接";
            assertThat(label + ": [点击完成支付](" + url + ")").isEqualTo(Vectors.str(v, "tool_text"));
            n++;
        }
        assertThat(n).isEqualTo(3);
    }

    @Test
    void build_escapesCharactersThatWouldBreakAMarkdownLink() throws Exception {
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
            Map<String, String> params = SignedParams.page("alipay.trade.wap.pay", settings(),
                    BizContent.wapPay("T" + round, new BigDecimal("19.99"), title.toString(), "mcp_x"),
                    Instant.EPOCH, key.jcaKey());
            String url = PagePayUrl.build(PROD, params);
            assertThat(url).doesNotContain(" ", "(", ")");
            assertThat(FormCodec.decode(url.substring(PROD.length() + 1))).containsExactlyInAnyOrderEntriesOf(params);
        }
    }

    private static RequestSettings settings() {
        return new RequestSettings("2021000000000000", SignType.RSA2, "tok", "https://n.example/a", null,
                "mcp-server-alipay-java-0.1.0", "mcp_0.1.0");
    }

    private static String url(String title) throws Exception {
        AppPrivateKey key = AppPrivateKey.parse(Vectors.pkcs8());
        return PagePayUrl.build(PROD, SignedParams.page("alipay.trade.page.pay", settings(),
                BizContent.pagePay("T", BigDecimal.TEN, title, "mcp_x"), Instant.EPOCH, key.jcaKey()));
    }
}
