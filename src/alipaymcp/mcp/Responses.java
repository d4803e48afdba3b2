package alipaymcp.mcp;

import alipaymcp.json.JsonNull;
import alipaymcp.json.JsonObject;
import alipaymcp.json.JsonValue;

/** JSON-RPC response envelopes. The id is echoed as parsed: same JSON type, same number lexeme. */
final class Responses {
    private static final String VERSION = "2.0";

    private Responses() {
    }

    static JsonObject result(JsonValue id, JsonObject result) {
        return JsonObject.builder().put("jsonrpc", VERSION).put("id", id).put("result", result).build();
    }

    /** An error; {@code id} is null when the request's id could not be read (sent as JSON null). */
    static JsonObject error(JsonValue id, RpcError error) {
        return JsonObject.builder()
                .put("jsonrpc", VERSION)
                .put("id", id == null ? JsonNull.NULL : id)
                .put("error", error.toJson())
                .build();
    }
}
