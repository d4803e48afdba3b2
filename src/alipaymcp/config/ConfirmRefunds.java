package alipaymcp.config;

import java.util.Locale;

/** {@code AP_CONFIRM_REFUNDS}: when a person confirms a refund through MCP elicitation before it is sent. */
public enum ConfirmRefunds {
    /** Ask whenever the client can be asked (form-mode elicitation, revision 2025-06-18 or later); the default. */
    AUTO,
    /** Ask every time; refuse the refund when the client cannot be asked. */
    ALWAYS,
    /** Never ask (upstream's behaviour). */
    NEVER;

    /** The value as written in AP_CONFIRM_REFUNDS. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
