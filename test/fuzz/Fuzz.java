
import alipaymcp.config.ConfigLoader;
import alipaymcp.json.JsonException;
import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonNumber;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue.JsonString;
import alipaymcp.json.JsonValue;
import alipaymcp.log.EventLog;
import alipaymcp.mcp.McpServer;
import alipaymcp.simulator.GatewaySimulator;
import alipaymcp.simulator.SimulatorOptions;
import alipaymcp.tools.Tool;
import alipaymcp.tools.ToolRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * make fuzz: a deterministic mutation fuzzer for the MCP server (issue 7). It builds valid sessions
 * (initialize under a random revision, tools/list, ping, tools/call with valid and invalid arguments,
 * batches under 2025-03-26), mutates them ({@link Mutator}) and feeds each to a fresh in-process McpServer
 * serving the five real tools against an in-process GatewaySimulator. For every session it checks: run()
 * returns 0 within {@value #SESSION_SECONDS} s, no internal error or tool exception on the diagnostics
 * stream, every output line is strict UTF-8 and a JSON-RPC response (or a non-empty array of them) that
 * our JsonParser reads, every message line with a valid id got exactly one reply (a batched one at most
 * one, a cancelled one at most one), no reply has an id that was never sent, and the heap after GC stays
 * under {@value #HEAP_LIMIT_MB} MB. Session i depends only on (seed, i), so a failure is replayed with
 * {@code --seed S --only i}.
 *
 * Usage (make fuzz compiles test/fuzz into build/fuzz):
 *   java -cp build/classes:build/fuzz Fuzz [--seed N] [--inputs N] [--seconds N] [--only I]
 */
public final class Fuzz {
    static final int SESSION_SECONDS = 60;
    static final long HEAP_LIMIT_MB = 512;
    static final int MAX_LINE_BYTES = 4 * 1024 * 1024; // the server's documented limit (StdioTransport)
    /** Sessions run side by side: most of a session's time is waiting on the simulator's loopback HTTP. */
    static final int PARALLEL = 16;

    private final Map<String, AtomicLong> errorsByCode = new TreeMap<>();
    private final AtomicLong inputs = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong replies = new AtomicLong();
    private final AtomicLong results = new AtomicLong();
    private final AtomicLong toolErrors = new AtomicLong();
    private final List<String> failures = new ArrayList<>();
    private final List<Tool> tools;
    private final ByteArrayOutputStream diagnostics;

    Fuzz(List<Tool> tools, ByteArrayOutputStream diagnostics) {
        this.tools = tools;
        this.diagnostics = diagnostics;
    }

    public static void main(String[] args) throws Exception {
        long seed = 1;
        long maxInputs = 100_000;
        long maxSeconds = 300;
        long only = -1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            long value = Long.parseLong(args[i + 1]);
            switch (args[i]) {
                case "--seed" -> seed = value;
                case "--inputs" -> maxInputs = value;
                case "--seconds" -> maxSeconds = value;
                case "--only" -> only = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        PrintStream console = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (GatewaySimulator sim = GatewaySimulator.start(SimulatorOptions.defaults())) {
            Map<String, String> env = new HashMap<>(sim.serverEnvironment());
            env.putAll(Map.of("AP_LOG_ENABLED", "false", "AP_TIMEOUT_MS", "5000", "AP_MAX_REFUND_AMOUNT", "500"));
            List<Tool> tools = ToolRegistry.select(ConfigLoader.load(env, ToolRegistry.NAMES), EventLog.disabled(),
                    "0.0.0-fuzz");
            // McpServer's public constructor writes diagnostics to System.err: capture them to check them.
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            int status;
            try {
                status = new Fuzz(tools, captured).run(seed, maxInputs, maxSeconds, only, console);
            } finally {
                System.setErr(console);
            }
            System.exit(status);
        }
    }

    int run(long seed, long maxInputs, long maxSeconds, long only, PrintStream console) throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(maxSeconds);
        long sessions = 0;
        long maxHeapMb = 0;
        ExecutorService runner = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fuzz-session");
            t.setDaemon(true);
            return t;
        });
        console.printf("fuzz: seed %d, at least %d inputs or %d s, whichever comes first; %d sessions at a time%n",
                seed, maxInputs, maxSeconds, PARALLEL);
        long next = Math.max(only, 0);
        while (only >= 0 ? next <= only : inputs.get() < maxInputs && System.nanoTime() < deadline && failures.size() < 10) {
            int round = only >= 0 ? 1 : PARALLEL;
            List<Future<String>> outcomes = new ArrayList<>();
            List<byte[]> roundInputs = new ArrayList<>();
            for (int k = 0; k < round; k++) {
                byte[] input = input(seed, next + k);
                roundInputs.add(input);
                outcomes.add(runner.submit(() -> runSession(runner, input)));
            }
            for (int k = 0; k < round; k++) {
                String failure = outcomes.get(k).get();
                if (failure != null) {
                    fail(seed, next + k, roundInputs.get(k), failure, console);
                }
            }
            String fault = diagnosticsFault();
            if (fault != null) {
                failures.add("sessions " + next + ".." + (next + round - 1) + ": " + fault);
                console.println("fuzz: FAIL in sessions " + next + ".." + (next + round - 1) + " (replay each with --only): " + fault);
            }
            next += round;
            sessions += round;
            if (sessions % 512 == 0 || only >= 0) {
                maxHeapMb = Math.max(maxHeapMb, heapAfterGc(sessions));
                if (sessions % 4096 == 0) {
                    console.printf("fuzz: %d sessions, %d inputs, %d s%n", sessions, inputs.get(),
                            TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
                }
            }
        }
        runner.shutdownNow();
        maxHeapMb = Math.max(maxHeapMb, heapAfterGc(sessions));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        console.printf("fuzz: sessions %d, inputs %d (%d MB), replies %d (results %d, of which isError %d), "
                + "errors by code %s, max heap after GC %d MB, duration %.1f s%n", sessions, inputs.get(),
                bytes.get() >> 20, replies.get(), results.get(), toolErrors.get(), errorsByCode, maxHeapMb, millis / 1000.0);
        console.println(failures.isEmpty() ? "fuzz: OK, no failure" : "fuzz: " + failures.size() + " FAILURE(S): " + failures);
        return failures.isEmpty() ? 0 : 1;
    }

    /** Heap in use after a GC, in MB; over {@link #HEAP_LIMIT_MB} is a failure (something kept what it read). */
    private long heapAfterGc(long sessions) {
        System.gc();
        long usedMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
        if (usedMb > HEAP_LIMIT_MB) {
            failures.add("heap after GC is " + usedMb + " MB after " + sessions + " sessions");
        }
        return usedMb;
    }

    /** Session i's stdin bytes: a function of (seed, i) only. */
    private byte[] input(long seed, long i) {
        List<byte[]> lines = new Sessions(seed * 1_000_003L + i).build();
        byte[] input = Sessions.join(lines, seed ^ i);
        inputs.addAndGet(lines.size());
        bytes.addAndGet(input.length);
        return input;
    }

    private void fail(long seed, long i, byte[] input, String failure, PrintStream console) throws java.io.IOException {
        failures.add("session " + i + ": " + failure);
        Path saved = Path.of("build", "fuzz-failure-" + seed + "-" + i + ".bin");
        Files.createDirectories(saved.getParent());
        Files.write(saved, input);
        console.println("fuzz: FAIL session " + i + ": " + failure + " (input saved to " + saved
                + "; replay: --seed " + seed + " --only " + i + ")");
    }

    /** Faults the servers reported on their diagnostics stream since the last call, or null. */
    private String diagnosticsFault() {
        String stderr;
        synchronized (diagnostics) {
            stderr = diagnostics.toString(StandardCharsets.UTF_8);
            diagnostics.reset();
        }
        boolean fault = stderr.contains("internal error") || stderr.contains(" threw ") || stderr.contains("returned no");
        return fault ? "diagnostics report a fault: " + shorten(stderr.strip()) : null;
    }

    /** Runs one session on its own thread; null when every check passed, else what failed. */
    private String runSession(ExecutorService runner, byte[] input) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        McpServer server = new McpServer("0.0.0-fuzz", tools, null);
        Future<Integer> status = runner.submit(() -> server.run(new ByteArrayInputStream(input), out));
        try {
            int code = status.get(SESSION_SECONDS, TimeUnit.SECONDS);
            if (code != 0) {
                return "run() returned " + code;
            }
        } catch (TimeoutException e) {
            status.cancel(true);
            return "no end within " + SESSION_SECONDS + " s (hang)";
        } catch (java.util.concurrent.ExecutionException e) {
            return "run() threw " + e.getCause();
        }
        return check(input, out.toByteArray());
    }

    /** The output checks of one session. */
    private String check(byte[] input, byte[] output) {
        String text;
        try {
            text = Expected.strictUtf8(output, 0, output.length);
        } catch (CharacterCodingException e) {
            return "stdout is not valid UTF-8";
        }
        if (!text.isEmpty() && !text.endsWith("\n")) {
            return "stdout does not end with a newline";
        }
        Map<String, Integer> got = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String bad = response(line, got);
            if (bad != null) {
                return bad + ": " + shorten(line);
            }
        }
        Expected expected = Expected.of(input);
        for (Map.Entry<String, Integer> sent : expected.single.entrySet()) {
            int n = got.getOrDefault(sent.getKey(), 0);
            int min = expected.cancelled.contains(sent.getKey()) ? 0 : sent.getValue();
            int max = sent.getValue() + expected.batched.getOrDefault(sent.getKey(), 0);
            if (n < min || n > max) {
                return "id " + shorten(sent.getKey()) + " sent " + sent.getValue() + " time(s) on its own line, answered " + n;
            }
        }
        for (Map.Entry<String, Integer> reply : got.entrySet()) {
            int sent = expected.single.getOrDefault(reply.getKey(), 0) + expected.batched.getOrDefault(reply.getKey(), 0);
            if (reply.getValue() > sent) {
                return "id " + shorten(reply.getKey()) + " answered " + reply.getValue() + " time(s), sent " + sent;
            }
        }
        return null;
    }

    /** Checks one output line and counts its replies by id; null when it is JSON-RPC. */
    private String response(String line, Map<String, Integer> got) {
        JsonValue value;
        try {
            value = JsonParser.parse(line);
        } catch (JsonException e) {
            return "an output line our parser rejects (" + e.getMessage() + ")";
        }
        List<JsonValue> messages = value instanceof JsonArray a ? a.elements() : List.of(value);
        if (messages.isEmpty()) {
            return "an empty array on stdout";
        }
        for (JsonValue m : messages) {
            if (!(m instanceof JsonObject o) || !o.string("jsonrpc").orElse("").equals("2.0") || !o.has("id")
                    || o.has("result") == o.has("error") || o.members().size() != 3) {
                return "not a JSON-RPC response";
            }
            replies.incrementAndGet();
            if (o.get("result") instanceof JsonObject result) {
                results.incrementAndGet();
                if (result.has("isError")) {
                    toolErrors.incrementAndGet();
                }
            } else if (o.get("error") instanceof JsonObject error && error.get("code") instanceof JsonNumber code
                    && code.isIntegerLexeme() && error.get("message") instanceof JsonString) {
                synchronized (errorsByCode) {
                    errorsByCode.computeIfAbsent(code.text(), k -> new AtomicLong()).incrementAndGet();
                }
            } else {
                return "a result that is not an object or a malformed error";
            }
            JsonValue id = o.get("id");
            if (Expected.isId(id)) {
                got.merge(id.toJson(), 1, Integer::sum);
            }
        }
        return null;
    }

    static String shorten(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...(" + s.length() + " chars)";
    }
}
