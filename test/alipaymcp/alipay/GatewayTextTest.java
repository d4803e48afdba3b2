package alipaymcp.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GatewayTextTest {

    @Test
    void redact_removesTokenAndSignValuesInBothForms() {
        assertThat(GatewayText.redact("a=1&app_auth_token=tok123&sign_type=RSA2&sign=abc+/=&b=2"))
                .isEqualTo("a=1&app_auth_token=[redacted]&sign_type=RSA2&sign=[redacted]&b=2");
        assertThat(GatewayText.redact("{\"sign\" : \"abc\\\"d\",\"app_auth_token\":\"t\"}"))
                .isEqualTo("{\"sign\" : \"[redacted]\",\"app_auth_token\":\"[redacted]\"}");
        assertThat(GatewayText.redact("design=ok resign=x")).isEqualTo("design=ok resign=x");
    }

    @Test
    void redact_removesGivenSecretsAndLongBase64Runs() {
        String sig = "A".repeat(300) + "==";
        assertThat(GatewayText.redact("x " + sig + " y")).isEqualTo("x [redacted] y");
        assertThat(GatewayText.redact("token 202504BBtoken here", "202504BBtoken")).isEqualTo("token [redacted] here");
        assertThat(GatewayText.redact("trade 2025041522001400000000000001 ok", (String) null))
                .isEqualTo("trade 2025041522001400000000000001 ok");
        assertThat(GatewayText.redact((String) null)).isNull();
    }

    @Test
    void unverifiedMessage_dropsWhatCouldJoinALinkOrAPair_thenRemovesLinks() {
        assertThat(GatewayText.unverifiedMessage("x\uD800[\uDC00y")).as("two halves around a bracket").isEqualTo("x??y");
        assertThat(GatewayText.unverifiedMessage("go to evil.example<>/pay now")).isEqualTo("go to (link removed) now");
        assertThat(GatewayText.unverifiedMessage("a\uDB40\uDC01b\uE000c\u0378d\u2028e"))
                .as("a tag character, private use, unassigned, a line separator").isEqualTo("a b c d e");
        assertThat(GatewayText.unverifiedMessage("交易不存在 \uD83D\uDE00")).as("a pair stays").isEqualTo("交易不存在 \uD83D\uDE00");
    }

    @Test
    void decode_usesTheCharsetOfTheContentType_utf8WhenAbsent() throws Exception {
        String text = "{\"alipay_trade_query_response\":{\"sub_msg\":\"交易不存在\"}}";
        byte[] gbk = text.getBytes(java.nio.charset.Charset.forName("GBK"));
        assertThat(GatewayText.decode(gbk, "application/json;charset=GBK", "alipay.trade.query"))
                .isEqualTo(text);
        assertThat(GatewayText.decode(gbk, "text/html; Charset=\"gbk\"; x=1", "alipay.trade.query"))
                .isEqualTo(text);
        byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(GatewayText.decode(utf8, null, "alipay.trade.query")).isEqualTo(text);
        assertThat(GatewayText.decode(utf8, "application/json", "alipay.trade.query")).isEqualTo(text);
        assertThatThrownBy(() -> GatewayText.decode(utf8, "application/json;charset=no-such-charset", "alipay.trade.query"))
                .isInstanceOfSatisfying(AlipayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(AlipayException.Kind.MALFORMED);
                    assertThat(e.outcomeUnknown()).isTrue();
                });
    }
}
