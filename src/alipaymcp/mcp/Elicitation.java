package alipaymcp.mcp;

import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonBoolean;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue.JsonString;
import alipaymcp.json.JsonValue;
import alipaymcp.tools.Tool.CallContext.Outcome;
import alipaymcp.tools.Tool.CallContext.Question;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Our questions to the person, the only requests we send: a yes-or-no form-mode {@code elicitation/create}
 * (2025-06-18 on), and the table of those awaiting a response. The form is one boolean, so nothing sensitive is
 * ever requested. Our ids are strings {@code "alipaymcp-N"}, apart from the client's; a response we did not ask
 * for, or a second one, is ignored (logged on stderr). Each open question holds a tool worker and bounds its own
 * wait, then withdraws its entry: a client that never answers cannot grow memory.
 */
final class Elicitation {
    private static final String FIELD = "confirm";
    private static final String ID_PREFIX = "alipaymcp-";

    private final StdioTransport transport;
    private final long timeoutMillis;
    private final PrintStream diagnostics;
    private final ConcurrentHashMap<String, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    private final AtomicLong lastId = new AtomicLong();
    private boolean closed; // guarded by this

    Elicitation(StdioTransport transport, long timeoutMillis, PrintStream diagnostics) {
        this.transport = transport;
        this.timeoutMillis = timeoutMillis;
        this.diagnostics = diagnostics;
    }

    /** The client declared {@code elicitation} empty (form mode in 2025-06-18) or with {@code form}, not only url. */
    static boolean canAsk(Protocol protocol, JsonValue capabilities) {
        if (!protocol.hasElicitation() || !(capabilities instanceof JsonObject declared)) {
            return false;
        }
        return declared.get("elicitation") instanceof JsonObject elicitation
                && (elicitation.members().isEmpty() || elicitation.get("form") instanceof JsonObject);
    }

    /**
     * Asks and waits for the answer, the tool call's cancel ({@code cancelled} completes) or the timeout. Every
     * ending but an accepted, true confirmation is a no; a question we stop waiting for is withdrawn.
     */
    Outcome confirm(Question question, Protocol protocol, CompletableFuture<?> cancelled) {
        if (cancelled.isDone()) { // no question to withdraw
            return Outcome.CALL_CANCELLED;
        }
        String id = ID_PREFIX + lastId.incrementAndGet();
        CompletableFuture<JsonObject> response = new CompletableFuture<>();
        synchronized (this) { // one step with closeAll's, so no question is left waiting after input ended
            if (closed) {
                return Outcome.FAILED;
            }
            pending.put(id, response);
        }
        transport.writeLine(JsonRpc.request(id, "elicitation/create", params(question, protocol)).toJson());
        try {
            CompletableFuture.anyOf(response, cancelled).get(timeoutMillis, TimeUnit.MILLISECONDS);
            if (!response.isDone()) {
                withdraw(id, response, "the tool call was cancelled");
                return Outcome.CALL_CANCELLED;
            }
            return read(response.get());
        } catch (TimeoutException e) {
            withdraw(id, response, "no answer within " + timeoutMillis + " ms");
            return Outcome.TIMED_OUT;
        } catch (ExecutionException e) { // input ended: no answer can come
            return Outcome.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            withdraw(id, response, "the server is stopping");
            return Outcome.FAILED;
        }
    }

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

    /** notifications/cancelled closes the client's form; a response that still comes is then ignored. */
    private void withdraw(String id, CompletableFuture<JsonObject> response, String reason) {
        if (pending.remove(id, response)) {
            transport.writeLine(JsonRpc.notification("notifications/cancelled",
                    JsonObject.builder().put("requestId", id).put("reason", reason).build()).toJson());
        }
    }

    /** Input has ended: every waiter is released at once and nothing new is sent. */
    void closeAll() {
        synchronized (this) {
            closed = true;
        }
        IllegalStateException ended = new IllegalStateException("input ended before the client answered");
        pending.values().forEach(response -> response.completeExceptionally(ended)); // an answer already in wins
        pending.clear();
    }

    /** A yes only for {@code accept} with the field exactly true. */
    private static Outcome read(JsonObject response) {
        if (response.has("error") || !(response.get("result") instanceof JsonObject result)) {
            return Outcome.FAILED; // an error response (even beside a result), or a result that is not an object
        }
        JsonValue answer = result.object("content").map(c -> c.get(FIELD)).orElse(null);
        return switch (result.string("action").orElse("")) {
            case "accept" -> JsonBoolean.TRUE.equals(answer) ? Outcome.CONFIRMED
                    : JsonBoolean.FALSE.equals(answer) ? Outcome.DECLINED : Outcome.FAILED;
            case "decline" -> Outcome.DECLINED;
            case "cancel" -> Outcome.CANCELLED;
            default -> Outcome.FAILED;
        };
    }

    /** The request's params; {@code mode} is named only where the revision knows it (2025-11-25). */
    private static JsonObject params(Question question, Protocol protocol) {
        JsonObject confirm = JsonObject.builder().put("type", "boolean").put("title", question.title())
                .put("description", question.description()).put("default", JsonBoolean.FALSE).build();
        JsonObject schema = JsonObject.builder().put("type", "object")
                .put("properties", JsonObject.builder().put(FIELD, confirm).build())
                .put("required", JsonArray.of(JsonValue.of(FIELD))).build();
        return JsonObject.builder().putIfPresent("mode", protocol.namesElicitationMode() ? "form" : null)
                .put("message", question.message()).put("requestedSchema", schema).build();
    }

    /** An id in a log line: ours in full, anything else only by its JSON type (it is the client's text). */
    private static String describe(JsonValue id) {
        if (id instanceof JsonString s && s.value().matches(ID_PREFIX + "[0-9]{1,19}")) {
            return s.value();
        }
        return id == null ? "missing" : "not one of ours";
    }
}
