package alipaymcp.mcp;

import alipaymcp.tools.Tool;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

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
    private final ToolTable tools;
    private final String instructions;
    private final int maxLineBytes;
    private final long drainMillis;
    private final long questionMillis;
    private final PrintStream diagnostics;

    /**
     * @param serverVersion sent as serverInfo.version
     * @param tools asked for once, on first use: at the first tools/list or tools/call, or on a background
     *     thread right after the initialize reply, which then also runs each tool's {@link Tool#prepare}.
     *     Listed in this order; names must be unique (checked when they are built)
     * @param instructions sent in the initialize result, or null for none
     */
    public McpServer(String serverVersion, Supplier<List<Tool>> tools, String instructions) {
        this(serverVersion, new ToolTable(Objects.requireNonNull(tools, "tools"), System.err), instructions,
                LineReader.DEFAULT_MAX_LINE_BYTES, DEFAULT_DRAIN_MILLIS, DEFAULT_QUESTION_MILLIS, System.err);
    }

    /** Tools already built: listed in this order; names must be unique (checked here). */
    public McpServer(String serverVersion, List<Tool> tools, String instructions) {
        this(serverVersion, new ToolTable(tools, System.err), instructions, LineReader.DEFAULT_MAX_LINE_BYTES,
                DEFAULT_DRAIN_MILLIS, DEFAULT_QUESTION_MILLIS, System.err);
    }

    McpServer(String serverVersion, List<Tool> tools, String instructions, int maxLineBytes, long drainMillis,
            PrintStream diagnostics) {
        this(serverVersion, tools, instructions, maxLineBytes, drainMillis, DEFAULT_QUESTION_MILLIS, diagnostics);
    }

    /** The test seam: {@code questionMillis} bounds each question to the person. */
    McpServer(String serverVersion, List<Tool> tools, String instructions, int maxLineBytes, long drainMillis,
            long questionMillis, PrintStream diagnostics) {
        this(serverVersion, new ToolTable(tools, diagnostics), instructions, maxLineBytes, drainMillis, questionMillis,
                diagnostics);
    }

    private McpServer(String serverVersion, ToolTable tools, String instructions, int maxLineBytes,
            long drainMillis, long questionMillis, PrintStream diagnostics) {
        this.serverVersion = Objects.requireNonNull(serverVersion, "serverVersion");
        this.tools = tools;
        this.instructions = instructions;
        this.maxLineBytes = maxLineBytes;
        this.drainMillis = drainMillis;
        this.questionMillis = questionMillis;
        this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
    }

    /**
     * Serves one client until {@code in} ends. {@code out} must be the real stdout (nothing else may write
     * to it). Returns 0 at end of input, 1 if reading failed.
     */
    public int run(InputStream in, OutputStream out) {
        LineWriter writer = new LineWriter(out, diagnostics);
        ClientRequests requests = new ClientRequests(writer, diagnostics);
        ToolCalls calls = new ToolCalls(requests, questionMillis, diagnostics);
        Methods methods = new Methods(serverVersion, tools, instructions, calls);
        Session session = new Session(methods, requests, writer, diagnostics);
        Thread closeOnExit = new CloseOnExit(writer, calls, drainMillis);
        Runtime.getRuntime().addShutdownHook(closeOnExit);
        try {
            return readAll(new LineReader(in, maxLineBytes), session, methods, writer);
        } finally {
            requests.closeAll(); // no answer can come any more: open questions end as a no at once
            calls.awaitIdle(drainMillis);
            writer.close(CLOSE_WAIT_MILLIS);
            removeHook(closeOnExit);
        }
    }

    private int readAll(LineReader reader, Session session, Methods methods, LineWriter writer) {
        boolean preparing = false;
        while (true) {
            String line;
            try {
                line = reader.readLine();
            } catch (BadLineException e) {
                writer.writeLine(Responses.error(null, RpcError.parseError(e.getMessage())).toJson());
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
                session.handleLine(line);
            }
            if (!preparing && methods.protocol() != null) { // the initialize reply is out: warm up meanwhile
                preparing = true;
                tools.prepareInBackground();
            }
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and the hook has run or is running: nothing to undo
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
}
