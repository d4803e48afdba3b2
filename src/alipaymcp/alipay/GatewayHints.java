package alipaymcp.alipay;

/** What to do about the gateway failures a misconfiguration causes (alipay-gateway.md §8). */
final class GatewayHints {
    private GatewayHints() {
    }

    static String forSubCode(String subCode) {
        return switch (subCode) {
            case "isv.invalid-app-id" -> "check AP_APP_ID and AP_CURRENT_ENV (a sandbox app id only works on the"
                    + " sandbox gateway).";
            case "isv.invalid-signature", "isv.missing-signature-key" -> "the gateway could not verify our"
                    + " signature: AP_APP_KEY must be the private key whose public key (应用公钥) is uploaded for this"
                    + " app, and AP_ENCRYPTION_ALGO must match it.";
            case "isv.invalid-timestamp" -> "check this host's clock.";
            case "isv.invalid-cloud-app-permission", "isv.invalid-open-scene-api-permission" -> "enable the MCP"
                    + " server switch and this API on the app's restricted key (受限密钥) in the open platform.";
            case "aop.invalid-app-auth-token", "aop.app-auth-token-time-out", "aop.invalid-auth-token",
                    "aop.auth-token-time-out" -> "AP_INVOKE_AUTH_TOKEN is invalid or expired; get a new"
                    + " app_auth_token.";
            default -> "if this was a refund, check it with a refund query before trying again with the same"
                    + " outRequestNo.";
        };
    }
}
