package alipaymcp.config;

import alipaymcp.alipay.AlipayPublicKey;
import alipaymcp.alipay.AppPrivateKey;
import alipaymcp.alipay.CertificateMode;
import alipaymcp.alipay.ContentCipher;
import alipaymcp.alipay.SignType;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The validated settings of one server process, built only by {@link ConfigLoader}. {@link #toString()} never
 * shows the private key or the auth token.
 */
public record Config(
        String appId, // AP_APP_ID
        AppPrivateKey appKey, // AP_APP_KEY, checked structurally (the JCA key is built on first use)
        AlipayPublicKey alipayPublicKey, // AP_PUB_KEY, or in certificate mode the Alipay certificate's key
        SignType signType, // AP_ENCRYPTION_ALGO
        Environment environment, // AP_CURRENT_ENV
        URI gatewayUrl, // AP_GATEWAY_URL, or the environment's gateway
        String returnUrl, // AP_RETURN_URL, or null
        String notifyUrl, // AP_NOTIFY_URL, or null
        String appAuthToken, // AP_INVOKE_AUTH_TOKEN, or null (a secret)
        List<String> selectTools, // AP_SELECT_TOOLS items, trimmed; ["all"] by default (the tools package resolves)
        Path logFile, // $HOME/mcp-server-alipay.log when AP_LOG_ENABLED is true, else null
        Duration timeout, // AP_TIMEOUT_MS
        BigDecimal maxRefundAmount, // AP_MAX_REFUND_AMOUNT, or null for no limit
        ConfirmRefunds confirmRefunds, // AP_CONFIRM_REFUNDS
        CertificateMode certificates, // AP_APP_CERT_PATH, AP_ALIPAY_CERT_PATH, AP_ALIPAY_ROOT_CERT_PATH, or null
        ContentCipher encryption, // AP_ENCRYPT_KEY (AES content encryption), or null when unset (a secret)
        List<String> warnings) { // non-fatal remarks to print once on stderr at start

    public Config {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(alipayPublicKey, "alipayPublicKey");
        Objects.requireNonNull(signType, "signType");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(gatewayUrl, "gatewayUrl");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(confirmRefunds, "confirmRefunds");
        selectTools = List.copyOf(selectTools);
        warnings = List.copyOf(warnings);
    }

    /** {@code AP_CURRENT_ENV}: which Alipay gateway the server talks to when AP_GATEWAY_URL is not set. */
    public enum Environment {
        PROD, SANDBOX;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        public URI gateway() {
            return URI.create(this == PROD ? "https://openapi.alipay.com/gateway.do"
                    : "https://openapi-sandbox.dl.alipaydev.com/gateway.do");
        }
    }

    /**
     * {@code AP_CONFIRM_REFUNDS}: whether a person confirms a refund through MCP elicitation before it is sent:
     * whenever the client can be asked (form mode, revision 2025-06-18 or later; the default), every time (no
     * refund when the client cannot be asked), or never (upstream's behaviour).
     */
    public enum ConfirmRefunds { AUTO, ALWAYS, NEVER }

    /** The same settings writing the log to {@code file} instead (null: no log). */
    public Config withLogFile(Path file) {
        return new Config(appId, appKey, alipayPublicKey, signType, environment, gatewayUrl, returnUrl, notifyUrl,
                appAuthToken, selectTools, file, timeout, maxRefundAmount, confirmRefunds, certificates,
                encryption, warnings);
    }

    /** "certificate mode (app_cert_sn …, …)" or "public-key mode": the key setup in use, for reports. */
    public String keyMode() {
        return certificates == null ? "public-key mode" : certificates.describe();
    }

    /** "AES on (128-bit key)" or "AES off": whether the API calls encrypt biz_content (AP_ENCRYPT_KEY). */
    public String aesMode() {
        return encryption == null ? "AES off" : encryption.describe();
    }

    /** The settings as a log line would show them: ids and URLs in clear, secrets only as set / not set. */
    @Override
    public String toString() {
        return "Config[appId=" + appId + ", appKey=" + appKey
                + ", alipayPublicKey=RSA public key (" + alipayPublicKey.bits() + " bits)"
                + ", keyMode=" + keyMode() + ", encryption=" + aesMode()
                + ", signType=" + signType + ", environment=" + environment.value() + ", gatewayUrl=" + gatewayUrl
                + ", returnUrl=" + returnUrl + ", notifyUrl=" + notifyUrl
                + ", appAuthToken=" + (appAuthToken == null ? "not set" : "set (redacted)")
                + ", selectTools=" + String.join(",", selectTools) + ", logFile=" + logFile
                + ", timeoutMs=" + timeout.toMillis()
                + ", maxRefundAmount=" + (maxRefundAmount == null ? "no limit" : maxRefundAmount.toPlainString())
                + ", confirmRefunds=" + confirmRefunds.name().toLowerCase(Locale.ROOT) + "]";
    }
}
