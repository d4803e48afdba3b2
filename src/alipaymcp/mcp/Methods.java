package alipaymcp.mcp;

import alipaymcp.json.JsonNull;
import alipaymcp.json.JsonObject;
import alipaymcp.json.JsonValue;
import alipaymcp.tools.Tool;

/**
 * The MCP methods this server offers: initialize, ping, tools/list, tools/call, and the notifications
 * initialized and cancelled. Before initialize only ping is served ({@code server/discover} is always
 * -32601); every other request gets -32600 "Server not initialized".
 */
final class Methods {
    static final String SERVER_NAME = "mcp-server-alipay";
    private static final int MAX_ECHOED_NAME = 128;

    private final String serverVersion;
    private final ToolTable tools;
    private final String instructions;
    private final ToolCalls calls;
    private volatile Protocol protocol;
    private volatile boolean canAsk; // set before protocol, read after it

    Methods(String serverVersion, ToolTable tools, String instructions, ToolCalls calls) {
        this.serverVersion = serverVersion;
        this.tools = tools;
        this.instructions = instructions;
        this.calls = calls;
    }

    /** The negotiated revision, or null before initialize. */
    Protocol protocol() {
        return protocol;
    }

    /** A request's reply; {@link Session#ASYNC} when a worker will send it. {@code params} may be null. */
    JsonObject request(JsonValue id, String method, JsonObject params, boolean inBatch, ReplySink sink) {
        switch (method) {
            case "ping":
                return Responses.result(id, JsonObject.EMPTY);
            case "initialize":
                return initialize(id, params, inBatch);
            case "server/discover":
                return Responses.error(id, RpcError.methodNotFound(
                        "this server speaks protocol revisions 2024-11-05 to 2025-11-25; send initialize"));
            default:
                break;
        }
        Protocol negotiated = protocol;
        if (negotiated == null) {
            return Responses.error(id, new RpcError(RpcError.INVALID_REQUEST, "Server not initialized",
                    "send initialize first"));
        }
        switch (method) {
            case "tools/list":
                return toolsList(id, params, negotiated);
            case "tools/call":
                return toolsCall(id, params, negotiated, sink);
            default:
                return Responses.error(id, RpcError.methodNotFound(
                        "this server offers initialize, ping, tools/list and tools/call"));
        }
    }

    /** notifications/cancelled stops a call's reply; notifications/initialized and all others need nothing. */
    void notification(String method, JsonValue params) {
        if (method.equals("notifications/cancelled") && params instanceof JsonObject object) {
            JsonValue requestId = object.get("requestId");
            if (Session.isValidId(requestId)) {
                calls.cancel(requestId);
            }
        }
    }

    private JsonObject initialize(JsonValue id, JsonObject params, boolean inBatch) {
        if (inBatch) {
            return Responses.error(id, RpcError.invalidRequest("initialize must not be part of a batch"));
        }
        if (protocol != null) {
            return Responses.error(id, RpcError.invalidRequest("this session is already initialized"));
        }
        String requested = params == null ? null : params.string("protocolVersion").orElse(null);
        if (requested == null) {
            return Responses.error(id, RpcError.invalidParams("params.protocolVersion must be a string"));
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
        return Responses.result(id, result);
    }

    private JsonObject toolsList(JsonValue id, JsonObject params, Protocol negotiated) {
        JsonValue cursor = params == null ? null : params.get("cursor");
        if (cursor != null && cursor != JsonNull.NULL) {
            return Responses.error(id, RpcError.invalidParams(
                    "invalid cursor: this server lists every tool in one page and never issues a cursor"));
        }
        return Responses.result(id, ToolJson.listResult(tools.list(), negotiated));
    }

    private JsonObject toolsCall(JsonValue id, JsonObject params, Protocol negotiated, ReplySink sink) {
        String name = params == null ? null : params.string("name").orElse(null);
        if (name == null) {
            return Responses.error(id, RpcError.invalidParams("params.name must be a string"));
        }
        Tool tool = tools.byName(name);
        if (tool == null) {
            String shown = name.length() <= MAX_ECHOED_NAME ? name : name.substring(0, MAX_ECHOED_NAME) + "...";
            return Responses.error(id, new RpcError(RpcError.INVALID_PARAMS, "Unknown tool: " + shown, null));
        }
        JsonValue arguments = params.get("arguments");
        if (arguments != null && !(arguments instanceof JsonObject)) {
            return Responses.error(id, RpcError.invalidParams("params.arguments must be an object"));
        }
        JsonObject args = arguments == null ? JsonObject.EMPTY : (JsonObject) arguments;
        RpcError refused = calls.start(id, tool, args, negotiated, canAsk, sink);
        return refused == null ? Session.ASYNC : Responses.error(id, refused);
    }
}
