package alipaymcp.mcp;

import alipaymcp.json.JsonException;
import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonBoolean;
import alipaymcp.json.JsonValue.JsonNull;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue.JsonString;
import alipaymcp.json.JsonValue;
import alipaymcp.mcp.StdioTransport.BadLineException;
import alipaymcp.tools.Tool;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An MCP server on stdio: newline-delimited JSON-RPC 2.0, protocol revisions 2024-11-05 to 2025-11-25. A bad
 * line is answered and reading goes on. At end of input, and on SIGTERM (which also marks them cancelled), tool
 * calls in flight get up to {@value #DEFAULT_DRAIN_MILLIS} ms to finish, so a payment request already sent to
 * the gateway is never cut off half-way and its outcome is logged; with none in flight SIGTERM exits at once.
 */
public final class McpServer {
    /** Covers the default 15 s gateway timeout. */
    static final long DEFAULT_DRAIN_MILLIS = 20_000;
    /** How long a question to the person waits for an answer before it counts as a no. */
    static final long DEFAULT_QUESTION_MILLIS = 300_000;
    /** How long exit waits for a line being written (a client that stopped reading must not hang us). */
    private static final long CLOSE_WAIT_MILLIS = 1_000;
    private static final int MAX_ECHOED_NAME = 128;

    private final String serverVersion;
    private final Map<String, Tool> tools;
    private final String instructions;
    private final long drainMillis;
    private final long questionMillis;
    private final PrintStream diagnostics;

    /** Tools are listed in this order; {@code instructions} may be null. */
    public McpServer(String serverVersion, List<Tool> tools, String instructions) {
        this(serverVersion, tools, instructions, DEFAULT_DRAIN_MILLIS, DEFAULT_QUESTION_MILLIS, System.err);
    }

    /** The test seam. */
    McpServer(String serverVersion, List<Tool> tools, String instructions, long drainMillis, long questionMillis,
            PrintStream diagnostics) {
        this.serverVersion = Objects.requireNonNull(serverVersion, "serverVersion");
        Map<String, Tool> byName = new LinkedHashMap<>();
        for (Tool tool : tools) {
            if (byName.put(tool.name(), tool) != null) {
                throw new IllegalArgumentException("two tools are named " + tool.name());
            }
        }
        this.tools = Collections.unmodifiableMap(byName);
        this.instructions = instructions;
        this.drainMillis = drainMillis;
        this.questionMillis = questionMillis;
        this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
    }

    /**
     * The one reply path: straight to stdout, or into a batch's slot. Every message is answered through its Reply
     * exactly once (a tool call from its worker), with null when it gets no reply (a notification, a cancelled call).
     */
    interface Reply {
        void send(JsonObject response);
    }

    /** Serves one client until {@code in} ends: 0, or 1 if reading failed. Only we may write to {@code out}. */
    public int run(InputStream in, OutputStream out) {
        Session session = new Session(in, out);
        Thread closeOnExit = new Thread(session, "mcp-shutdown");
        Runtime.getRuntime().addShutdownHook(closeOnExit);
        try {
            return session.readAll();
        } finally {
            session.elicitation.closeAll(); // no answer can come any more: open questions end as a no at once
            session.calls.awaitIdle(drainMillis);
            session.transport.close(CLOSE_WAIT_MILLIS);
            try {
                Runtime.getRuntime().removeShutdownHook(closeOnExit);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down and the hook has run or is running: nothing to undo
            }
        }
    }

    /**
     * One client, on the single reader thread. The session is itself the sink of single messages and the SIGTERM
     * hook, so nothing before the initialize reply bootstraps a lambda (about 30 ms of cold start, issue 15).
     */
    private final class Session implements Reply, Runnable {
        private final StdioTransport transport;
        private final Elicitation elicitation;
        private final ToolCalls calls;
        private Protocol protocol; // null before initialize
        private boolean canAsk; // the client declared form-mode elicitation and the revision has it

        Session(InputStream in, OutputStream out) {
            transport = new StdioTransport(in, out, StdioTransport.MAX_LINE_BYTES, diagnostics);
            elicitation = new Elicitation(transport, questionMillis, diagnostics);
            calls = new ToolCalls(elicitation, diagnostics);
        }

        @Override
        public void send(JsonObject response) {
            if (response != null) {
                transport.writeLine(response.toJson());
            }
        }

        /** On SIGTERM: calls in flight end (bounded), then the line being written; then nothing more is written. */
        @Override
        public void run() {
            calls.cancelAll();
            calls.awaitIdle(drainMillis);
            transport.close(CLOSE_WAIT_MILLIS);
        }

        int readAll() {
            while (true) {
                JsonValue message;
                try {
                    String line = transport.readLine();
                    if (line == null) {
                        return 0;
                    } else if (line.isEmpty()) {
                        continue;
                    }
                    message = JsonParser.parse(line);
                } catch (BadLineException e) {
                    send(JsonRpc.parseError(e.getMessage()));
                    continue;
                } catch (JsonException e) {
                    send(JsonRpc.parseError(null));
                    continue;
                } catch (IOException e) {
                    diagnostics.println("mcp-server-alipay: cannot read stdin (" + e.getClass().getSimpleName()
                            + "); stopping");
                    return 1;
                }
                if (!(message instanceof JsonArray batch)) {
                    handle(message, false, this);
                } else if (protocol == null || !protocol.allowsBatches()) {
                    send(JsonRpc.invalidRequest(null, protocol == null
                            ? "send initialize before anything else; batches need protocol revision 2025-03-26"
                            : "batches exist only in protocol revision 2025-03-26; send one message per line"));
                } else if (batch.elements().isEmpty()) {
                    send(JsonRpc.invalidRequest(null, "an empty batch is not a request"));
                } else {
                    List<JsonValue> elements = batch.elements();
                    JsonRpc.Batch replies = new JsonRpc.Batch(elements.size(), transport);
                    for (int i = 0; i < elements.size(); i++) {
                        int slot = i;
                        handle(elements.get(i), true, response -> replies.fill(slot, response));
                    }
                }
            }
        }

        private void handle(JsonValue message, boolean inBatch, Reply reply) {
            try {
                dispatch(message, inBatch, reply);
            } catch (RuntimeException e) { // a fault of ours (thrown before any reply): answer it and serve on
                diagnostics.println("mcp-server-alipay: internal error " + e.getClass().getName());
                reply.send(JsonRpc.internalError(JsonRpc.readableId(message), null));
            }
        }

        private void dispatch(JsonValue message, boolean inBatch, Reply reply) {
            if (!(message instanceof JsonObject object)) {
                reply.send(JsonRpc.invalidRequest(null, "a message must be a JSON object"));
                return;
            }
            JsonValue method = object.get("method");
            JsonValue id = JsonRpc.readableId(object);
            JsonValue params = object.get("params");
            if (method == null && (object.has("result") || object.has("error"))) {
                elicitation.receive(object); // an answer to one of our questions, or ignored; never answered
                reply.send(null);
            } else if (object.has("id") && id == null) {
                reply.send(JsonRpc.invalidRequest(null, "id must be a string or an integer"));
            } else if (!object.string("jsonrpc").orElse("").equals("2.0")) {
                reply.send(JsonRpc.invalidRequest(id, "jsonrpc must be \"2.0\""));
            } else if (!(method instanceof JsonString name)) {
                reply.send(JsonRpc.invalidRequest(id,
                        method == null ? "method is missing" : "method must be a string"));
            } else if (id == null) { // a notification: never answered; only a cancel needs anything
                JsonValue requestId = params instanceof JsonObject p ? p.get("requestId") : null;
                if (name.value().equals("notifications/cancelled") && JsonRpc.isValidId(requestId)) {
                    calls.cancel(requestId);
                }
                reply.send(null);
            } else if (params != null && !(params instanceof JsonObject)) {
                reply.send(JsonRpc.invalidParams(id, "params must be an object"));
            } else {
                request(id, name.value(), params == null ? JsonObject.EMPTY : (JsonObject) params, inBatch, reply);
            }
        }

        /** Answers a request through {@code reply}, as the last thing it does. */
        private void request(JsonValue id, String method, JsonObject params, boolean inBatch, Reply reply) {
            if (method.equals("ping")) {
                reply.send(JsonRpc.result(id, JsonObject.EMPTY));
            } else if (method.equals("initialize")) {
                reply.send(initialize(id, params, inBatch));
            } else if (method.equals("server/discover")) {
                reply.send(JsonRpc.methodNotFound(id,
                        "this server speaks protocol revisions 2024-11-05 to 2025-11-25; send initialize"));
            } else if (protocol == null) {
                reply.send(JsonRpc.error(id, JsonRpc.INVALID_REQUEST, "Server not initialized",
                        "send initialize first"));
            } else if (method.equals("tools/list")) {
                reply.send(toolsList(id, params));
            } else if (method.equals("tools/call")) {
                toolsCall(id, params, reply);
            } else {
                reply.send(JsonRpc.methodNotFound(id,
                        "this server offers initialize, ping, tools/list and tools/call"));
            }
        }

        private JsonObject initialize(JsonValue id, JsonObject params, boolean inBatch) {
            if (inBatch) {
                return JsonRpc.invalidRequest(id, "initialize must not be part of a batch");
            } else if (protocol != null) {
                return JsonRpc.invalidRequest(id, "this session is already initialized");
            }
            String requested = params.string("protocolVersion").orElse(null);
            if (requested == null) {
                return JsonRpc.invalidParams(id, "params.protocolVersion must be a string");
            }
            protocol = Protocol.negotiate(requested);
            canAsk = Elicitation.canAsk(protocol, params.get("capabilities"));
            JsonObject tools = JsonObject.builder().put("listChanged", JsonBoolean.FALSE).build();
            return JsonRpc.result(id, JsonObject.builder()
                    .put("protocolVersion", protocol.version())
                    .put("capabilities", JsonObject.builder().put("tools", tools).build())
                    .put("serverInfo", JsonObject.builder().put("name", "mcp-server-alipay")
                            .put("version", serverVersion).build())
                    .putIfPresent("instructions", instructions)
                    .build());
        }

        /** Every tool in one page, in listing order, no {@code nextCursor}. */
        private JsonObject toolsList(JsonValue id, JsonObject params) {
            JsonValue cursor = params.get("cursor");
            if (cursor != null && cursor != JsonNull.NULL) {
                return JsonRpc.invalidParams(id,
                        "invalid cursor: this server lists every tool in one page and never issues a cursor");
            }
            JsonArray listed = new JsonArray(tools.values().stream().<JsonValue>map(protocol::listing).toList());
            return JsonRpc.result(id, JsonObject.builder().put("tools", listed).build());
        }

        private void toolsCall(JsonValue id, JsonObject params, Reply reply) {
            String name = params.string("name").orElse(null);
            Tool tool = name == null ? null : tools.get(name);
            JsonValue arguments = params.get("arguments");
            if (name == null) {
                reply.send(JsonRpc.invalidParams(id, "params.name must be a string"));
            } else if (tool == null) {
                String shown = name.length() <= MAX_ECHOED_NAME ? name : name.substring(0, MAX_ECHOED_NAME) + "...";
                reply.send(JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "Unknown tool: " + shown, null));
            } else if (arguments != null && !(arguments instanceof JsonObject)) {
                reply.send(JsonRpc.invalidParams(id, "params.arguments must be an object"));
            } else {
                calls.start(id, tool, arguments == null ? JsonObject.EMPTY : (JsonObject) arguments, protocol, canAsk,
                        reply);
            }
        }
    }
}
