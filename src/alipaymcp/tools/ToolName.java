package alipaymcp.tools;

/**
 * The five tools' names in upstream's order: the long name MCP clients see and the short name AP_SELECT_TOOLS
 * also accepts. Kept apart from the tools so that checking AP_SELECT_TOOLS at start loads no tool class.
 */
enum ToolName {
    MOBILE_PAY("create-mobile-alipay-payment", "mobilePay"),
    WEB_PAGE_PAY("create-web-page-alipay-payment", "webPagePay"),
    QUERY_PAY("query-alipay-payment", "queryPay"),
    REFUND_PAY("refund-alipay-payment", "refundPay"),
    REFUND_QUERY("query-alipay-refund", "refundQuery");

    private final String longName;
    private final String shortName;

    ToolName(String longName, String shortName) {
        this.longName = longName;
        this.shortName = shortName;
    }

    String longName() {
        return longName;
    }

    String shortName() {
        return shortName;
    }

    /** The tool called {@code name} (long or short form, any letter case: AP_SELECT_TOOLS=mobilepay), or null. */
    static ToolName find(String name) {
        for (ToolName tool : values()) {
            if (tool.longName.equalsIgnoreCase(name) || tool.shortName.equalsIgnoreCase(name)) {
                return tool;
            }
        }
        return null;
    }
}
