package alipaymcp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RulesTest {
    @Test
    void isLoopback_acceptsLocalhostAnd127SlashEightAndIpv6One() {
        for (String host : List.of("localhost", "LOCALHOST", "127.0.0.1", "127.255.255.254", "127.0.0.01", "[::1]",
                "[0:0:0:0:0:0:0:1]", "[0000:0000:0000:0000:0000:0000:0000:0001]", "[::0:1]", "[0::1]")) {
            assertThat(Rules.isLoopback(host)).as(host).isTrue();
        }
    }

    @Test
    void isLoopback_refusesEverythingElseWithoutALookup() {
        for (String host : List.of("", "localhost.example.com", "127.0.0.1.example.com", "128.0.0.1", "10.0.0.1",
                "127.0.0", "127.0.0.256", "127.0.0.1.1", "127..0.1", "0x7f.0.0.1", "[::]", "[::2]", "[1::]",
                "[fe80::1]", "[::ffff:127.0.0.1]", "[0:0:0:0:0:0:0:0:1]", "[::1::]", "[:::1]", "::1", "[12345::1]",
                "example.com")) {
            assertThat(Rules.isLoopback(host)).as(host).isFalse();
        }
    }

    @Test
    void gateway_refusesAPortOutside1To65535() throws Exception {
        for (String url : List.of("http://127.0.0.1:0/gateway.do", "http://127.0.0.1:65536/gateway.do",
                "https://openapi.alipay.com:70000/gateway.do")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Rules.gateway(url, null)).as(url)
                    .isInstanceOf(ConfigException.class).hasMessageContaining("AP_GATEWAY_URL has port")
                    .hasMessageContaining("must be 1 to 65535");
        }
        assertThat(Rules.gateway("http://127.0.0.1:65535/gateway.do", null).getPort()).isEqualTo(65535);
        assertThat(Rules.gateway("https://openapi.alipay.com/gateway.do", null).getPort()).isEqualTo(-1);
    }

    @Test
    void callback_refusesUserInfo() throws Exception {
        for (String name : List.of("AP_NOTIFY_URL", "AP_RETURN_URL")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Rules.callback(name,
                    "https://shop:s3cret@shop.example/alipay")).as(name).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(name + " must not carry user info (user:password@)")
                    .hasMessageNotContaining("s3cret");
            assertThat(Rules.callback(name, "https://shop.example/alipay?x=a@b")).isNotNull();
        }
    }

    @Test
    void configErrors_neverEchoAPieceOfTheToken() {
        String token = "202506BBtokenSECRET7f3a9c41d2e8";
        assertThat(ConfigException.scrub("got 'http://evil.example/202506BBtokenSECRET7...'", token))
                .isEqualTo("got 'http://evil.example/[redacted]...'");
        assertThat(ConfigException.scrub("AP_APP_ID x1d2e8 and 1d2e8 stay", token)).isEqualTo("AP_APP_ID x1d2e8 and 1d2e8 stay");
        assertThat(ConfigException.scrub("same", null)).isEqualTo("same");
    }
}
