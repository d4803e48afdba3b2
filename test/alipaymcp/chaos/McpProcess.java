package alipaymcp.chaos;

import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonBoolean;
import alipaymcp.json.JsonValue.JsonNumber;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue.JsonString;
import alipaymcp.json.JsonValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The built jar as an MCP server in a child process: requests written as lines to its stdin, replies read
 * from its stdout by id, and everything it printed on stdout and stderr kept for inspection. The jar comes
 * from the jar.path system property (the test harness sets it), else build/mcp-server-alipay.jar.
 */
public final class McpProcess implements AutoCloseable {
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private int nextId = 1;

    private McpProcess(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        pump(process.getInputStream(), line -> {
            stdout.add(line);
            replies.add(line);
        });
        pump(process.getErrorStream(), stderr::add);
    }

    /** Starts {@code java -jar <jar> [args]} with exactly {@code env} (plus PATH) and initializes a session. */
    public static McpProcess start(Map<String, String> env, String... args) throws Exception {
        McpProcess mcp = launch(env, args);
        JsonObject init = mcp.request("initialize", "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"chaos-test\",\"version\":\"1\"}}");
        if (init.get("result") == null) {
            throw new IllegalStateException("initialize failed: " + init + "\nstderr: " + mcp.stderr());
        }
        mcp.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return mcp;
    }

    /** Starts the jar without any MCP exchange (for start-up failures). */
    public static McpProcess launch(Map<String, String> env, String... args) throws IOException {
        return launch(List.of(), env, args);
    }

    /** Starts {@code java <jvmOptions> -jar <jar> [args]} without any MCP exchange. */
    public static McpProcess launch(List<String> jvmOptions, Map<String, String> env, String... args)
            throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        String path = environment.get("PATH");
        environment.clear();
        if (path != null) {
            environment.put("PATH", path);
        }
        environment.putAll(env);
        return new McpProcess(builder.start());
    }

    /** Sends a request and returns the whole reply (with its result or error). */
    public synchronized JsonObject request(String method, String paramsJson) throws Exception {
        int id = nextId++;
        send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + paramsJson + "}");
        long deadline = System.nanoTime() + REPLY_TIMEOUT.toNanos();
        while (true) {
            String line = replies.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IllegalStateException(method + " #" + id + ": no reply within " + REPLY_TIMEOUT
                        + (process.isAlive() ? "" : "; the server exited with " + process.exitValue())
                        + "\nstderr: " + stderr);
            }
            JsonObject reply = (JsonObject) JsonParser.parse(line);
            if (reply.get("id") instanceof JsonNumber n && n.text().equals(String.valueOf(id))) {
                return reply;
            }
        }
    }

    /** tools/call; returns the result object (content, isError, structuredContent). */
    public Result call(String tool, String argumentsJson) throws Exception {
        JsonObject reply = request("tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + argumentsJson + "}");
        JsonObject result = reply.object("result").orElseThrow(() -> new IllegalStateException(
                tool + ": a JSON-RPC error instead of a result: " + reply));
        JsonArray content = (JsonArray) result.get("content");
        String text = ((JsonObject) content.elements().get(0)).string("text").orElseThrow();
        boolean isError = result.get("isError") instanceof JsonBoolean b && b.value();
        JsonValue structured = result.get("structuredContent");
        return new Result(text, isError, structured instanceof JsonObject o ? o : null);
    }

    /** A tool result as a client sees it. */
    public record Result(String text, boolean isError, JsonObject structuredContent) {
        public String url() {
            return structuredContent == null ? null : structuredContent.string("url").orElse(null);
        }
    }

    public void send(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** Closes stdin and waits for the process to end; returns its exit status. */
    public int finish() throws Exception {
        stdin.close();
        if (!process.waitFor(REPLY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the server did not exit after stdin closed");
        }
        Thread.sleep(100); // the pumps read the last lines
        return process.exitValue();
    }

    /** SIGTERM (on Linux), then waits for the exit; returns the exit status. */
    public int terminate() throws Exception {
        process.destroy();
        if (!process.waitFor(REPLY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the server did not exit after SIGTERM");
        }
        Thread.sleep(100); // the pumps read the last lines
        return process.exitValue();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public List<String> stdout() {
        return List.copyOf(stdout);
    }

    public List<String> stderr() {
        return List.copyOf(stderr);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String jar() {
        String jar = System.getProperty("jar.path", "build/mcp-server-alipay.jar");
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("no jar at " + jar + "; run ./build.sh (make test does)");
        }
        return jar;
    }

    /** JSON string literal of s (our writer's escaping). */
    public static String quote(String s) {
        return new JsonString(s).toJson();
    }

    private static void pump(InputStream in, Consumer<String> sink) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // the process is gone; the waiting side reports it
            }
        }, "mcp-pump");
        thread.setDaemon(true);
        thread.start();
    }
}
