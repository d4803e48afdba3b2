package alipaymcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up path of the real jar, read from the JVM's class-load log: before the initialize reply the main
 * thread builds no tool and touches no simulator, and a payment link never loads java.net.http (issue 6: nothing
 * on the start-up path that initialize does not need).
 */
class StartupPathTest {
    private static final long REPLY_SECONDS = 30;
    private static final List<String> START_UP_TOOLS_CLASSES = List.of("alipaymcp.tools.ToolRegistry",
            "alipaymcp.tools.SelectedTools", "alipaymcp.tools.ToolName");

    @TempDir
    Path dir;

    @Test
    void initializeBuildsNoTool_andAPaymentLinkLoadsNoHttpClient() throws Exception {
        Path log = dir.resolve("classes.txt");
        Process server = start(log);
        try {
            BlockingQueue<String> replies = replies(server);
            OutputStream in = server.getOutputStream();
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\"}}");
            assertThat(replies.poll(REPLY_SECONDS, TimeUnit.SECONDS)).contains("\"id\":1,\"result\"");

            List<String> mainThread = classesOfMainThread(Files.readAllLines(log));
            assertThat(mainThread).as("our classes on the main thread by the initialize reply").isNotEmpty()
                    .filteredOn(c -> c.startsWith("alipaymcp.tools.")).isSubsetOf(START_UP_TOOLS_CLASSES);
            assertThat(mainThread).noneMatch(c -> c.startsWith("alipaymcp.simulator."));

            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"create-web-page-alipay-payment\",\"arguments\":{\"outTradeNo\":\"STARTUP1\","
                    + "\"totalAmount\":1.00,\"orderTitle\":\"start-up\"}}}");
            assertThat(replies.poll(REPLY_SECONDS, TimeUnit.SECONDS)).contains("\"id\":2,\"result\"")
                    .contains("gateway.do?");

            List<String> all = classes(Files.readAllLines(log));
            assertThat(all).as("the log sees the tool classes once a call needs them")
                    .contains("alipaymcp.tools.CreatePaymentTool", "alipaymcp.alipay.RsaSigner");
            assertThat(all).as("a payment link is signed locally: no HTTP client")
                    .noneMatch(c -> c.startsWith("java.net.http.") || c.startsWith("jdk.internal.net.http."));
            in.close();
            assertThat(server.waitFor(REPLY_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).isZero();
        } finally {
            server.destroyForcibly();
        }
    }

    private Process start(Path log) throws Exception {
        String jar = System.getProperty("jar.path", "build/mcp-server-alipay.jar");
        assertThat(Path.of(jar)).as("the jar (./build.sh builds it)").isRegularFile();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xlog:class+load=info:file=" + log + ":tid", "-jar", jar);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AP_") || name.endsWith("JAVA_OPTIONS"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        env.put("AP_APP_ID", "2021000000000000");
        env.put("AP_APP_KEY", Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded()));
        env.put("AP_PUB_KEY", Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded()));
        env.put("AP_LOG_ENABLED", "false");
        builder.redirectError(dir.resolve("stderr.txt").toFile());
        return builder.start();
    }

    /** Class names loaded by the thread that loaded alipaymcp.Main (lines look like "[tid] name source: ..."). */
    static List<String> classesOfMainThread(List<String> lines) {
        String thread = null;
        for (String line : lines) {
            if (line.contains(" alipaymcp.Main source: ")) {
                thread = line.substring(0, line.indexOf(']') + 1);
            }
        }
        assertThat(thread).as("alipaymcp.Main in the class-load log").isNotNull();
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith(thread)) {
                names.addAll(classes(List.of(line)));
            }
        }
        return names;
    }

    static List<String> classes(List<String> lines) {
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            int source = line.indexOf(" source: ");
            if (source > 0) {
                names.add(line.substring(line.indexOf("] ") + 2, source));
            }
        }
        return names;
    }

    private static void send(OutputStream in, String line) throws IOException {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    private static BlockingQueue<String> replies(Process server) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process is gone; the poll that waits for a reply fails the test
            }
        }, "startup-test-pump");
        pump.setDaemon(true);
        pump.start();
        return lines;
    }
}
