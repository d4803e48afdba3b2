package alipaymcp.mcp;

import alipaymcp.json.JsonObject;
import alipaymcp.json.JsonValue;
import alipaymcp.tools.Tool;
import java.io.PrintStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
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
    private final ClientRequests requests;
    private final long questionTimeoutMillis;
    private final PrintStream diagnostics;
    private ExecutorService pool;

    /** {@code requests}: where a call's questions to the person go; each waits at most {@code questionTimeoutMillis}. */
    ToolCalls(ClientRequests requests, long questionTimeoutMillis, PrintStream diagnostics) {
        this.requests = requests;
        this.questionTimeoutMillis = questionTimeoutMillis;
        this.diagnostics = diagnostics;
    }

    /**
     * Starts a call whose reply goes to {@code sink}; returns null when started, or the error to send
     * instead. An id still in flight is refused: a second call under it could not be told apart on cancel.
     */
    RpcError start(JsonValue id, Tool tool, JsonObject arguments, Protocol protocol, boolean canAsk, ReplySink sink) {
        if (inFlight.size() >= MAX_IN_FLIGHT) {
            return RpcError.internalError("too many tool calls in progress (" + MAX_IN_FLIGHT
                    + "); wait for replies before sending more");
        }
        String key = key(id);
        ToolCall call = new ToolCall(id, key, tool, arguments, protocol, canAsk, sink, this);
        if (inFlight.putIfAbsent(key, call) != null) {
            return RpcError.invalidRequest("this id is already used by a tools/call in progress; use a new id");
        }
        try {
            pool().execute(call);
        } catch (RejectedExecutionException e) { // only after shutdown began (SIGTERM)
            inFlight.remove(key, call);
            return RpcError.internalError("the server is shutting down");
        }
        return null;
    }

    /** notifications/cancelled: marks the call cancelled; unknown or finished ids are ignored. */
    void cancel(JsonValue requestId) {
        ToolCall call = inFlight.get(key(requestId));
        if (call != null) {
            call.cancel();
        }
    }

    /** At shutdown: every call in flight sees cancellation, so none starts anything new (a sent request still ends). */
    void cancelAll() {
        for (ToolCall call : inFlight.values()) {
            call.cancel();
        }
    }

    /** Called by a call when it is done, before its reply is written, so its id is free again. */
    void finished(ToolCall call) {
        inFlight.remove(call.key(), call);
    }

    ClientRequests requests() {
        return requests;
    }

    long questionTimeoutMillis() {
        return questionTimeoutMillis;
    }

    PrintStream diagnostics() {
        return diagnostics;
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

    private synchronized ExecutorService pool() {
        if (pool == null) {
            pool = Executors.newFixedThreadPool(WORKERS, new Workers());
        }
        return pool;
    }

    /** A string and a number id never collide: the key is the id's JSON text. */
    private static String key(JsonValue id) {
        return id.toJson();
    }

    /** Daemon threads, so a call still running can never keep the process alive after exit. */
    private static final class Workers implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "mcp-tool-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
