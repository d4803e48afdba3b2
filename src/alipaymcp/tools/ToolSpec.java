package alipaymcp.tools;

import alipaymcp.json.JsonBoolean;
import alipaymcp.json.JsonObject;
import java.util.List;

/**
 * The listing of one tool: upstream's name (by its {@link ToolName}) and description, our title, hints and
 * schemas (as JSON text).
 */
record ToolSpec(ToolName toolName, String title, String description, List<String> argumentNames,
        String inputSchema, String outputSchema, JsonObject hints) {
    ToolSpec {
        argumentNames = List.copyOf(argumentNames);
    }

    String name() {
        return toolName.longName();
    }

    /** MCP behaviour hints (2025-03-26): every tool talks to Alipay, so openWorldHint is always true. */
    static JsonObject hints(boolean readOnly, boolean destructive, boolean idempotent) {
        JsonObject.Builder hints = JsonObject.builder().put("readOnlyHint", JsonBoolean.of(readOnly));
        if (!readOnly) {
            hints.put("destructiveHint", JsonBoolean.of(destructive));
            hints.put("idempotentHint", JsonBoolean.of(idempotent));
        }
        return hints.put("openWorldHint", JsonBoolean.TRUE).build();
    }
}
