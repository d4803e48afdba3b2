package alipaymcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Hostile bytes through the real jar ({@code java -jar mcp-server-alipay.jar --simulator}, no LANG, a 48 MB
 * heap): proves the framing end to end on real stdin/stdout. stdout must be strict UTF-8 lines of JSON-RPC
 * and nothing else, each request answered once, and a 100 MB line (streamed, never held by the test) must
 * cost the server one error and no more memory than its line limit.
 */
class HostileJarTest {
    private static final long EXIT_WAIT_SECONDS = 60;

    @Test
    void realJar_answersHostileBytesWithProtocolLinesOnly() throws Exception {
        String jar = System.getProperty("jar.path", "build/mcp-server-alipay.jar");
        Assumptions.assumeTrue(Files.isRegularFile(Path.of(jar)), "the jar is built (make test builds it)");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "-jar", jar, "--simulator");
        builder.environment().keySet().removeIf(k -> k.equals("LANG") || k.startsWith("LC_") || k.startsWith("AP_")
                || k.equals("JAVA_TOOL_OPTIONS"));
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process server = builder.start();
        Thread feeder = new Thread(() -> feed(server.getOutputStream()), "hostile-feeder");
        feeder.start();
        byte[] stdout = server.getInputStream().readAllBytes();
        assertThat(server.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)).as("exit after stdin closed").isTrue();
        feeder.join(5_000);
        // The 100 MB line is twice the heap: a line buffer that grew past the limit would end in OutOfMemoryError
        // and exit status 1 (checked by making the buffer unbounded: this line then failed).
        assertThat(server.exitValue()).as("exit status; 1 if the server ran out of its 48 MB heap").isZero();

        String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(stdout)).toString();
        assertThat(text).endsWith("\n");
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n")));
        HostileReplyCount count = new HostileReplyCount(StdioTransport.MAX_LINE_BYTES);
        count.sent(input(0));
        count.sent(input(1));
        count.end();
        for (String line : lines) {
            count.received(line, "jar stdout");
        }
        count.check("jar session");
        assertThat(lines.get(0)).startsWith("{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"protocolVersion\":\"2025-11-25\",");
        assertThat(lines.subList(1, lines.size())).containsExactlyInAnyOrder(EXPECTED);
    }

    private static final String PE = "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}";
    private static final String[] EXPECTED = {
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\",\"data\":\"line is not valid"
                + " UTF-8 (bad byte at offset 0); send UTF-8 text\"}}",
        PE, // byte-order mark
        PE, // NUL
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", // CRLF
        PE, // bad JSON
        "{\"jsonrpc\":\"2.0\",\"id\":" + "9".repeat(400) + ",\"result\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":\"支付-😀\",\"result\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid Request\",\"data\":\"id must be a"
                + " string or an integer\"}}",
        PE, // 100,000 brackets
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"totalAmount: at most 2 decimal"
                + " places, got 1.001\"}],\"isError\":true}}",
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\",\"data\":\"line is longer than"
                + " the limit of 4194304 bytes; it was skipped, send smaller messages\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}",
    };

    /** Part 0: everything before the 100 MB line; part 1: what follows it. */
    private static byte[] input(int part) {
        String text = part == 1 ? "\n{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}\n" : String.join("\n",
                "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"hostile\",\"version\":\"1\"}}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "\u00ff", // placeholder for 0xFF, replaced below
                "\ufeff{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"}",
                "\u0000",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\r",
                "{bad json",
                "{\"jsonrpc\":\"2.0\",\"id\":" + "9".repeat(400) + ",\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"支付-😀\",\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}",
                "[".repeat(100_000) + "]".repeat(100_000),
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"create-web-page-alipay-payment\","
                        + "\"arguments\":{\"outTradeNo\":\"T1\",\"totalAmount\":1.001,\"orderTitle\":\"t\"}}}",
                "");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (part == 0) { // the line "\u00ff" became C3 BF: make it the single invalid byte FF
            int at = indexOf(bytes, new byte[] {'\n', (byte) 0xc3, (byte) 0xbf, '\n'});
            byte[] raw = new byte[bytes.length - 1];
            System.arraycopy(bytes, 0, raw, 0, at + 1);
            raw[at + 1] = (byte) 0xff;
            System.arraycopy(bytes, at + 3, raw, at + 2, bytes.length - at - 3);
            return raw;
        }
        return bytes;
    }

    private static int indexOf(byte[] bytes, byte[] what) {
        for (int i = 0; i + what.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + what.length, what, 0, what.length)) {
                return i;
            }
        }
        throw new IllegalStateException("marker not found");
    }

    /** Writes part 0, a 100 MB line in 1 MB chunks, part 1, then closes stdin. */
    private static void feed(OutputStream stdin) {
        try (stdin) {
            stdin.write(input(0));
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'a');
            for (int i = 0; i < 100; i++) {
                stdin.write(chunk);
            }
            stdin.write(input(1));
        } catch (IOException e) {
            throw new IllegalStateException("the server stopped reading stdin", e);
        }
    }
}
