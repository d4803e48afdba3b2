package alipaymcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs one hostile-input corpus file against in-process servers. The format is {@link GoldenTranscript}'s
 * (server, &gt;, &gt;crlf, &gt;bytes, &gt;long, &lt;, &lt;~, eof; that runner is final and has no extension
 * points, so this one shares its format, its stdin/stdout doubles and its test tools, not its class) plus:
 * <pre>
 * case NAME          starts a case (the corpus is counted in cases)
 * init REV           initialize with revision REV and expect the standard result
 * &gt;x N TEXT         send TEXT (with &gt;bytes escapes) repeated N times, no newline added
 * &lt;x N TEXT         the next N output lines are each exactly TEXT
 * &lt;re REGEX         the next output line matches REGEX (replies with huge or variable data)
 * </pre>
 * At the end of every case the runner proves the server alive (a ping sent then is the next line out) and
 * checks the replies by id ({@link HostileReplyCount}); every output line must be a JSON-RPC response.
 */
final class HostileCorpus {
    private static final long REPLY_WAIT_MILLIS = 10_000;
    static final String VERSION = "9.9.9-test";

    private final Path file;
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private FeedInputStream in;
    private LineSink out;
    private Thread thread;
    private final int[] status = new int[1];
    private HostileReplyCount count;
    private boolean ended;
    private String caseName;
    private int cases;
    private int alive;
    private int inits;

    HostileCorpus(Path file) {
        this.file = file;
    }

    /** Runs the file; returns the number of cases in it. */
    int run() throws IOException, InterruptedException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> unordered = new ArrayList<>();
        int unorderedLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("<~ ")) {
                unorderedLine = unordered.isEmpty() ? i + 1 : unorderedLine;
                unordered.add(line.substring(3));
                continue;
            }
            if (!unordered.isEmpty()) {
                expectUnordered(unordered, where(unorderedLine));
                unordered.clear();
            }
            step(line, where(i + 1));
        }
        if (!unordered.isEmpty()) {
            expectUnordered(unordered, where(unorderedLine));
        }
        stop(where(lines.size()));
        return cases;
    }

    private String where(int line) {
        return file.getFileName() + ":" + line + (caseName == null ? "" : " [" + caseName + "]");
    }

    private void step(String line, String where) throws InterruptedException {
        if (line.isBlank() || line.startsWith("#")) {
            return;
        } else if (line.startsWith("server ")) {
            stop(where);
            start(line.substring(7).trim());
        } else if (line.startsWith("case ")) {
            endCase(where);
            caseName = line.substring(5);
            cases++;
        } else if (line.startsWith("init ")) {
            initialize(line.substring(5).trim(), where);
        } else if (line.startsWith("> ")) {
            send(where, (line.substring(2) + "\n").getBytes(StandardCharsets.UTF_8));
        } else if (line.startsWith(">crlf ")) {
            send(where, (line.substring(6) + "\r\n").getBytes(StandardCharsets.UTF_8));
        } else if (line.startsWith(">bytes ")) {
            send(where, GoldenTranscript.unescape(line.substring(7)));
        } else if (line.startsWith(">long ")) {
            byte[] bytes = new byte[Integer.parseInt(line.substring(6)) + 1];
            Arrays.fill(bytes, (byte) 'a');
            bytes[bytes.length - 1] = '\n';
            send(where, bytes);
        } else if (line.startsWith(">x ")) {
            int space = line.indexOf(' ', 3);
            byte[] unit = GoldenTranscript.unescape(line.substring(space + 1));
            int times = Integer.parseInt(line.substring(3, space));
            byte[] bytes = new byte[unit.length * times];
            for (int i = 0; i < times; i++) {
                System.arraycopy(unit, 0, bytes, i * unit.length, unit.length);
            }
            send(where, bytes);
        } else if (line.startsWith("< ")) {
            assertThat(next(where)).as(where).isEqualTo(line.substring(2));
        } else if (line.startsWith("<x ")) {
            int space = line.indexOf(' ', 3);
            for (int i = Integer.parseInt(line.substring(3, space)); i > 0; i--) {
                assertThat(next(where)).as(where).isEqualTo(line.substring(space + 1));
            }
        } else if (line.startsWith("<re ")) {
            String got = next(where);
            assertThat(Pattern.compile(line.substring(4)).matcher(got).matches())
                    .as(where + ": " + abbreviate(got) + " matches " + line.substring(4)).isTrue();
        } else if (line.equals("eof")) {
            in.end();
            count.end();
            ended = true;
        } else {
            throw new IllegalArgumentException(where + ": unknown directive: " + line);
        }
    }

    private void initialize(String revision, String where) throws InterruptedException {
        String id = "\"init-" + (++inits) + "\"";
        send(where, ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                + revision + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"hostile\",\"version\":\"1\"}}}\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(next(where)).as(where).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"protocolVersion\":\""
                + revision + "\",\"capabilities\":{\"tools\":{\"listChanged\":false}},\"serverInfo\":{\"name\":"
                + "\"mcp-server-alipay\",\"version\":\"" + VERSION + "\"}}}");
    }

    private void send(String where, byte[] bytes) {
        if (in == null || ended) {
            throw new IllegalArgumentException(where + ": send with no server running");
        }
        count.sent(bytes);
        in.feed(bytes);
    }

    /** The next output line, checked to be a JSON-RPC response (or a batch of them) and counted by id. */
    private String next(String where) throws InterruptedException {
        String line = out.next(REPLY_WAIT_MILLIS);
        assertThat(line).as(where + ": a reply within " + REPLY_WAIT_MILLIS + " ms").isNotNull();
        count.received(line, where);
        return line;
    }

    private void expectUnordered(List<String> expected, String where) throws InterruptedException {
        List<String> got = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            got.add(next(where));
        }
        assertThat(got).as(where).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** Proves the server alive and the replies of the case complete, then starts counting afresh. */
    private void endCase(String where) throws InterruptedException {
        if (thread == null) {
            return;
        }
        if (!ended) {
            String id = "\"alive-" + (++alive) + "\"";
            send(where, ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}\n").getBytes(StandardCharsets.UTF_8));
            assertThat(next(where)).as(where + ": still alive (ping answered next)")
                    .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{}}");
        }
        count.check(where);
        count = new HostileReplyCount(LineReader.DEFAULT_MAX_LINE_BYTES);
        assertThat(stderr()).as(where + ": no internal error").doesNotContain("internal error");
    }

    private void start(String tools) {
        McpServer server = new McpServer(VERSION, TestTools.named(tools), null, LineReader.DEFAULT_MAX_LINE_BYTES,
                5_000, new PrintStream(stderr, true, StandardCharsets.UTF_8));
        in = new FeedInputStream();
        out = new LineSink();
        count = new HostileReplyCount(LineReader.DEFAULT_MAX_LINE_BYTES);
        ended = false;
        FeedInputStream serverIn = in;
        LineSink serverOut = out;
        thread = new Thread(() -> status[0] = server.run(serverIn, serverOut), "hostile-server");
        thread.start();
    }

    private void stop(String where) throws InterruptedException {
        endCase(where);
        if (thread == null) {
            return;
        }
        in.end();
        thread.join(REPLY_WAIT_MILLIS * 2);
        assertThat(thread.isAlive()).as(where + ": run() returned after end of input").isFalse();
        assertThat(status[0]).as(where + ": exit status").isZero();
        assertThat(out.remaining()).as(where + ": unexpected output").isEmpty();
        assertThat(out.violations()).as(where + ": framing").isEmpty();
        thread = null;
        caseName = null;
    }

    String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...(" + s.length() + " chars)";
    }
}
