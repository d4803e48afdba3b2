package alipaymcp.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void redact_removesTokenAndSignValuesInBothForms() {
        assertThat(Redactor.redact("a=1&app_auth_token=tok123&sign_type=RSA2&sign=abc+/=&b=2"))
                .isEqualTo("a=1&app_auth_token=[redacted]&sign_type=RSA2&sign=[redacted]&b=2");
        assertThat(Redactor.redact("{\"sign\" : \"abc\\\"d\",\"app_auth_token\":\"t\"}"))
                .isEqualTo("{\"sign\" : \"[redacted]\",\"app_auth_token\":\"[redacted]\"}");
        assertThat(Redactor.redact("design=ok resign=x")).isEqualTo("design=ok resign=x");
    }

    @Test
    void redact_removesGivenSecretsAndLongBase64Runs() {
        String sig = "A".repeat(300) + "==";
        assertThat(Redactor.redact("x " + sig + " y")).isEqualTo("x [redacted] y");
        assertThat(Redactor.redact("token 202504BBtoken here", "202504BBtoken")).isEqualTo("token [redacted] here");
        assertThat(Redactor.redact("trade 2025041522001400000000000001 ok", (String) null))
                .isEqualTo("trade 2025041522001400000000000001 ok");
        assertThat(Redactor.redact((String) null)).isNull();
    }
}
