package alipaymcp.mcp;

import alipaymcp.json.JsonArray;
import alipaymcp.json.JsonException;
import alipaymcp.json.JsonNumber;
import alipaymcp.json.JsonObject;
import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonString;
import alipaymcp.json.JsonValue;
import java.io.PrintStream;
import java.util.Map;

/**
 * One client connection: checks each message's JSON-RPC envelope, handles batches (2025-03-26 only) and
 * hands requests to {@link Methods}. Every line gets its answer (or, for a notification, none) and
 * nothing a client sends stops the server. Called from the single reader thread only, except {@link #reply}:
 * the session is itself the sink of single messages (one class fewer before the initialize reply), so tool
 * worker threads call it too.
 */
final class Session implements ReplySink {
    /** Marks a request whose reply a worker thread sends later. */
    static final JsonObject ASYNC = new JsonObject(Map.of("async", JsonValue.of(true)));

    private final Methods methods;
    private final ClientRequests requests;
    private final LineWriter writer;
    private final PrintStream diagnostics;

    Session(Methods methods, ClientRequests requests, LineWriter writer, PrintStream diagnostics) {
        this.methods = methods;
        this.requests = requests;
        this.writer = writer;
        this.diagnostics = diagnostics;
    }

    /** Handles one non-empty input line. */
    void handleLine(String line) {
        JsonValue message;
        try {
            message = JsonParser.parse(line);
        } catch (JsonException e) {
            reply(Responses.error(null, RpcError.parseError(null)));
            return;
        }
        if (message instanceof JsonArray batch) {
            handleBatch(batch);
        } else {
            handle(message, false, this);
        }
    }

    private void handleBatch(JsonArray batch) {
        Protocol protocol = methods.protocol();
        if (protocol == null || !protocol.allowsBatches()) {
            reply(Responses.error(null, RpcError.invalidRequest(protocol == null
                    ? "send initialize before anything else; batches need protocol revision 2025-03-26"
                    : "batches exist only in protocol revision 2025-03-26; send one message per line")));
        } else if (batch.size() == 0) {
            reply(Responses.error(null, RpcError.invalidRequest("an empty batch is not a request")));
        } else {
            BatchReplies replies = new BatchReplies(batch.size(), writer);
            for (int i = 0; i < batch.size(); i++) {
                handle(batch.get(i), true, replies.slot(i));
            }
        }
    }

    /** Sends exactly one reply (or null) to {@code sink}, now or, for a tool call, from its worker. */
    private void handle(JsonValue message, boolean inBatch, ReplySink sink) {
        JsonObject response;
        try {
            response = respond(message, inBatch, sink);
        } catch (RuntimeException e) { // a fault of ours: answer it and serve on
            diagnostics.println("mcp-server-alipay: internal error " + e.getClass().getName());
            response = Responses.error(readableId(message), RpcError.internalError(null));
        }
        if (response != ASYNC) {
            sink.reply(response);
        }
    }

    private JsonObject respond(JsonValue message, boolean inBatch, ReplySink sink) {
        if (!(message instanceof JsonObject object)) {
            return Responses.error(null, RpcError.invalidRequest("a message must be a JSON object"));
        }
        JsonValue method = object.get("method");
        if (method == null && (object.has("result") || object.has("error"))) {
            requests.receive(object); // a response to one of our questions, or ignored; never answered (no echo loop)
            return null;
        }
        JsonValue id = readableId(object);
        if (object.has("id") && id == null) {
            return Responses.error(null, RpcError.invalidRequest("id must be a string or an integer"));
        }
        if (!object.string("jsonrpc").orElse("").equals("2.0")) {
            return Responses.error(id, RpcError.invalidRequest("jsonrpc must be \"2.0\""));
        }
        if (!(method instanceof JsonString name)) {
            return Responses.error(id, RpcError.invalidRequest(method == null
                    ? "method is missing" : "method must be a string"));
        }
        JsonValue params = object.get("params");
        if (id == null) {
            methods.notification(name.value(), params);
            return null;
        }
        if (params != null && !(params instanceof JsonObject)) {
            return Responses.error(id, RpcError.invalidParams("params must be an object"));
        }
        return methods.request(id, name.value(), (JsonObject) params, inBatch, sink);
    }

    /** The message's id when it is one JSON-RPC allows here (a string or an integer), else null. */
    static JsonValue readableId(JsonValue message) {
        JsonValue id = message instanceof JsonObject object ? object.get("id") : null;
        return isValidId(id) ? id : null;
    }

    /** MCP ids are strings or integers: never null, a boolean, a fraction or an exponent. */
    static boolean isValidId(JsonValue id) {
        return id instanceof JsonString || id instanceof JsonNumber n && n.isIntegerLexeme();
    }

    /** The reply to a single message (not part of a batch) goes straight to stdout. */
    @Override
    public void reply(JsonObject response) {
        if (response != null) {
            writer.writeLine(response.toJson());
        }
    }
}
