package alipaymcp;

/** The text of {@code --help}: every command, option and environment variable. */
final class Help {
    private Help() {
    }

    static final String TEXT = """
            mcp-server-alipay %s: an MCP server on stdio with five Alipay payment tools
            (drop-in replacement for @alipay/mcp-server-alipay 1.4.0).

            Usage:
              java -jar mcp-server-alipay.jar                 serve MCP on stdin/stdout (configure with AP_* below)
              java -jar mcp-server-alipay.jar --simulator [--cert] [--aes]
                                                              serve MCP against the built-in gateway simulator,
                                                              with fresh keys; no Alipay account, no real money;
                                                              --cert: certificate mode, --aes: AES encryption;
                                                              logs to $HOME/mcp-server-alipay-simulator.log
              java -jar mcp-server-alipay.jar check [--offline]
                                                              prove the configuration before an agent needs it:
                                                              every start-up rule, then one signed query for an
                                                              order that cannot exist (no money moves); names the
                                                              variable to fix; exit 0 only when all holds
              java -jar mcp-server-alipay.jar --simulator [--cert] [--aes] check
                                                              the same against the built-in simulator
              java -jar mcp-server-alipay.jar simulator [--port N] [--keys DIR] [--notify-delay-ms N] [--cert] [--aes]
                                                              run the gateway simulator alone (see simulator --help)
              java -jar mcp-server-alipay.jar verify-notify [--v2]
                                                              verify an Alipay async notification (form body on
                                                              stdin); needs only AP_PUB_KEY (or AP_ALIPAY_CERT_PATH)
                                                              and AP_APP_ID; exit 0 only when valid
              java -jar mcp-server-alipay.jar --version | --help

            Environment (empty means unset):
              AP_APP_ID             required  your application's APPID
              AP_APP_KEY            required  application private key: PKCS#8 or PKCS#1, PEM or bare base64
              AP_PUB_KEY            required  the Alipay public key (not your app's public key), unless
                                              certificate mode: then unset, and set all three of
              AP_APP_CERT_PATH                appCertPublicKey_<APPID>.crt (certificate mode)
              AP_ALIPAY_CERT_PATH             alipayCertPublicKey_RSA2.crt (certificate mode)
              AP_ALIPAY_ROOT_CERT_PATH        alipayRootCert.crt (certificate mode)
              AP_ENCRYPT_KEY                  the AES key (接口内容加密): encrypts the API calls' biz_content
              AP_RETURN_URL                   browser return URL sent with payment links
              AP_NOTIFY_URL                   async notification URL sent with payment links
              AP_ENCRYPTION_ALGO              RSA2 (default, SHA256withRSA) or RSA (SHA1withRSA)
              AP_CURRENT_ENV                  prod (default) or sandbox
              AP_SELECT_TOOLS                 all (default) or a comma list of tool names or short names:
                                              mobilePay, webPagePay, queryPay, refundPay, refundQuery
              AP_LOG_ENABLED                  true (default: $HOME/mcp-server-alipay.log, owner-only) or false
              AP_INVOKE_AUTH_TOKEN            ISV app_auth_token, sent on every call
              AP_GATEWAY_URL                  use this gateway instead (https, or http on a loopback address)
              AP_TIMEOUT_MS                   gateway request timeout in ms, 100..300000 (default 15000)
              AP_MAX_REFUND_AMOUNT            refuse any single refund above this amount (default: no limit)
              AP_CONFIRM_REFUNDS              auto (default: a person confirms each refund when the client
                                              can ask), always (refuse refunds when it cannot) or never

            Values are accepted in any letter case (Sandbox, FALSE, rsa2, mobilepay). Configuration errors stop
            the server with one line each on stderr (all of them at once) and exit status 78; so does an AP_* name
            that looks like a typo of one of these (AP_SELECT_TOOL: did you mean AP_SELECT_TOOLS?). Other unknown
            AP_* names get a one-line warning.
            """.formatted(Main.VERSION);
}
