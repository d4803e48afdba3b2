package alipaymcp.mcp;

import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue.JsonString;
import alipaymcp.json.JsonValue;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests this server sends to the client (elicitation/create) and the table of those still waiting for a
 * response. Our ids are strings {@code "alipaymcp-N"}: a client's own requests use its id space, and a response
 * we did not ask for, or a second response to one id, is ignored (logged on stderr). The table is bounded:
 * past {@link #MAX_PENDING} open requests no new one is sent, and every waiter bounds its own wait and then
 * {@link #abandon}s its entry, so a client that never answers cannot grow memory.
 */
final class ClientRequests {
    /** Open requests at once; each holds a tool worker, so the pool's size is the natural ceiling. */
    static final int MAX_PENDING = ToolCalls.WORKERS;
    static final String ID_PREFIX = "alipaymcp-";

    private final LineWriter writer;
    private final PrintStream diagnostics;
    private final ConcurrentHashMap<String, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    private final AtomicLong lastId = new AtomicLong();
    private volatile boolean closed;

    ClientRequests(LineWriter writer, PrintStream diagnostics) {
        this.writer = writer;
        this.diagnostics = diagnostics;
    }

    /** One request sent and not yet answered: its id and the response (the whole JSON-RPC message) to come. */
    record Pending(String id, CompletableFuture<JsonObject> response) {
    }

    /**
     * Sends {@code method} with {@code params}; returns the open request, or null when nothing was sent (too
     * many open, or input has ended and no response can come).
     */
    Pending send(String method, JsonObject params) {
        String id = ID_PREFIX + lastId.incrementAndGet();
        CompletableFuture<JsonObject> response = new CompletableFuture<>();
        synchronized (this) { // the size check and the insert are one step, so the bound holds under races
            if (closed || pending.size() >= MAX_PENDING) {
                return null;
            }
            pending.put(id, response);
        }
        writer.writeLine(JsonRpc.request(id, method, params).toJson());
        return new Pending(id, response);
    }

    /** A response from the client (a message with result or error and no method): completes its request. */
    void receive(JsonObject message) {
        JsonValue id = message.get("id");
        CompletableFuture<JsonObject> response = id instanceof JsonString s ? pending.remove(s.value()) : null;
        if (response == null) {
            diagnostics.println("mcp-server-alipay: ignored a response to no open request of ours (id "
                    + describe(id) + ")");
            return;
        }
        response.complete(message);
    }

    /**
     * The waiter gave up (timed out, or the tool call was cancelled): forgets the request and tells the client
     * with notifications/cancelled, so its form closes; a response that still comes is then ignored.
     */
    void abandon(Pending request, String reason) {
        if (pending.remove(request.id(), request.response())) {
            writer.writeLine(JsonRpc.notification("notifications/cancelled",
                    JsonObject.builder().put("requestId", request.id()).put("reason", reason).build()).toJson());
        }
    }

    /** Input has ended: no response can come, so every waiter is released at once and nothing new is sent. */
    void closeAll() {
        synchronized (this) {
            closed = true;
        }
        for (String id : pending.keySet()) {
            CompletableFuture<JsonObject> response = pending.remove(id);
            if (response != null) {
                response.completeExceptionally(new IllegalStateException("input ended before the client answered"));
            }
        }
    }

    /** Requests still open (for tests of the bound). */
    int open() {
        return pending.size();
    }

    /** An id in a log line: ours in full, anything else only by its JSON type (it is the client's text). */
    private static String describe(JsonValue id) {
        if (id instanceof JsonString s && s.value().matches(ID_PREFIX + "[0-9]{1,19}")) {
            return s.value();
        }
        return id == null ? "missing" : "not one of ours";
    }
}
