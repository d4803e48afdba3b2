package alipaymcp.mcp;

import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonNull;
import alipaymcp.json.JsonValue.JsonNumber;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue.JsonString;
import alipaymcp.json.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * JSON-RPC 2.0 messages we send, the ids we accept, and a batch's replies. An id is echoed as parsed (same
 * type, same lexeme). An error's optional {@code data} says what to fix: never a stack trace or a payload.
 */
final class JsonRpc {
    static final int INVALID_REQUEST = -32600;
    static final int INVALID_PARAMS = -32602;
    private static final String VERSION = "2.0";

    private JsonRpc() {
    }

    static JsonObject result(JsonValue id, JsonObject result) {
        return JsonObject.builder().put("jsonrpc", VERSION).put("id", id).put("result", result).build();
    }

    static JsonObject error(JsonValue id, int code, String message, String data) {
        JsonObject error = JsonObject.builder().put("code", JsonNumber.of(code)).put("message", message)
                .putIfPresent("data", data).build();
        return JsonObject.builder().put("jsonrpc", VERSION).put("id", id == null ? JsonNull.NULL : id)
                .put("error", error).build();
    }

    static JsonObject parseError(String data) {
        return error(null, -32700, "Parse error", data);
    }

    static JsonObject invalidRequest(JsonValue id, String data) {
        return error(id, INVALID_REQUEST, "Invalid Request", data);
    }

    static JsonObject methodNotFound(JsonValue id, String data) {
        return error(id, -32601, "Method not found", data);
    }

    static JsonObject invalidParams(JsonValue id, String data) {
        return error(id, INVALID_PARAMS, "Invalid params", data);
    }

    static JsonObject internalError(JsonValue id, String data) {
        return error(id, -32603, "Internal error", data);
    }

    static JsonObject request(String id, String method, JsonObject params) {
        return JsonObject.builder().put("jsonrpc", VERSION).put("id", id).put("method", method).put("params", params)
                .build();
    }

    static JsonObject notification(String method, JsonObject params) {
        return JsonObject.builder().put("jsonrpc", VERSION).put("method", method).put("params", params).build();
    }

    static JsonValue readableId(JsonValue message) {
        JsonValue id = message instanceof JsonObject object ? object.get("id") : null;
        return isValidId(id) ? id : null;
    }

    /** MCP ids are strings or integers: never null, a boolean, a fraction or an exponent. */
    static boolean isValidId(JsonValue id) {
        return id instanceof JsonString || id instanceof JsonNumber n && n.isIntegerLexeme();
    }

    /**
     * A batch's replies (some from tool workers), written as one array line in element order once the last is in.
     * Elements without a reply leave no entry; a batch with no reply at all writes nothing.
     */
    static final class Batch {
        private final StdioTransport transport;
        private final JsonValue[] replies; // guarded by this
        private int pending; // guarded by this

        Batch(int size, StdioTransport transport) {
            this.transport = transport;
            this.replies = new JsonValue[size];
            this.pending = size;
        }

        void fill(int index, JsonObject reply) {
            List<JsonValue> done;
            synchronized (this) {
                replies[index] = reply;
                if (--pending > 0) {
                    return;
                }
                done = Arrays.stream(replies).filter(Objects::nonNull).toList();
            }
            if (!done.isEmpty()) {
                transport.writeLine(new JsonArray(done).toJson());
            }
        }
    }
}
