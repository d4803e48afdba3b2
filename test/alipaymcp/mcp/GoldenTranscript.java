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
import java.util.stream.Stream;

/**
 * Runs a golden transcript file against an in-process McpServer. Format, one directive per line:
 * <pre>
 * # comment                       (blank lines are ignored too)
 * server TOOLS [| INSTRUCTIONS]    start a server (after ending the previous one); TOOLS: all, none or a,b
 * > TEXT                           send TEXT + "\n"
 * >crlf TEXT                       send TEXT + "\r\n"
 * >bytes TEXT                      send TEXT's bytes with escapes \xHH \n \r \t \\ and no newline added
 * >long N                          send a line of N bytes 'a' (plus "\n")
 * < TEXT                           the next output line is exactly TEXT
 * <~ TEXT                          a run of these: the next lines are exactly these, in any order
 * eof                              close the server's stdin
 * question-timeout MS              servers started after this bound each question to the person by MS
 *                                  (default 60 s, longer than any transcript waits)
 * </pre>
 * Ending a server (at a new "server" and at the end of the file) closes stdin, waits for run() to return 0,
 * and checks that nothing else was written and every write was exactly one whole line.
 * {@link HostileCorpus} extends it with more directives through {@link #step}, {@link #send}, {@link #next},
 * {@link #endInput}, {@link #start} and {@link #stop}.
 */
class GoldenTranscript {
    static final String VERSION = "9.9.9-test";

    private final Path file;
    private final long replyWaitMillis;
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private FeedInputStream in;
    private LineSink out;
    private Thread thread;
    private final int[] status = new int[1];
    private long questionMillis = 60_000;

    GoldenTranscript(Path file) {
        this(file, 5_000);
    }

    /** For runners that add directives ({@link HostileCorpus}): {@code replyWaitMillis} bounds each reply. */
    GoldenTranscript(Path file, long replyWaitMillis) {
        this.file = file;
        this.replyWaitMillis = replyWaitMillis;
    }

    /** The transcript files ({@code *.txt}) in {@code folder}, sorted by name. */
    static List<Path> files(Path folder) throws IOException {
        assertThat(folder).as(folder + " (run the tests from the repository root)").isDirectory();
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
    }

    void run() throws IOException, InterruptedException {
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
            if (!line.isBlank() && !line.startsWith("#")) {
                step(line, where(i + 1));
            }
        }
        if (!unordered.isEmpty()) {
            expectUnordered(unordered, where(unorderedLine));
        }
        stop(where(lines.size()) + " (end)");
    }

    /** Names a line of the file in assertion messages. */
    String where(int line) {
        return file.getFileName() + ":" + line;
    }

    /** Runs one directive (never blank, never a comment). */
    void step(String line, String where) throws InterruptedException {
        if (line.startsWith("server ")) {
            stop(where);
            start(line.substring(7));
        } else if (line.startsWith("> ")) {
            send(where, (line.substring(2) + "\n").getBytes(StandardCharsets.UTF_8));
        } else if (line.startsWith(">crlf ")) {
            send(where, (line.substring(6) + "\r\n").getBytes(StandardCharsets.UTF_8));
        } else if (line.startsWith(">bytes ")) {
            send(where, unescape(line.substring(7)));
        } else if (line.startsWith(">long ")) {
            byte[] bytes = new byte[Integer.parseInt(line.substring(6)) + 1];
            Arrays.fill(bytes, (byte) 'a');
            bytes[bytes.length - 1] = '\n';
            send(where, bytes);
        } else if (line.startsWith("< ")) {
            assertThat(next(where)).as(where).isEqualTo(line.substring(2));
        } else if (line.equals("eof")) {
            endInput();
        } else if (line.startsWith("question-timeout ")) {
            questionMillis = Long.parseLong(line.substring(17));
        } else {
            throw new IllegalArgumentException(where + ": unknown directive: " + line);
        }
    }

    void send(String where, byte[] bytes) {
        if (in == null) {
            throw new IllegalArgumentException(where + ": send before any 'server' line");
        }
        in.feed(bytes);
    }

    /** The next output line, or null if none came in time. */
    String next(String where) throws InterruptedException {
        return out.next(replyWaitMillis);
    }

    /** Closes the server's stdin. */
    void endInput() {
        in.end();
    }

    private void expectUnordered(List<String> expected, String where) throws InterruptedException {
        List<String> got = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            got.add(next(where));
        }
        assertThat(got).as(where).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** Starts a server for {@code spec}: TOOLS [| INSTRUCTIONS]. */
    void start(String spec) {
        int bar = spec.indexOf('|');
        String tools = (bar < 0 ? spec : spec.substring(0, bar)).trim();
        String instructions = bar < 0 ? null : spec.substring(bar + 1).trim();
        McpServer server = new McpServer(VERSION, TestTools.named(tools), instructions, 5_000, questionMillis,
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        in = new FeedInputStream();
        out = new LineSink();
        FeedInputStream serverIn = in;
        LineSink serverOut = out;
        thread = new Thread(() -> status[0] = server.run(serverIn, serverOut), "transcript-server");
        thread.start();
    }

    boolean running() {
        return thread != null;
    }

    /** Ends the running server, if any: closes stdin and checks it returned 0 and wrote nothing more. */
    void stop(String where) throws InterruptedException {
        if (thread == null) {
            return;
        }
        in.end();
        thread.join(replyWaitMillis * 2);
        assertThat(thread.isAlive()).as(where + ": run() returned after end of input").isFalse();
        assertThat(status[0]).as(where + ": exit status").isZero();
        assertThat(out.remaining()).as(where + ": unexpected output").isEmpty();
        assertThat(out.violations()).as(where + ": framing").isEmpty();
        thread = null;
    }

    /** The diagnostics the servers wrote to their stderr. */
    String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    /** The transcripts' escapes in input lines: \xHH \n \r \t \\. */
    static byte[] unescape(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] != '\\' || i + 1 >= raw.length) {
                bytes.write(raw[i]);
            } else if (raw[i + 1] == 'x') {
                bytes.write(Integer.parseInt(new String(raw, i + 2, 2, StandardCharsets.US_ASCII), 16));
                i += 3;
            } else {
                char c = (char) raw[i + 1];
                bytes.write(c == 'n' ? '\n' : c == 'r' ? '\r' : c == 't' ? '\t' : c);
                i++;
            }
        }
        return bytes.toByteArray();
    }
}
