package alipaymcp.alipay;

import java.util.Objects;

/**
 * What every request of this server carries besides its business content.
 *
 * @param appId         AP_APP_ID
 * @param signType      AP_ENCRYPTION_ALGO: signs requests and verifies responses
 * @param appAuthToken  AP_INVOKE_AUTH_TOKEN, sent as {@code app_auth_token}; null when unset
 * @param notifyUrl     AP_NOTIFY_URL, page calls only; null when unset
 * @param returnUrl     AP_RETURN_URL, page calls only; null when unset
 * @param alipaySdk     the {@code alipay_sdk} tag of page URLs, also our HTTP user-agent
 *                      ({@code mcp-server-alipay-java-<version>}; upstream sent {@code alipay-sdk-nodejs-4.0.0})
 * @param channelSource {@code extend_params.request_channel_source} ({@code mcp_<version>})
 * @param certificates  certificate mode (AP_APP_CERT_PATH and the two others): every request carries its SNs
 *                      and answers are verified by {@code alipay_cert_sn}; null in public-key mode
 * @param cipher        AP_ENCRYPT_KEY: the API calls' biz_content is encrypted; null when unset
 */
public record RequestSettings(String appId, SignType signType, String appAuthToken, String notifyUrl,
        String returnUrl, String alipaySdk, String channelSource, CertificateMode certificates,
        ContentCipher cipher) {

    /** Public-key mode, no content encryption. */
    public RequestSettings(String appId, SignType signType, String appAuthToken, String notifyUrl, String returnUrl,
            String alipaySdk, String channelSource) {
        this(appId, signType, appAuthToken, notifyUrl, returnUrl, alipaySdk, channelSource, null, null);
    }

    public RequestSettings {
        requireText(appId, "appId");
        Objects.requireNonNull(signType, "signType");
        requireText(alipaySdk, "alipaySdk");
        requireText(channelSource, "channelSource");
        appAuthToken = emptyToNull(appAuthToken);
        notifyUrl = emptyToNull(notifyUrl);
        returnUrl = emptyToNull(returnUrl);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "RequestSettings[appId=" + appId + ", signType=" + signType + ", appAuthToken="
                + (appAuthToken == null ? "unset" : "set") + ", notifyUrl=" + notifyUrl + ", returnUrl=" + returnUrl
                + ", alipaySdk=" + alipaySdk + ", channelSource=" + channelSource
                + ", mode=" + CertificateMode.describe(certificates) + ", encryption=" + ContentCipher.describe(cipher)
                + "]";
    }
}
