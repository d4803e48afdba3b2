package alipaymcp.mcp;

import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue;
import alipaymcp.tools.Tool.CallContext;
import alipaymcp.tools.Tool;
import alipaymcp.tools.Tool.ToolResult;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tool calls in flight, keyed by request id for notifications/cancelled. Each runs on a small pool of daemon
 * threads, made on the first call (not at start-up), so the reader keeps answering ping and tools/list.
 */
final class ToolCalls {
    static final int WORKERS = 16;
    /** Calls running or queued at once; past this a call is refused rather than queued without bound. */
    static final int MAX_IN_FLIGHT = 256;

    private final ConcurrentHashMap<String, ToolCall> inFlight = new ConcurrentHashMap<>();
    private final Elicitation elicitation;
    private final PrintStream diagnostics;
    private volatile ExecutorService pool; // made under this

    ToolCalls(Elicitation elicitation, PrintStream diagnostics) {
        this.elicitation = elicitation;
        this.diagnostics = diagnostics;
    }

    /**
     * Starts a call that replies from its worker, or answers with the error at once. An id still in flight is
     * refused: cancel could not tell two calls apart. The key is the id's JSON text: "1" and 1 never collide.
     */
    void start(JsonValue id, Tool tool, JsonObject arguments, Protocol protocol, boolean canAsk,
            McpServer.Reply reply) {
        if (inFlight.size() >= MAX_IN_FLIGHT) {
            reply.send(JsonRpc.internalError(id, "too many tool calls in progress (" + MAX_IN_FLIGHT
                    + "); wait for replies before sending more"));
            return;
        }
        String key = id.toJson();
        ToolCall call = new ToolCall(id, tool, arguments, protocol, canAsk);
        if (inFlight.putIfAbsent(key, call) != null) {
            reply.send(JsonRpc.invalidRequest(id, "this id is already used by a tools/call in progress; use a new id"));
            return;
        }
        try {
            pool().execute(() -> {
                JsonObject response = call.respond();
                inFlight.remove(key, call); // before the reply is written, so the id is free again
                reply.send(call.finish() ? null : response);
            });
        } catch (RejectedExecutionException e) { // only after shutdown began (SIGTERM)
            inFlight.remove(key, call);
            reply.send(JsonRpc.internalError(id, "the server is shutting down"));
        }
    }

    /** notifications/cancelled: marks the call cancelled; unknown or finished ids are ignored. */
    void cancel(JsonValue requestId) {
        ToolCall call = inFlight.get(requestId.toJson());
        if (call != null) {
            call.cancel();
        }
    }

    /** At shutdown: no call starts anything new (a request already sent still ends). */
    void cancelAll() {
        inFlight.values().forEach(ToolCall::cancel);
    }

    void awaitIdle(long timeoutMillis) {
        ExecutorService started = pool;
        if (started == null) {
            return;
        }
        started.shutdown();
        try {
            if (!started.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
                diagnostics.println("mcp-server-alipay: " + inFlight.size()
                        + " tool call(s) still running at exit; their replies are dropped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Daemon threads, so a call still running can never keep the process alive after exit. */
    private synchronized ExecutorService pool() {
        if (pool == null) {
            AtomicInteger count = new AtomicInteger();
            pool = Executors.newFixedThreadPool(WORKERS, task -> {
                Thread thread = new Thread(task, "mcp-tool-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
        return pool;
    }

    /**
     * One tools/call on a worker thread. The tool sees cancellation through {@link #getAsBoolean} and decides what
     * it can still stop (a gateway request already sent is never abandoned); a cancelled call sends no reply, and a
     * cancel after the call finished changes nothing. A question to the person waits here, not on the reader.
     */
    private final class ToolCall implements CallContext {
        private final JsonValue id;
        private final Tool tool;
        private final JsonObject arguments;
        private final Protocol protocol;
        private final boolean canAsk;
        /** True if the client cancelled first, false if the call ended first; questions wait on it too. */
        private final CompletableFuture<Boolean> ended = new CompletableFuture<>();

        ToolCall(JsonValue id, Tool tool, JsonObject arguments, Protocol protocol, boolean canAsk) {
            this.id = id;
            this.tool = tool;
            this.arguments = arguments;
            this.protocol = protocol;
            this.canAsk = canAsk;
        }

        @Override
        public boolean getAsBoolean() {
            return ended.getNow(false);
        }

        void cancel() {
            ended.complete(true);
        }

        /** Marks the call finished; true if it was cancelled before. */
        boolean finish() {
            ended.complete(false);
            return ended.join();
        }

        @Override
        public Outcome confirm(Question q) {
            return canAsk ? elicitation.confirm(q, protocol, ended) : Outcome.NOT_ASKED;
        }

        /** The call's response; whatever a tool throws, the client gets an answer and the server serves on. */
        JsonObject respond() {
            try {
                ToolResult result = tool.call(arguments, this);
                if (result == null) {
                    return failure("returned no result");
                }
                if (!result.isError() && result.structuredContent() == null && tool.outputSchema().isPresent()) {
                    return failure("returned no structured content although it declares an output schema");
                }
                return JsonRpc.result(id, protocol.callResult(result));
            } catch (Throwable e) {
                StackTraceElement[] where = e.getStackTrace();
                return failure("threw " + e.getClass().getName() + (where.length > 0 ? " at " + where[0] : ""));
            }
        }

        /** Internal detail goes to stderr only; the client learns just that the tool failed. */
        private JsonObject failure(String detail) {
            diagnostics.println("mcp-server-alipay: tool " + tool.name() + " " + detail);
            return JsonRpc.internalError(id, "the tool failed unexpectedly; see the server's stderr");
        }
    }
}
