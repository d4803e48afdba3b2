package alipaymcp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UrlRulesTest {
    @Test
    void isLoopback_acceptsLocalhostAnd127SlashEightAndIpv6One() {
        for (String host : List.of("localhost", "LOCALHOST", "127.0.0.1", "127.255.255.254", "127.0.0.01", "[::1]",
                "[0:0:0:0:0:0:0:1]", "[0000:0000:0000:0000:0000:0000:0000:0001]", "[::0:1]", "[0::1]")) {
            assertThat(UrlRules.isLoopback(host)).as(host).isTrue();
        }
    }

    @Test
    void isLoopback_refusesEverythingElseWithoutALookup() {
        for (String host : List.of("", "localhost.example.com", "127.0.0.1.example.com", "128.0.0.1", "10.0.0.1",
                "127.0.0", "127.0.0.256", "127.0.0.1.1", "127..0.1", "0x7f.0.0.1", "[::]", "[::2]", "[1::]",
                "[fe80::1]", "[::ffff:127.0.0.1]", "[0:0:0:0:0:0:0:0:1]", "[::1::]", "[:::1]", "::1", "[12345::1]",
                "example.com")) {
            assertThat(UrlRules.isLoopback(host)).as(host).isFalse();
        }
    }
}
