package alipaymcp.mcp;

import alipaymcp.json.JsonObject;
import alipaymcp.json.JsonValue;
import alipaymcp.tools.CallContext;
import alipaymcp.tools.Tool;
import alipaymcp.tools.ToolResult;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One tools/call on a worker thread. The tool sees cancellation through {@link #getAsBoolean} and decides
 * itself what it can still stop (a gateway request already sent is never abandoned). Once cancelled, the
 * reply is never sent; a cancel that arrives after the call finished changes nothing. A tool may ask the
 * person ({@link #confirm}): the question goes to the client from this worker thread, so the reader keeps
 * serving ping and tools/list meanwhile, and a cancel ends the wait at once.
 */
final class ToolCall implements Runnable, CallContext {
    private final JsonValue id;
    private final String key;
    private final Tool tool;
    private final JsonObject arguments;
    private final Protocol protocol;
    private final boolean canAsk;
    private final ReplySink sink;
    private final ToolCalls owner;
    private boolean cancelled;
    private boolean finished;
    private ClientRequests.Pending question; // the question open right now, if any

    /** {@code canAsk}: the client declared form-mode elicitation and the revision has it. */
    ToolCall(JsonValue id, String key, Tool tool, JsonObject arguments, Protocol protocol, boolean canAsk,
            ReplySink sink, ToolCalls owner) {
        this.id = id;
        this.key = key;
        this.tool = tool;
        this.arguments = arguments;
        this.protocol = protocol;
        this.canAsk = canAsk;
        this.sink = sink;
        this.owner = owner;
    }

    String key() {
        return key;
    }

    /** True once the client cancelled this request. */
    @Override
    public synchronized boolean getAsBoolean() {
        return cancelled;
    }

    synchronized void cancel() {
        if (!finished) {
            cancelled = true;
            if (question != null) {
                question.response().cancel(false); // wakes the waiting worker
            }
        }
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
        ClientRequests requests = owner.requests();
        ClientRequests.Pending asked = requests.send(Elicitation.METHOD, Elicitation.params(q, protocol));
        if (asked == null) {
            return Outcome.FAILED; // too many questions open, or input has ended
        }
        synchronized (this) {
            if (cancelled) {
                requests.abandon(asked, "the tool call was cancelled");
                return Outcome.CALL_CANCELLED;
            }
            question = asked;
        }
        try {
            return Elicitation.read(asked.response().get(owner.questionTimeoutMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            requests.abandon(asked, "no answer within " + owner.questionTimeoutMillis() + " ms");
            return Outcome.TIMED_OUT;
        } catch (CancellationException e) {
            requests.abandon(asked, "the tool call was cancelled");
            return Outcome.CALL_CANCELLED;
        } catch (ExecutionException e) { // input ended: no answer can come
            return Outcome.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            requests.abandon(asked, "the server is stopping");
            return Outcome.FAILED;
        } finally {
            synchronized (this) {
                question = null;
            }
        }
    }

    @Override
    public void run() {
        JsonObject response = respond();
        owner.finished(this);
        boolean suppressed;
        synchronized (this) {
            finished = true;
            suppressed = cancelled;
        }
        sink.reply(suppressed ? null : response);
    }

    private JsonObject respond() {
        try {
            ToolResult result = tool.call(arguments, this);
            if (result == null) {
                return failure("returned no result");
            }
            if (!result.isError() && result.structuredContent() == null && tool.outputSchema().isPresent()) {
                return failure("returned no structured content although it declares an output schema");
            }
            return Responses.result(id, ToolJson.callResult(result, protocol));
        } catch (Throwable e) { // whatever a tool throws, the client gets an answer and the server serves on
            StackTraceElement[] where = e.getStackTrace();
            return failure("threw " + e.getClass().getName() + (where.length > 0 ? " at " + where[0] : ""));
        }
    }

    /** Internal detail goes to stderr only; the client learns just that the tool failed. */
    private JsonObject failure(String detail) {
        owner.diagnostics().println("mcp-server-alipay: tool " + tool.name() + " " + detail);
        return Responses.error(id, RpcError.internalError("the tool failed unexpectedly; see the server's stderr"));
    }
}
