package alipaymcp.config;

import java.net.URI;

/** {@code AP_CURRENT_ENV}: which Alipay gateway the server talks to when AP_GATEWAY_URL is not set. */
public enum Environment {
    PROD("prod", URI.create("https://openapi.alipay.com/gateway.do")),
    SANDBOX("sandbox", URI.create("https://openapi-sandbox.dl.alipaydev.com/gateway.do"));

    private final String value;
    private final URI gateway;

    Environment(String value, URI gateway) {
        this.value = value;
        this.gateway = gateway;
    }

    /** The documented value of AP_CURRENT_ENV. */
    public String value() {
        return value;
    }

    public URI gateway() {
        return gateway;
    }
}
