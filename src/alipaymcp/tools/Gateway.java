package alipaymcp.tools;

import alipaymcp.alipay.GatewayClient;
import alipaymcp.alipay.RequestSettings;
import alipaymcp.config.Config;
import java.time.Clock;

/**
 * The one gateway client of the process, shared by the five tools and built by the first call that needs it
 * (tests inject theirs, with upstream's tags and a fixed clock).
 */
final class Gateway {
    private final Config config;
    private final String version;
    private GatewayClient client; // guarded by this

    /** A client built later from the configuration; {@code version} names us in the request tags. */
    Gateway(Config config, String version) {
        this.config = config;
        this.version = version;
    }

    /** An already built client (tests inject upstream's tags and a fixed clock through it). */
    Gateway(GatewayClient client) {
        this.config = null;
        this.version = null;
        this.client = client;
    }

    synchronized GatewayClient client() {
        if (client == null) {
            RequestSettings settings = new RequestSettings(config.appId(), config.signType(), config.appAuthToken(),
                    config.notifyUrl(), config.returnUrl(), "mcp-server-alipay-java-" + version, "mcp_" + version,
                    config.certificates(), config.encryption());
            client = new GatewayClient(config.gatewayUrl(), settings, config.appKey(), config.alipayPublicKey(),
                    config.timeout(), Clock.systemUTC());
        }
        return client;
    }
}
