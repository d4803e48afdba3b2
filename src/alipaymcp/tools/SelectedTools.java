package alipaymcp.tools;

import alipaymcp.config.Config;
import alipaymcp.log.EventLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The tools AP_SELECT_TOOLS chose, built on first use: building them loads the tool classes and the gateway
 * wiring, which the initialize reply does not need (measured: about 6 ms of the ~30 ms the start-up spent above the JVM floor).
 */
final class SelectedTools implements Supplier<List<Tool>> {
    private final Set<String> names;
    private final Config config;
    private final EventLog log;
    private final String version;
    private List<Tool> tools; // guarded by this

    /** {@code names}: the chosen long names, already checked; not copied (only read, and copying costs start-up). */
    SelectedTools(Set<String> names, Config config, EventLog log, String version) {
        this.names = names;
        this.config = config;
        this.log = log;
        this.version = version;
    }

    /** The chosen tools in upstream's order, all on one gateway client; the same list on every call. */
    @Override
    public synchronized List<Tool> get() {
        if (tools == null) {
            List<Tool> chosen = new ArrayList<>();
            Gateway gateway = new Gateway(config, version);
            for (Tool tool : ToolRegistry.allOn(gateway, config.maxRefundAmount(),
                    RefundConfirmation.of(config), log)) {
                if (names.contains(tool.name())) {
                    chosen.add(tool);
                }
            }
            tools = List.copyOf(chosen);
        }
        return tools;
    }
}
