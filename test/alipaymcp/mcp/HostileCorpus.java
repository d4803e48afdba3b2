package alipaymcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Runs one hostile-input corpus file against in-process servers: a {@link GoldenTranscript} (server, &gt;,
 * &gt;crlf, &gt;bytes, &gt;long, &lt;, &lt;~, eof) with these directives added:
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
final class HostileCorpus extends GoldenTranscript {
    private static final long REPLY_WAIT_MILLIS = 10_000;

    private HostileReplyCount count;
    private boolean ended;
    private String caseName;
    private int cases;
    private int alive;
    private int inits;

    HostileCorpus(Path file) {
        super(file, REPLY_WAIT_MILLIS);
    }

    /** The number of cases in the file, once {@link #run} is done. */
    int cases() {
        return cases;
    }

    @Override
    String where(int line) {
        return super.where(line) + (caseName == null ? "" : " [" + caseName + "]");
    }

    @Override
    void step(String line, String where) throws InterruptedException {
        if (line.startsWith("case ")) {
            endCase(where);
            caseName = line.substring(5);
            cases++;
        } else if (line.startsWith("init ")) {
            initialize(line.substring(5).trim(), where);
        } else if (line.startsWith(">x ")) {
            int space = line.indexOf(' ', 3);
            byte[] unit = unescape(line.substring(space + 1));
            int times = Integer.parseInt(line.substring(3, space));
            byte[] bytes = new byte[unit.length * times];
            for (int i = 0; i < times; i++) {
                System.arraycopy(unit, 0, bytes, i * unit.length, unit.length);
            }
            send(where, bytes);
        } else if (line.startsWith("<x ")) {
            int space = line.indexOf(' ', 3);
            for (int i = Integer.parseInt(line.substring(3, space)); i > 0; i--) {
                assertThat(next(where)).as(where).isEqualTo(line.substring(space + 1));
            }
        } else if (line.startsWith("<re ")) {
            String got = next(where);
            assertThat(Pattern.compile(line.substring(4)).matcher(got).matches())
                    .as(where + ": " + abbreviate(got) + " matches " + line.substring(4)).isTrue();
        } else {
            super.step(line, where);
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

    @Override
    void send(String where, byte[] bytes) {
        if (!running() || ended) {
            throw new IllegalArgumentException(where + ": send with no server running");
        }
        count.sent(bytes);
        super.send(where, bytes);
    }

    /** The next output line, checked to be a JSON-RPC response (or a batch of them) and counted by id. */
    @Override
    String next(String where) throws InterruptedException {
        String line = super.next(where);
        assertThat(line).as(where + ": a reply within " + REPLY_WAIT_MILLIS + " ms").isNotNull();
        count.received(line, where);
        return line;
    }

    @Override
    void endInput() {
        super.endInput();
        count.end();
        ended = true;
    }

    /** Proves the server alive and the replies of the case complete, then starts counting afresh. */
    private void endCase(String where) throws InterruptedException {
        if (!running()) {
            return;
        }
        if (!ended) {
            String id = "\"alive-" + (++alive) + "\"";
            send(where, ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}\n").getBytes(StandardCharsets.UTF_8));
            assertThat(next(where)).as(where + ": still alive (ping answered next)")
                    .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{}}");
        }
        count.check(where);
        count = new HostileReplyCount(StdioTransport.MAX_LINE_BYTES);
        assertThat(stderr()).as(where + ": no internal error").doesNotContain("internal error");
    }

    @Override
    void start(String spec) {
        super.start(spec);
        count = new HostileReplyCount(StdioTransport.MAX_LINE_BYTES);
        ended = false;
    }

    @Override
    void stop(String where) throws InterruptedException {
        endCase(where);
        if (running()) {
            super.stop(where);
            caseName = null;
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...(" + s.length() + " chars)";
    }
}
