package alipaymcp.mcp;

import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue;
import alipaymcp.tools.Tool.CallContext;
import alipaymcp.tools.Tool;
import alipaymcp.tools.Tool.ToolResult;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tool calls in flight. Each runs on a small fixed pool of daemon threads, created on the first call (not at
 * start-up), so a slow call never blocks the reader and ping or tools/list are answered meanwhile. Calls are
 * keyed by their request id so notifications/cancelled can find them.
 */
final class ToolCalls {
    static final int WORKERS = 16;
    /** Calls running or queued at once; past this a call is refused rather than queued without bound. */
    static final int MAX_IN_FLIGHT = 256;

    private final ConcurrentHashMap<String, ToolCall> inFlight = new ConcurrentHashMap<>();
    private final Elicitation elicitation;
    private final long questionTimeoutMillis;
    private final PrintStream diagnostics;
    private ExecutorService pool; // guarded by this

    /** {@code elicitation} asks a call's questions to the person; each waits at most {@code questionTimeoutMillis}. */
    ToolCalls(Elicitation elicitation, long questionTimeoutMillis, PrintStream diagnostics) {
        this.elicitation = elicitation;
        this.questionTimeoutMillis = questionTimeoutMillis;
        this.diagnostics = diagnostics;
    }

    /**
     * Starts a call whose reply goes to {@code reply} from its worker, or answers with the error at once. An id
     * still in flight is refused: a second call under it could not be told apart on cancel. The key of a call
     * is its id's JSON text, so a string and a number id never collide.
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

    /** At shutdown: every call in flight sees cancellation, so none starts anything new (a sent request still ends). */
    void cancelAll() {
        inFlight.values().forEach(ToolCall::cancel);
    }

    /** At end of input: lets running and queued calls finish, waiting at most {@code timeoutMillis}. */
    void awaitIdle(long timeoutMillis) {
        ExecutorService started;
        synchronized (this) {
            started = pool;
        }
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
     * One tools/call on a worker thread. The tool sees cancellation through {@link #getAsBoolean} and decides
     * itself what it can still stop (a gateway request already sent is never abandoned). Once cancelled, the
     * reply is never sent; a cancel that arrives after the call finished changes nothing. A tool may ask the
     * person ({@link #confirm}): the question goes to the client from this worker thread, so the reader keeps
     * serving ping and tools/list meanwhile, and a cancel ends the wait at once.
     */
    private final class ToolCall implements CallContext {
        private final JsonValue id;
        private final Tool tool;
        private final JsonObject arguments;
        private final Protocol protocol;
        private final boolean canAsk; // the client declared form-mode elicitation and the revision has it
        /** Completes once: true if the client cancelled first, false if the call ended first; questions wait on it. */
        private final CompletableFuture<Boolean> ended = new CompletableFuture<>();

        ToolCall(JsonValue id, Tool tool, JsonObject arguments, Protocol protocol, boolean canAsk) {
            this.id = id;
            this.tool = tool;
            this.arguments = arguments;
            this.protocol = protocol;
            this.canAsk = canAsk;
        }

        /** True once the client cancelled this request. */
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

        /**
         * Sends elicitation/create and waits for the answer, at most the server's question timeout. Every ending
         * but an accepted, true confirmation is a no; a question we stop waiting for is cancelled at the client.
         */
        @Override
        public Outcome confirm(Question q) {
            if (!canAsk) {
                return Outcome.NOT_ASKED;
            }
            if (getAsBoolean()) { // already cancelled: no question to withdraw
                return Outcome.CALL_CANCELLED;
            }
            Elicitation.Pending asked = elicitation.ask(q, protocol);
            if (asked == null) {
                return Outcome.FAILED; // input has ended
            }
            try {
                CompletableFuture.anyOf(asked.response(), ended).get(questionTimeoutMillis, TimeUnit.MILLISECONDS);
                if (!asked.response().isDone()) { // the call was cancelled first
                    elicitation.abandon(asked, "the tool call was cancelled");
                    return Outcome.CALL_CANCELLED;
                }
                return Elicitation.read(asked.response().get());
            } catch (TimeoutException e) {
                elicitation.abandon(asked, "no answer within " + questionTimeoutMillis + " ms");
                return Outcome.TIMED_OUT;
            } catch (ExecutionException e) { // input ended: no answer can come
                return Outcome.FAILED;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                elicitation.abandon(asked, "the server is stopping");
                return Outcome.FAILED;
            }
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
