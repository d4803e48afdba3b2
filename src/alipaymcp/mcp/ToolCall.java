package alipaymcp.mcp;

import alipaymcp.json.JsonObject;
import alipaymcp.json.JsonValue;
import alipaymcp.tools.Tool;
import alipaymcp.tools.ToolResult;
import java.util.function.BooleanSupplier;

/**
 * One tools/call on a worker thread. The tool sees cancellation through {@link #getAsBoolean} and decides
 * itself what it can still stop (a gateway request already sent is never abandoned). Once cancelled, the
 * reply is never sent; a cancel that arrives after the call finished changes nothing.
 */
final class ToolCall implements Runnable, BooleanSupplier {
    private final JsonValue id;
    private final String key;
    private final Tool tool;
    private final JsonObject arguments;
    private final Protocol protocol;
    private final ReplySink sink;
    private final ToolCalls owner;
    private boolean cancelled;
    private boolean finished;

    ToolCall(JsonValue id, String key, Tool tool, JsonObject arguments, Protocol protocol, ReplySink sink,
            ToolCalls owner) {
        this.id = id;
        this.key = key;
        this.tool = tool;
        this.arguments = arguments;
        this.protocol = protocol;
        this.sink = sink;
        this.owner = owner;
    }

    String key() {
        return key;
    }

    /** True once the client cancelled this request. */
    @Override
    public synchronized boolean getAsBoolean() {
        return cancelled;
    }

    synchronized void cancel() {
        if (!finished) {
            cancelled = true;
        }
    }

    @Override
    public void run() {
        JsonObject response = respond();
        owner.finished(this);
        boolean suppressed;
        synchronized (this) {
            finished = true;
            suppressed = cancelled;
        }
        sink.reply(suppressed ? null : response);
    }

    private JsonObject respond() {
        try {
            ToolResult result = tool.call(arguments, this);
            if (result == null) {
                return failure("returned no result");
            }
            if (!result.isError() && result.structuredContent() == null && tool.outputSchema().isPresent()) {
                return failure("returned no structured content although it declares an output schema");
            }
            return Responses.result(id, ToolJson.callResult(result, protocol));
        } catch (Throwable e) { // whatever a tool throws, the client gets an answer and the server serves on
            StackTraceElement[] where = e.getStackTrace();
            return failure("threw " + e.getClass().getName() + (where.length > 0 ? " at " + where[0] : ""));
        }
    }

    /** Internal detail goes to stderr only; the client learns just that the tool failed. */
    private JsonObject failure(String detail) {
        owner.diagnostics().println("mcp-server-alipay: tool " + tool.name() + " " + detail);
        return Responses.error(id, RpcError.internalError("the tool failed unexpectedly; see the server's stderr"));
    }
}
