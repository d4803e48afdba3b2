package alipaymcp.alipay;

import static org.assertj.core.api.Assertions.assertThat;

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
}
