package alipaymcp.tools;

import alipaymcp.alipay.GatewayClient;
import alipaymcp.config.Config;
import alipaymcp.config.ConfigException;
import alipaymcp.log.EventLog;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The five tools in upstream's order, and the AP_SELECT_TOOLS selection among them. */
public final class ToolRegistry {
    /** Upstream's order; tools/list keeps it whatever the selection's order. */
    static final List<ToolSpec> SPECS = List.of(CreatePaymentTool.MOBILE, CreatePaymentTool.WEB_PAGE,
            QueryPaymentTool.SPEC, RefundTool.SPEC, QueryRefundTool.SPEC);

    private ToolRegistry() {
    }

    /** The selected tools, wired to the configured gateway. An unknown name stops the server at start. */
    public static List<Tool> select(Config config, EventLog log, String version) throws ConfigException {
        Set<String> selected = selectedNames(config.selectTools());
        Gateway gateway = new Gateway(config, version);
        List<Tool> tools = new ArrayList<>();
        for (Tool tool : all(gateway, config.maxRefundAmount(), log)) {
            if (selected.contains(tool.name())) {
                tools.add(tool);
            }
        }
        return List.copyOf(tools);
    }

    /** All five tools on one gateway client (tests inject upstream's tags and a fixed clock through it). */
    static List<Tool> all(GatewayClient client, BigDecimal maxRefundAmount, EventLog log) {
        return all(new Gateway(client), maxRefundAmount, log);
    }

    private static List<Tool> all(Gateway gateway, BigDecimal maxRefundAmount, EventLog log) {
        return List.of(CreatePaymentTool.mobile(gateway, log), CreatePaymentTool.webPage(gateway, log),
                new QueryPaymentTool(gateway, log), new RefundTool(gateway, maxRefundAmount, log),
                new QueryRefundTool(gateway, log));
    }

    /** Resolves long or short names (already trimmed); "all" anywhere selects everything. */
    static Set<String> selectedNames(List<String> items) throws ConfigException {
        Set<String> names = new LinkedHashSet<>();
        for (String item : items) {
            if (item.equals("all")) {
                for (ToolSpec spec : SPECS) {
                    names.add(spec.name());
                }
                continue;
            }
            ToolSpec spec = find(item);
            if (spec == null) {
                throw new ConfigException("AP_SELECT_TOOLS names an unknown tool '" + Printable.of(item, 40)
                        + "': use all, or any of " + accepted() + ".");
            }
            names.add(spec.name());
        }
        return names;
    }

    private static ToolSpec find(String name) {
        for (ToolSpec spec : SPECS) {
            if (spec.name().equals(name) || spec.shortName().equals(name)) {
                return spec;
            }
        }
        return null;
    }

    private static String accepted() {
        List<String> names = new ArrayList<>();
        for (ToolSpec spec : SPECS) {
            names.add(spec.shortName() + " (" + spec.name() + ")");
        }
        return String.join(", ", names);
    }
}
