package alipaymcp;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.chaos.McpProcess;
import alipaymcp.json.JsonValue.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What stays deliberate on the start-up path of the real jar, read from the JVM's class-load log: a production
 * start touches no simulator, makes no thread pool and bootstraps no regex or lambda before the initialize reply
 * with TestConfig's settings (Rules checks AP_TIMEOUT_MS, AP_MAX_REFUND_AMOUNT and an http loopback
 * AP_GATEWAY_URL with a regex; the loopback check without one made no wall-clock difference over 20-25
 * interleaved starts, issue 15), the log file is opened only once an event needs it, and a payment link never
 * loads java.net.http. The tools themselves are built at start (issue 15: building them after the initialize
 * reply earned nothing measurable in {@code make bench}).
 */
class StartupPathTest {
    @TempDir
    Path dir;

    @Test
    void initializeLoadsNoSimulatorNorThreadPool_andAPaymentLinkLoadsNoHttpClient() throws Exception {
        Path log = dir.resolve("classes.txt");
        try (McpProcess server = McpProcess.launch(List.of("-Xlog:class+load=info:file=" + log + ":tid"),
                TestConfig.env())) {
            assertThat(server.request("initialize", "{\"protocolVersion\":\"2025-06-18\"}").has("result")).isTrue();

            List<String> mainThread = classesOfMainThread(Files.readAllLines(log));
            assertThat(mainThread).as("our classes on the main thread by the initialize reply").isNotEmpty()
                    .noneMatch(c -> c.startsWith("alipaymcp.simulator."));
            assertThat(mainThread).as("no thread pool before the first call (docs/performance.md)")
                    .doesNotContain("java.util.concurrent.ThreadPoolExecutor");
            assertThat(mainThread).as("no regex and no lambda before the initialize reply (issue 15: about 30 ms)")
                    .noneMatch(c -> c.startsWith("java.util.regex.") || c.contains("$$Lambda")
                            || c.equals("java.lang.invoke.LambdaMetafactory"));
            assertThat(mainThread).as("no record equals, hashCode or toString before the initialize reply: their"
                    + " ObjectMethods bootstrap spins method handles (issue 15: about 34 ms)")
                    .doesNotContain("java.lang.runtime.ObjectMethods");

            server.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            JsonObject link = server.request("tools/call", "{\"name\":\"create-web-page-alipay-payment\","
                    + "\"arguments\":{\"outTradeNo\":\"STARTUP1\",\"totalAmount\":1.00,\"orderTitle\":\"start-up\"}}");
            assertThat(link.has("result")).isTrue();
            assertThat(link.toJson()).contains("gateway.do?");

            List<String> all = classes(Files.readAllLines(log));
            assertThat(all).as("the class-load log covers the call").contains("alipaymcp.alipay.RsaSigner");
            assertThat(all).as("a payment link is signed locally: no HTTP client")
                    .noneMatch(c -> c.startsWith("java.net.http.") || c.startsWith("jdk.internal.net.http."));
            assertThat(server.finish()).isZero();
        }
    }

    @Test
    void withTheLogOn_theLogFileIsOpenedAfterTheInitializeReply_andStartsWithTheStartLine() throws Exception {
        Path classLog = dir.resolve("classes.txt");
        Path home = Files.createDirectory(dir.resolve("home"));
        Map<String, String> env = new HashMap<>(TestConfig.env());
        env.put("AP_LOG_ENABLED", "true"); // the default
        env.put("HOME", home.toString());
        try (McpProcess server = McpProcess.launch(List.of("-Xlog:class+load=info:file=" + classLog + ":tid"), env)) {
            assertThat(server.request("initialize", "{\"protocolVersion\":\"2025-06-18\"}").has("result")).isTrue();

            assertThat(classesOfMainThread(Files.readAllLines(classLog)))
                    .as("opening the log and timestamping its first line wait until after the initialize reply")
                    .doesNotContain("sun.nio.ch.FileChannelImpl", "java.time.format.DateTimeFormatter");

            server.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            JsonObject link = server.request("tools/call", "{\"name\":\"create-web-page-alipay-payment\","
                    + "\"arguments\":{\"outTradeNo\":\"STARTUP2\",\"totalAmount\":1.00,\"orderTitle\":\"log\"}}");
            assertThat(link.has("result")).isTrue();
            assertThat(server.finish()).isZero();
        }
        List<String> lines = Files.readAllLines(home.resolve("mcp-server-alipay.log"));
        assertThat(lines).isNotEmpty();
        assertThat(lines.get(0)).contains(" start version=").contains(" config=");
        assertThat(lines).anyMatch(line -> line.contains(" call tool=create-web-page-alipay-payment "));
    }

    @Test
    void aSessionWithNoCallStillLogsItsStart_orWarnsThatItCannot() throws Exception {
        Path home = Files.createDirectory(dir.resolve("home-short"));
        Map<String, String> env = new HashMap<>(TestConfig.env());
        env.put("AP_LOG_ENABLED", "true");
        env.put("HOME", home.toString());
        try (McpProcess server = McpProcess.launch(env)) {
            assertThat(server.finish()).isZero(); // end of input at once: no initialize, no call
        }
        assertThat(Files.readAllLines(home.resolve("mcp-server-alipay.log"))).singleElement().asString()
                .contains(" start version=");

        env.put("HOME", dir.resolve("no/such/home").toString());
        try (McpProcess server = McpProcess.launch(env)) {
            assertThat(server.finish()).isZero();
            assertThat(String.join("\n", server.stderr())).contains("warning: not writing the log file");
        }
    }

    @Test
    void noClassOfTheJarUsesReflection() throws Exception {
        // Reflection would let a reader miss a call path: every call in the jar is visible in its source.
        int classes = 0;
        try (JarFile jar = new JarFile(System.getProperty("jar.path", "build/mcp-server-alipay.jar"))) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                if (entry.getName().endsWith(".class")) {
                    classes++;
                    String constants = new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.ISO_8859_1);
                    assertThat(constants).as(entry.getName()).doesNotContain("java/lang/reflect/");
                }
            }
        }
        assertThat(classes).as("classes in the jar").isGreaterThan(100);
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
}
