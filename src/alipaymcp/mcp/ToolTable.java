package alipaymcp.mcp;

import alipaymcp.tools.Tool;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The server's tools by name. Given a supplier, the tools are built on first use (tools/list, tools/call, or
 * the warm-up that {@link #run} does on a background thread once the session is initialized), so building
 * them costs nothing before the initialize reply. Names must be unique.
 */
final class ToolTable implements Runnable {
    private final Supplier<List<Tool>> source;
    private final PrintStream diagnostics;
    private List<Tool> tools; // guarded by this
    private Map<String, Tool> byName; // guarded by this

    ToolTable(Supplier<List<Tool>> source, PrintStream diagnostics) {
        this.source = source;
        this.diagnostics = diagnostics;
    }

    /** Tools already built: checked now, so a duplicate name fails at construction. */
    ToolTable(List<Tool> tools, PrintStream diagnostics) {
        this.source = null;
        this.diagnostics = diagnostics;
        resolve(List.copyOf(tools));
    }

    /** Every tool, in the supplier's order. */
    synchronized List<Tool> list() {
        if (tools == null) {
            resolve(List.copyOf(source.get()));
        }
        return tools;
    }

    /** The tool called {@code name}, or null. */
    synchronized Tool byName(String name) {
        list();
        return byName.get(name);
    }

    private void resolve(List<Tool> resolved) {
        Map<String, Tool> names = new HashMap<>();
        for (Tool tool : resolved) {
            if (names.put(tool.name(), tool) != null) {
                throw new IllegalArgumentException("two tools are named " + tool.name());
            }
        }
        tools = resolved;
        byName = names;
    }

    /** Starts {@link #run} on a daemon thread. */
    void prepareInBackground() {
        Thread thread = new Thread(this, "mcp-tools-prepare");
        thread.setDaemon(true);
        thread.start();
    }

    /** Builds the tools and lets each do its one-time set-up; a fault is said on stderr and left to the calls. */
    @Override
    public void run() {
        try {
            for (Tool tool : list()) {
                tool.prepare();
            }
        } catch (RuntimeException | LinkageError e) { // a bug of ours: say it once, let each call meet it
            diagnostics.println("mcp-server-alipay: preparing the tools failed (" + e.getClass().getName() + ")");
        }
    }
}
