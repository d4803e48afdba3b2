package alipaymcp.tools;

import alipaymcp.json.JsonObject;
import java.util.Optional;

/**
 * One MCP tool as the protocol layer sees it: its listing fields and a call. The MCP layer decides
 * which fields the negotiated revision may carry; a tool only describes itself.
 */
public interface Tool {

    /** Tool name, e.g. {@code query-alipay-payment}. */
    String name();

    /** Human title (sent as {@code title} from 2025-06-18 and as {@code annotations.title} from 2025-03-26). */
    String title();

    String description();

    JsonObject inputSchema();

    /** Output schema, when every successful result carries conforming structured content. */
    Optional<JsonObject> outputSchema();

    /** Behaviour hints without the title: readOnlyHint, destructiveHint, idempotentHint, openWorldHint. */
    JsonObject hints();

    /**
     * Runs the tool. Never throws for bad input or a failed remote call: those are results with
     * {@code isError}. {@code context} turns true when the client cancelled the request; a tool checks
     * it before starting anything irreversible and never abandons a gateway request already sent. A tool may
     * ask the person through {@link CallContext#confirm} before such a step.
     */
    ToolResult call(JsonObject arguments, CallContext context);
}
