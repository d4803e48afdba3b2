package alipaymcp.mcp;

import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonNull;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue;
import alipaymcp.tools.Tool;
import alipaymcp.tools.Tool.ToolResult;
import java.util.Map;

/**
 * The MCP methods this server offers: initialize, ping, tools/list, tools/call, and the notifications
 * initialized and cancelled; and how tools and their results look under the negotiated revision (a client
 * of an older revision never sees fields it does not know). Before initialize only ping is served
 * ({@code server/discover} is always -32601); every other request gets -32600 "Server not initialized".
 */
final class Methods {
    static final String SERVER_NAME = "mcp-server-alipay";
    private static final int MAX_ECHOED_NAME = 128;

    private final String serverVersion;
    private final Map<String, Tool> tools;
    private final String instructions;
    private final ToolCalls calls;
    private volatile Protocol protocol;
    private volatile boolean canAsk; // set before protocol, read after it

    /** {@code tools}: by name, in listing order. */
    Methods(String serverVersion, Map<String, Tool> tools, String instructions, ToolCalls calls) {
        this.serverVersion = serverVersion;
        this.tools = tools;
        this.instructions = instructions;
        this.calls = calls;
    }

    /** The negotiated revision, or null before initialize. */
    Protocol protocol() {
        return protocol;
    }

    /** Answers a request through {@code reply}, as the last thing it does. {@code params} may be null. */
    void request(JsonValue id, String method, JsonObject params, boolean inBatch, McpServer.Reply reply) {
        Protocol negotiated = protocol;
        if (method.equals("ping")) {
            reply.send(JsonRpc.result(id, JsonObject.EMPTY));
        } else if (method.equals("initialize")) {
            reply.send(initialize(id, params, inBatch));
        } else if (method.equals("server/discover")) {
            reply.send(JsonRpc.methodNotFound(id,
                    "this server speaks protocol revisions 2024-11-05 to 2025-11-25; send initialize"));
        } else if (negotiated == null) {
            reply.send(JsonRpc.error(id, JsonRpc.INVALID_REQUEST, "Server not initialized", "send initialize first"));
        } else if (method.equals("tools/list")) {
            reply.send(toolsList(id, params, negotiated));
        } else if (method.equals("tools/call")) {
            toolsCall(id, params, negotiated, reply);
        } else {
            reply.send(JsonRpc.methodNotFound(id, "this server offers initialize, ping, tools/list and tools/call"));
        }
    }

    /** notifications/cancelled stops a call's reply; notifications/initialized and all others need nothing. */
    void notification(String method, JsonValue params) {
        if (method.equals("notifications/cancelled") && params instanceof JsonObject object) {
            JsonValue requestId = object.get("requestId");
            if (JsonRpc.isValidId(requestId)) {
                calls.cancel(requestId);
            }
        }
    }

    private JsonObject initialize(JsonValue id, JsonObject params, boolean inBatch) {
        if (inBatch) {
            return JsonRpc.invalidRequest(id, "initialize must not be part of a batch");
        }
        if (protocol != null) {
            return JsonRpc.invalidRequest(id, "this session is already initialized");
        }
        String requested = params == null ? null : params.string("protocolVersion").orElse(null);
        if (requested == null) {
            return JsonRpc.invalidParams(id, "params.protocolVersion must be a string");
        }
        Protocol negotiated = Protocol.negotiate(requested);
        canAsk = Elicitation.canAsk(negotiated, params.get("capabilities"));
        protocol = negotiated;
        JsonObject tools = JsonObject.builder().put("listChanged", false).build();
        JsonObject result = JsonObject.builder()
                .put("protocolVersion", negotiated.version())
                .put("capabilities", JsonObject.builder().put("tools", tools).build())
                .put("serverInfo", JsonObject.builder().put("name", SERVER_NAME).put("version", serverVersion).build())
                .putIfPresent("instructions", instructions)
                .build();
        return JsonRpc.result(id, result);
    }

    /** Every tool in one page, in listing order, no {@code nextCursor}. */
    private JsonObject toolsList(JsonValue id, JsonObject params, Protocol negotiated) {
        JsonValue cursor = params == null ? null : params.get("cursor");
        if (cursor != null && cursor != JsonNull.NULL) {
            return JsonRpc.invalidParams(id,
                    "invalid cursor: this server lists every tool in one page and never issues a cursor");
        }
        JsonArray listed = new JsonArray(tools.values().stream().<JsonValue>map(t -> tool(t, negotiated)).toList());
        return JsonRpc.result(id, JsonObject.builder().put("tools", listed).build());
    }

    private void toolsCall(JsonValue id, JsonObject params, Protocol negotiated, McpServer.Reply reply) {
        String name = params == null ? null : params.string("name").orElse(null);
        Tool tool = name == null ? null : tools.get(name);
        JsonValue arguments = params == null ? null : params.get("arguments");
        if (name == null) {
            reply.send(JsonRpc.invalidParams(id, "params.name must be a string"));
        } else if (tool == null) {
            String shown = name.length() <= MAX_ECHOED_NAME ? name : name.substring(0, MAX_ECHOED_NAME) + "...";
            reply.send(JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "Unknown tool: " + shown, null));
        } else if (arguments != null && !(arguments instanceof JsonObject)) {
            reply.send(JsonRpc.invalidParams(id, "params.arguments must be an object"));
        } else {
            calls.start(id, tool, arguments == null ? JsonObject.EMPTY : (JsonObject) arguments, negotiated, canAsk,
                    reply);
        }
    }

    /** One Tool: name, [title], description, inputSchema, [outputSchema], [annotations]. */
    static JsonObject tool(Tool tool, Protocol protocol) {
        JsonObject.Builder json = JsonObject.builder().put("name", tool.name());
        if (protocol.hasStructuredOutput()) {
            json.putIfPresent("title", tool.title());
        }
        json.putIfPresent("description", tool.description());
        json.put("inputSchema", tool.inputSchema());
        if (protocol.hasStructuredOutput()) {
            json.putIfPresent("outputSchema", tool.outputSchema().orElse(null));
        }
        if (protocol.hasToolAnnotations()) {
            // the title first, then the tool's own hints in their order
            JsonObject.Builder annotations = JsonObject.builder().putIfPresent("title", tool.title());
            if (tool.hints() != null) {
                tool.hints().members().forEach((hint, value) -> {
                    if (!hint.equals("title")) {
                        annotations.put(hint, value);
                    }
                });
            }
            JsonObject built = annotations.build();
            if (built.size() > 0) {
                json.put("annotations", built);
            }
        }
        return json.build();
    }

    /** A CallToolResult: one text block, [structuredContent], [isError:true]. */
    static JsonObject callResult(ToolResult result, Protocol protocol) {
        JsonObject text = JsonObject.builder().put("type", "text").put("text", result.text()).build();
        JsonObject.Builder json = JsonObject.builder().put("content", JsonArray.of(text));
        if (protocol.hasStructuredOutput()) {
            json.putIfPresent("structuredContent", result.structuredContent());
        }
        if (result.isError()) {
            json.put("isError", true);
        }
        return json.build();
    }
}
