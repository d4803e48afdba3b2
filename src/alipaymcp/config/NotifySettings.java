package alipaymcp.config;

import alipaymcp.alipay.AlipayPublicKey;
import alipaymcp.alipay.SignType;
import java.util.Objects;

/** What {@code verify-notify} needs: never the private key. */
public record NotifySettings(String appId, AlipayPublicKey alipayPublicKey, SignType signType) {
    public NotifySettings {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(alipayPublicKey, "alipayPublicKey");
        Objects.requireNonNull(signType, "signType");
    }
}
