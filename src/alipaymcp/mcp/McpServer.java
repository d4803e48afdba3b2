package alipaymcp.mcp;

import alipaymcp.json.JsonException;
import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue.JsonString;
import alipaymcp.json.JsonValue;
import alipaymcp.mcp.LineReader.BadLineException;
import alipaymcp.tools.Tool;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An MCP server on stdio: newline-delimited JSON-RPC 2.0 in strict UTF-8, protocol revisions 2024-11-05,
 * 2025-03-26, 2025-06-18 and 2025-11-25. {@link #run} reads until end of input; a bad line is answered and
 * reading goes on. At end of input, tool calls still running get up to {@value #DEFAULT_DRAIN_MILLIS} ms
 * to finish (a tool bounds its own gateway timeout), then {@code run} returns 0. On SIGTERM the calls in flight
 * are marked cancelled and get the same bounded time, so a payment request already sent to the gateway is
 * never cut off half-way and its outcome is logged; with none in flight the JVM exits at once (status 143).
 */
public final class McpServer {
    /** How long calls in flight may still finish after stdin closed; covers the default 15 s gateway timeout. */
    static final long DEFAULT_DRAIN_MILLIS = 20_000;
    /** How long a question to the person (elicitation/create) waits for an answer before it counts as a no. */
    static final long DEFAULT_QUESTION_MILLIS = 300_000;
    /** How long exit waits for a line being written (a client that stopped reading must not hang us). */
    private static final long CLOSE_WAIT_MILLIS = 1_000;

    private final String serverVersion;
    private final Map<String, Tool> tools;
    private final String instructions;
    private final int maxLineBytes;
    private final long drainMillis;
    private final long questionMillis;
    private final PrintStream diagnostics;

    /**
     * @param serverVersion sent as serverInfo.version
     * @param tools listed in this order; names must be unique (checked here)
     * @param instructions sent in the initialize result, or null for none
     */
    public McpServer(String serverVersion, List<Tool> tools, String instructions) {
        this(serverVersion, tools, instructions, LineReader.DEFAULT_MAX_LINE_BYTES, DEFAULT_DRAIN_MILLIS,
                DEFAULT_QUESTION_MILLIS, System.err);
    }

    McpServer(String serverVersion, List<Tool> tools, String instructions, int maxLineBytes, long drainMillis,
            PrintStream diagnostics) {
        this(serverVersion, tools, instructions, maxLineBytes, drainMillis, DEFAULT_QUESTION_MILLIS, diagnostics);
    }

    /** The test seam: {@code questionMillis} bounds each question to the person. */
    McpServer(String serverVersion, List<Tool> tools, String instructions, int maxLineBytes, long drainMillis,
            long questionMillis, PrintStream diagnostics) {
        this.serverVersion = Objects.requireNonNull(serverVersion, "serverVersion");
        Map<String, Tool> byName = new LinkedHashMap<>();
        for (Tool tool : tools) {
            if (byName.put(tool.name(), tool) != null) {
                throw new IllegalArgumentException("two tools are named " + tool.name());
            }
        }
        this.tools = Collections.unmodifiableMap(byName);
        this.instructions = instructions;
        this.maxLineBytes = maxLineBytes;
        this.drainMillis = drainMillis;
        this.questionMillis = questionMillis;
        this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
    }

    /**
     * Where the reply to one message goes: straight to stdout, or into its slot of a batch. Every message is
     * answered through its Reply exactly once, with null when it gets no reply (a notification, a cancelled
     * call); a tool call's reply comes from its worker thread.
     */
    interface Reply {
        void send(JsonObject response);
    }

    /**
     * Serves one client until {@code in} ends. {@code out} must be the real stdout (nothing else may write
     * to it). Returns 0 at end of input, 1 if reading failed.
     */
    public int run(InputStream in, OutputStream out) {
        LineWriter writer = new LineWriter(out, diagnostics);
        ClientRequests requests = new ClientRequests(writer, diagnostics);
        ToolCalls calls = new ToolCalls(requests, questionMillis, diagnostics);
        Session session = new Session(new Methods(serverVersion, tools, instructions, calls), requests, writer);
        Thread closeOnExit = new CloseOnExit(writer, calls, drainMillis);
        Runtime.getRuntime().addShutdownHook(closeOnExit);
        try {
            return session.readAll(new LineReader(in, maxLineBytes));
        } finally {
            requests.closeAll(); // no answer can come any more: open questions end as a no at once
            calls.awaitIdle(drainMillis);
            writer.close(CLOSE_WAIT_MILLIS);
            try {
                Runtime.getRuntime().removeShutdownHook(closeOnExit);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down and the hook has run or is running: nothing to undo
            }
        }
    }

    /**
     * One client connection: checks each message's JSON-RPC envelope, handles batches (2025-03-26 only) and
     * hands requests to {@link Methods}. Every line gets its answer (or, for a notification, none) and nothing
     * a client sends stops the server. Runs on the single reader thread. The session is itself the sink of
     * single messages, so nothing before the initialize reply bootstraps a lambda (that cost about 30 ms of
     * cold start, issue 15; see {@link alipaymcp.json.JsonValue.JsonNumber}).
     */
    private final class Session implements Reply {
        private final Methods methods;
        private final ClientRequests requests;
        private final LineWriter writer;

        Session(Methods methods, ClientRequests requests, LineWriter writer) {
            this.methods = methods;
            this.requests = requests;
            this.writer = writer;
        }

        /** A single message's reply goes straight to stdout. */
        @Override
        public void send(JsonObject response) {
            if (response != null) {
                writer.writeLine(response.toJson());
            }
        }

        int readAll(LineReader reader) {
            while (true) {
                String line;
                try {
                    line = reader.readLine();
                } catch (BadLineException e) {
                    send(JsonRpc.parseError(e.getMessage()));
                    continue;
                } catch (IOException e) {
                    diagnostics.println("mcp-server-alipay: cannot read stdin (" + e.getClass().getSimpleName()
                            + "); stopping");
                    return 1;
                }
                if (line == null) {
                    return 0;
                }
                if (!line.isEmpty()) {
                    handleLine(line);
                }
            }
        }

        private void handleLine(String line) {
            JsonValue message;
            try {
                message = JsonParser.parse(line);
            } catch (JsonException e) {
                send(JsonRpc.parseError(null));
                return;
            }
            if (!(message instanceof JsonArray batch)) {
                handle(message, false, this);
                return;
            }
            Protocol protocol = methods.protocol();
            if (protocol == null || !protocol.allowsBatches()) {
                send(JsonRpc.invalidRequest(null, protocol == null
                        ? "send initialize before anything else; batches need protocol revision 2025-03-26"
                        : "batches exist only in protocol revision 2025-03-26; send one message per line"));
            } else if (batch.size() == 0) {
                send(JsonRpc.invalidRequest(null, "an empty batch is not a request"));
            } else {
                Batch replies = new Batch(batch.size(), writer);
                for (int i = 0; i < batch.size(); i++) {
                    int slot = i;
                    handle(batch.get(i), true, response -> replies.fill(slot, response));
                }
            }
        }

        /** Answers {@code message} through {@code reply} exactly once: now, or from a tool call's worker. */
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
                requests.receive(object); // a response to one of our questions, or ignored; never answered (no echo loop)
                reply.send(null);
            } else if (object.has("id") && id == null) {
                reply.send(JsonRpc.invalidRequest(null, "id must be a string or an integer"));
            } else if (!object.string("jsonrpc").orElse("").equals("2.0")) {
                reply.send(JsonRpc.invalidRequest(id, "jsonrpc must be \"2.0\""));
            } else if (!(method instanceof JsonString name)) {
                reply.send(JsonRpc.invalidRequest(id, method == null ? "method is missing" : "method must be a string"));
            } else if (id == null) {
                methods.notification(name.value(), params);
                reply.send(null);
            } else if (params != null && !(params instanceof JsonObject)) {
                reply.send(JsonRpc.invalidParams(id, "params must be an object"));
            } else {
                methods.request(id, name.value(), (JsonObject) params, inBatch, reply);
            }
        }
    }

    /** On SIGTERM: let calls in flight end (bounded), then the line being written, then write nothing more. */
    private static final class CloseOnExit extends Thread {
        private final LineWriter writer;
        private final ToolCalls calls;
        private final long drainMillis;

        CloseOnExit(LineWriter writer, ToolCalls calls, long drainMillis) {
            super("mcp-shutdown");
            this.writer = writer;
            this.calls = calls;
            this.drainMillis = drainMillis;
        }

        @Override
        public void run() {
            calls.cancelAll();
            calls.awaitIdle(drainMillis);
            writer.close(CLOSE_WAIT_MILLIS);
        }
    }

    /**
     * The replies of one batch (revision 2025-03-26), some of which come from tool worker threads, written as
     * one array line, in element order, once the last one is in. Elements without a reply (notifications,
     * cancelled calls) leave no entry; a batch with no reply at all writes nothing.
     */
    private static final class Batch {
        private final LineWriter writer;
        private final JsonObject[] replies; // guarded by this
        private int pending; // guarded by this

        Batch(int size, LineWriter writer) {
            this.writer = writer;
            this.replies = new JsonObject[size];
            this.pending = size;
        }

        void fill(int index, JsonObject reply) {
            List<JsonValue> done;
            synchronized (this) {
                replies[index] = reply;
                if (--pending > 0) {
                    return;
                }
                done = new ArrayList<>(replies.length); // only for the last reply: each element's would be O(n^2)
                for (JsonObject r : replies) {
                    if (r != null) {
                        done.add(r);
                    }
                }
            }
            if (!done.isEmpty()) {
                writer.writeLine(new JsonArray(done).toJson());
            }
        }
    }
}
