package alipaymcp.mcp;

import alipaymcp.json.JsonNumber;
import alipaymcp.json.JsonObject;
import java.util.Objects;

/**
 * A JSON-RPC error: a standard code and message, and an optional short {@code data} text that tells the
 * client what to fix. Never a stack trace, a payload or internal detail.
 */
record RpcError(int code, String message, String data) {
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;

    RpcError {
        Objects.requireNonNull(message, "message");
    }

    static RpcError parseError(String data) {
        return new RpcError(PARSE_ERROR, "Parse error", data);
    }

    static RpcError invalidRequest(String data) {
        return new RpcError(INVALID_REQUEST, "Invalid Request", data);
    }

    static RpcError methodNotFound(String data) {
        return new RpcError(METHOD_NOT_FOUND, "Method not found", data);
    }

    static RpcError invalidParams(String data) {
        return new RpcError(INVALID_PARAMS, "Invalid params", data);
    }

    static RpcError internalError(String data) {
        return new RpcError(INTERNAL_ERROR, "Internal error", data);
    }

    JsonObject toJson() {
        return JsonObject.builder()
                .put("code", JsonNumber.of(code))
                .put("message", message)
                .putIfPresent("data", data)
                .build();
    }
}
