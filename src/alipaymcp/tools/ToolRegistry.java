package alipaymcp.tools;

import alipaymcp.alipay.GatewayClient.RequestSettings;
import alipaymcp.alipay.GatewayClient;
import alipaymcp.config.Config;
import alipaymcp.config.ConfigException;
import alipaymcp.config.ConfigLoader;
import alipaymcp.log.EventLog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The five tools in upstream's order, and the AP_SELECT_TOOLS selection among them. */
public final class ToolRegistry implements ConfigLoader.ToolNames {
    /** The initialize result's {@code instructions}: only how to use the tools safely. */
    public static final String INSTRUCTIONS = "Alipay payments. Amounts (totalAmount, refundAmount) are CNY yuan"
            + " with at most two decimals, such as 88.8 or 0.01. The create-*-payment tools return a payment link:"
            + " show it to the buyer, who pays on Alipay's page; query-alipay-payment then tells whether they paid."
            + " To retry a refund, reuse the same outRequestNo: a new number can refund twice. When a refund's"
            + " outcome is unknown, call query-alipay-refund with the same outTradeNo and outRequestNo before"
            + " anything else.";
    /** Lets the configuration check report unknown AP_SELECT_TOOLS items with all its other problems at once. */
    public static final ConfigLoader.ToolNames NAMES = new ToolRegistry();

    private ToolRegistry() {
    }

    @Override
    public String problem(String item) {
        if (item.equalsIgnoreCase("all") || ToolName.find(item) != null) {
            return null;
        }
        List<String> accepted = new ArrayList<>();
        for (ToolName tool : ToolName.values()) {
            accepted.add(tool.shortName + " (" + tool.longName + ")");
        }
        return "AP_SELECT_TOOLS names an unknown tool '" + Arguments.printable(item, 40) + "': use all, or any of "
                + String.join(", ", accepted) + ".";
    }

    /** The tools AP_SELECT_TOOLS chose, in upstream's order; an unknown name stops the server at start. */
    public static List<Tool> select(Config config, EventLog log, String version) throws ConfigException {
        Set<String> names = selectedNames(config.selectTools());
        List<Tool> chosen = new ArrayList<>(); // a loop, not a stream: no lambda at start (StartupPathTest)
        for (Tool tool : all(gatewayClient(config, version), RefundTool.Policy.of(config), log)) {
            if (names.contains(tool.name())) {
                chosen.add(tool);
            }
        }
        return List.copyOf(chosen);
    }

    /** The one gateway client of the process (the check command's query uses it too). */
    public static GatewayClient gatewayClient(Config config, String version) {
        RequestSettings settings = new RequestSettings(config.appId(), config.signType(), config.appAuthToken(),
                config.notifyUrl(), config.returnUrl(), "mcp-server-alipay-java-" + version,
                "mcp_" + version, config.certificates(), config.encryption());
        return new GatewayClient(config.gatewayUrl(), settings, config.appKey(), config.alipayPublicKey(),
                config.timeout(), Clock.systemUTC());
    }

    /** Tests inject a client with upstream's tags and a fixed clock. */
    static List<Tool> all(GatewayClient gateway, RefundTool.Policy refunds, EventLog log) {
        List<Tool> tools = new ArrayList<>(CreatePaymentTool.both(gateway, log));
        tools.add(new QueryPaymentTool(gateway, log));
        tools.add(new RefundTool(gateway, refunds, log));
        tools.add(new QueryRefundTool(gateway, log));
        return List.copyOf(tools);
    }

    /** Long or short names (trimmed) to long names; "all" anywhere selects everything. */
    static Set<String> selectedNames(List<String> items) throws ConfigException {
        Set<String> names = new LinkedHashSet<>();
        for (String item : items) {
            String problem = NAMES.problem(item);
            if (problem != null) {
                throw new ConfigException(problem);
            }
            ToolName named = ToolName.find(item); // null for "all": problem() refused any other unknown item
            for (ToolName tool : ToolName.values()) {
                if (named == null || named == tool) {
                    names.add(tool.longName);
                }
            }
        }
        return names;
    }

    /** Upstream's order; apart from the tools so that checking AP_SELECT_TOOLS at start loads no tool class. */
    enum ToolName {
        MOBILE_PAY("create-mobile-alipay-payment", "mobilePay"),
        WEB_PAGE_PAY("create-web-page-alipay-payment", "webPagePay"),
        QUERY_PAY("query-alipay-payment", "queryPay"),
        REFUND_PAY("refund-alipay-payment", "refundPay"),
        REFUND_QUERY("query-alipay-refund", "refundQuery");

        final String longName;
        final String shortName;

        ToolName(String longName, String shortName) {
            this.longName = longName;
            this.shortName = shortName;
        }

        /** Long or short name in any letter case (AP_SELECT_TOOLS=mobilepay); null when none. */
        static ToolName find(String name) {
            for (ToolName tool : values()) {
                if (tool.longName.equalsIgnoreCase(name) || tool.shortName.equalsIgnoreCase(name)) {
                    return tool;
                }
            }
            return null;
        }
    }
}
