import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * make bench: {@code java test/bench/Bench.java build/mcp-server-alipay.jar}. Measures the server against
 * the floors of this machine (issue 6), prints one table and writes the same figures to build/bench.json.
 * Every figure is the median of RUNS runs with min and max, all taken in this one run; cold runs are
 * interleaved (floor, server, sign floor, first link, ...) so drift hits all of them alike. Children run
 * on loopback only, with bounded waits: a child that hangs is killed and the benchmark fails naming it.
 */
public final class Bench {
    static final int RUNS = 10;
    static final int QUICK_RUNS = 3;
    static final int COLD_WARMUP = 2;
    static final int WARM_WARMUP_CALLS = 500;
    static final int SEQUENTIAL_CALLS = 1_000;
    /** Per run; RUNS runs make the issue's "at least 2,000 calls". */
    static final int THROUGHPUT_CALLS = 400;
    static final int IN_FLIGHT = 16;
    static final int RSS_SESSION_CALLS = 1_000;
    /** How many classes test/bench/ClassFloor.java loads before it answers (its CLASSES). */
    static final int CLASS_FLOOR_CLASSES = 40;
    /** The optional JVM options README offers for a smaller footprint: a serial collector, an 8 MB young generation. */
    static final List<String> SMALL_HEAP = List.of("-XX:+UseSerialGC", "-Xmn8m");
    /** An agent session as a desktop client runs one: initialize, tools/list, then this many sequential calls. */
    static final int AGENT_SESSION_CALLS = 50;
    /**
     * The launch README recommends for desktop clients: a serial collector, a 1 MB young generation, C1 only, and
     * the JVM's own warnings on stderr (by default they go to stdout, the protocol stream: JDK 25 writes four lines
     * there when the archive no longer matches the jar). -Xmn1m rather than 2m: the JDK 25 session with the AOT
     * cache 0.8 MiB smaller (23.2 against 24.0 MiB over the floor, 3 runs each), start and link no slower
     * (docs/performance.md), for three more young collections before the first link.
     * Each JDK adds its class archive (see {@link Launch}).
     */
    static final List<String> DESKTOP = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmn1m",
            "-Xlog:disable", "-Xlog:all=warning:stderr");
    /**
     * At its exit a JDK 25 training session writes four lines of its own (the cache's progress) to stdout, the
     * protocol stream, even with the -Xlog pair of DESKTOP; this option sends them to stderr (checked on 25.0.3).
     */
    static final String TRAINING_STDERR = "-XX:+DisplayVMOutputToStderr";
    /** A JDK 19+ beside the default one (this machine has Temurin 25), measured with its own floors when present. */
    static final String NEWER_JDK = "temurin-25-jdk-amd64";
    static final long RSA_ROUND_MILLIS = 400;
    /** USER_HZ of /proc/<pid>/stat: 100 on every Linux this runs on. */
    static final double CLOCK_TICKS = 100;
    static final long COLD_TIMEOUT_MS = 30_000;
    static final long CALL_TIMEOUT_MS = 20_000;
    static final String PAID_TRADE = "BENCHPAID" + System.currentTimeMillis() % 1_000_000_000L;
    /** Paid with enough to refund 0.01 at a time in every agent session. */
    static final String REFUND_TRADE = "BENCHRFND" + System.currentTimeMillis() % 1_000_000_000L;

    final Path jar;
    final Path work;
    final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    final Path childLog;
    final Map<String, String> serverEnv = new LinkedHashMap<>();
    /** serverEnv without AP_GATEWAY_URL, for the cold runs ({@link #coldServer}). */
    final Map<String, String> productionEnv = new LinkedHashMap<>();
    final Figures figures = new Figures();
    final List<String> notes = new ArrayList<>();
    String gatewayUrl;
    Child simulator;
    /** The desktop launches on this JDK, and on NEWER_JDK when it is installed. */
    final List<Launch> desktop = new ArrayList<>();
    int agentSessions;
    /** From the cold phase, for the start-up classes note; NaN until measured. */
    double classCostMillis = Double.NaN;
    double floorMillis = Double.NaN;

    final int runs;
    final List<String> serverOptions;
    final String only;
    /** Another build of the server whose cold runs are interleaved with ours (A/B under the same noise), or null. */
    final Path baseline;

    Bench(Path jar, int runs, List<String> serverOptions, String only, Path baseline) {
        this.jar = jar.toAbsolutePath();
        this.baseline = baseline == null ? null : baseline.toAbsolutePath();
        this.work = this.jar.getParent().resolve("bench");
        this.childLog = work.resolve("children.log");
        this.runs = runs;
        this.serverOptions = List.copyOf(serverOptions);
        this.only = only;
    }

    static final String USAGE = "usage: java test/bench/Bench.java [--quick] [--only cold|warm|rss]"
            + " [--server-option OPTION]... [--baseline OTHER.jar] build/mcp-server-alipay.jar\n"
            + "  --quick          " + QUICK_RUNS + " runs per figure instead of " + RUNS + " (for trying changes, not for README)\n"
            + "  --only PHASE     only the cold runs (1-3), the warm server (4-5) or the RSS sessions (6)\n"
            + "  --server-option  one more JVM option for every server process (e.g. -XX:+UseSerialGC)\n"
            + "  --baseline JAR   also time another build's cold start and first link, interleaved with ours";

    public static void main(String[] args) throws Exception {
        int runs = RUNS;
        String only = null;
        List<String> serverOptions = new ArrayList<>();
        Path jar = null;
        Path baseline = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--quick")) {
                runs = QUICK_RUNS;
            } else if (args[i].equals("--only") && i + 1 < args.length && List.of("cold", "warm", "rss").contains(args[i + 1])) {
                only = args[++i];
            } else if (args[i].equals("--server-option") && i + 1 < args.length) {
                serverOptions.add(args[++i]);
            } else if (args[i].equals("--baseline") && i + 1 < args.length && Files.isRegularFile(Path.of(args[i + 1]))) {
                baseline = Path.of(args[++i]);
            } else if (jar == null && !args[i].startsWith("--") && Files.isRegularFile(Path.of(args[i]))) {
                jar = Path.of(args[i]);
            } else {
                System.err.println("bench: bad argument '" + args[i] + "' (or the jar is missing: run ./build.sh)\n" + USAGE);
                System.exit(64);
            }
        }
        if (jar == null) {
            System.err.println(USAGE);
            System.exit(64);
        }
        long start = System.nanoTime();
        Bench bench = new Bench(jar, runs, serverOptions, only, baseline);
        int status = 0;
        try {
            bench.run();
        } catch (BenchFailure e) {
            System.err.println("bench: FAILED: " + e.getMessage() + " (children's stderr: " + bench.childLog + ")");
            status = 1;
        }
        System.out.printf(Locale.ROOT, "bench: %.0f s%n", (System.nanoTime() - start) / 1e9);
        System.exit(status);
    }

    boolean phase(String name) {
        if (only != null && !only.equals(name)) {
            return false;
        }
        System.err.printf(Locale.ROOT, "bench: %s phase (%d runs)...%n", name, runs);
        return true;
    }

    void run() throws Exception {
        Files.createDirectories(work);
        Files.deleteIfExists(childLog);
        for (String name : List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS")) {
            if (System.getenv(name) != null) {
                notes.add(name + " is set and applies to every child: the figures are not the default's");
            }
        }
        if (!serverOptions.isEmpty()) {
            notes.add("every server ran with " + String.join(" ", serverOptions) + ": not the default");
        }
        String loadBefore = loadAverage();
        Path floorJar = floorJar("Floor");
        Path signFloorJar = floorJar("SignFloor");
        Path classFloorJar = floorJar("ClassFloor");
        try (JarFile classFloor = new JarFile(classFloorJar.toFile())) {
            if (classFloor.size() != CLASS_FLOOR_CLASSES + 2) { // + the manifest and ClassFloor itself
                throw new BenchFailure(classFloorJar + " does not hold " + CLASS_FLOOR_CLASSES + " tiny classes");
            }
        }
        Path workFloorJar = floorJar("RsaWorkFloor");
        simulator = startSimulator();
        desktop.addAll(Launch.desktop(java, work));
        Path newer = java.getParent().getParent().getParent().resolve(NEWER_JDK).resolve("bin").resolve("java");
        if (Files.isExecutable(newer)) {
            desktop.addAll(Launch.desktop(newer, work));
        } else {
            notes.add(newer + " not found: the desktop launch is measured on this JDK only");
        }
        for (Launch launch : desktop) {
            if (launch.file() != null) {
                Files.deleteIfExists(launch.file());
            }
        }
        try {
            String trade = payTrade(PAID_TRADE, "1.5");
            payTrade(REFUND_TRADE, "1000.00");
            if (phase("cold")) {
                cold(floorJar, signFloorJar, classFloorJar, cdsArchive(trade), trade);
                startupClasses();
            }
            if (phase("warm")) {
                warm(trade);
            }
            if (phase("rss")) {
                rss(trade, floorJar, workFloorJar);
            }
        } finally {
            simulator.stop();
        }
        notes.add("load average (1 min) before: " + loadBefore + ", after: " + loadAverage() + " on "
                + Runtime.getRuntime().availableProcessors() + " cores (well above 0 means other work shared the CPUs)");
        figures.add("jar_kb", "jar size", "KB", new double[] {Files.size(jar) / 1000.0}, "<= 250 KB", Files.size(jar) <= 250_000);
        Report.print(this);
        boolean standard = runs == RUNS && only == null && serverOptions.isEmpty() && baseline == null;
        Report.writeJson(this, standard ? jar.getParent().resolve("bench.json") : work.resolve("trial.json"));
    }

    // ---- set-up ----

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Compiles test/bench/NAME.java (next to this file) into build/bench/NAME.jar, run like the server. */
    Path floorJar(String name) throws IOException {
        Path source = Path.of("test", "bench", name + ".java");
        if (!Files.isRegularFile(source)) {
            throw new BenchFailure(source + " not found: run the benchmark from the repository root (make bench)");
        }
        Path classes = work.resolve("classes-" + name);
        if (Files.isDirectory(classes)) { // every class file in it goes into the jar: no stale ones
            try (Stream<Path> old = Files.list(classes)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(classes);
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "--release", "17", "-Xlint:all", "-Werror", "-d", classes.toString(), source.toString());
        if (rc != 0) {
            throw new BenchFailure("javac failed on " + source);
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, name);
        Path jarFile = work.resolve(name + ".jar");
        List<Path> classFiles;
        try (Stream<Path> files = Files.list(classes)) {
            classFiles = files.filter(f -> f.getFileName().toString().endsWith(".class")).sorted().toList();
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jarFile), manifest)) {
            for (Path classFile : classFiles) { // ClassFloor's nested classes too
                out.putNextEntry(new JarEntry(classFile.getFileName().toString()));
                out.write(Files.readAllBytes(classFile));
                out.closeEntry();
            }
        }
        return jarFile;
    }

    /** The simulator in its own process; its key files give the server's environment. */
    Child startSimulator() throws Exception {
        Path keys = work.resolve("keys");
        // The simulator turns Nagle's algorithm off itself (GatewaySimulator.start), as a real gateway does.
        Child sim = Child.spawn(this, "simulator", List.of(java.toString(), "-jar", jar.toString(), "simulator",
                "--keys", keys.toString()), Map.of());
        String line = sim.next(COLD_TIMEOUT_MS).text();
        gatewayUrl = field(line, "gateway=");
        serverEnv.put("AP_APP_ID", Files.readString(keys.resolve("app_id.txt")).strip());
        serverEnv.put("AP_APP_KEY", Files.readString(keys.resolve("app_private_key.txt")).strip());
        serverEnv.put("AP_PUB_KEY", Files.readString(keys.resolve("alipay_public_key.txt")).strip());
        serverEnv.put("AP_GATEWAY_URL", gatewayUrl);
        // The bench's client has no elicitation, so "auto" would not ask either; "never" says it.
        serverEnv.put("AP_CONFIRM_REFUNDS", "never");
        // The call log stays on, as by default; it goes to a HOME of our own, emptied on every run.
        Path home = work.resolve("home");
        Files.deleteIfExists(home.resolve("mcp-server-alipay.log"));
        Files.createDirectories(home);
        serverEnv.put("HOME", home.toString());
        productionEnv.putAll(serverEnv);
        productionEnv.remove("AP_GATEWAY_URL");
        return sim;
    }

    static String field(String line, String name) {
        int at = line == null ? -1 : line.indexOf(name);
        if (at < 0) {
            throw new BenchFailure("the simulator's start line has no " + name + ": " + line);
        }
        int end = line.indexOf(' ', at);
        return line.substring(at + name.length(), end < 0 ? line.length() : end);
    }

    /** Creates a link with the server, opens it (GET) and pays it at the cashier (POST), as a buyer would. */
    String payTrade(String tradeNo, String amount) throws Exception {
        try (Child server = server("pay", List.of())) {
            server.send(Rpc.INITIALIZE, Rpc.INITIALIZED, Rpc.createLink(2, tradeNo, amount));
            String reply = server.await(2, CALL_TIMEOUT_MS).text();
            Rpc.expect(reply, "gateway.do?", "create-web-page-alipay-payment");
            String url = Rpc.stringField(reply, "url");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            URI pay = URI.create(url).resolve("/cashier/pay");
            HttpResponse<String> paid = http.send(HttpRequest.newBuilder(pay).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("out_trade_no=" + tradeNo)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() != 200 || paid.statusCode() != 200 || !paid.body().contains("TRADE_SUCCESS")) {
                throw new BenchFailure("could not pay " + tradeNo + " at the simulator's cashier: page "
                        + page.statusCode() + ", pay " + paid.statusCode());
            }
            server.send(Rpc.query(3, tradeNo));
            Rpc.expect(server.await(3, CALL_TIMEOUT_MS).text(), "TRADE_SUCCESS", "query-alipay-payment");
        }
        return tradeNo;
    }

    /** One training session (initialize, a link, a query) with -XX:ArchiveClassesAtExit; null if it failed. */
    Path cdsArchive(String trade) throws Exception {
        Path archive = work.resolve("app.jsa");
        Files.deleteIfExists(archive);
        try (Child server = server("cds-dump", List.of("-XX:ArchiveClassesAtExit=" + archive))) {
            server.send(Rpc.INITIALIZE, Rpc.INITIALIZED, Rpc.createLink(2, "BENCHCDS1"), Rpc.query(3, trade));
            server.await(2, CALL_TIMEOUT_MS);
            server.await(3, CALL_TIMEOUT_MS);
        }
        if (!Files.isRegularFile(archive)) {
            notes.add("the AppCDS archive was not written; the CDS rows are left out");
            return null;
        }
        return archive;
    }

    Child server(String name, List<String> jvmOptions) throws IOException {
        return server(name, java, jvmOptions, jar);
    }

    Child server(String name, Path javaBin, List<String> jvmOptions, Path serverJar) throws IOException {
        return server(name, javaBin, jvmOptions, serverJar, serverEnv);
    }

    Child server(String name, Path javaBin, List<String> jvmOptions, Path serverJar, Map<String, String> env)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaBin.toString());
        command.addAll(serverOptions);
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(serverJar.toString());
        return Child.spawn(this, name, command, env);
    }

    // ---- 1-3: cold runs, interleaved ----

    /** One cold run: spawn to reply (wall), the child's CPU time by then (all threads), its peak RSS then. */
    record Cold(double ms, double cpuMs, double rssMiB) {
    }

    /**
     * A desktop launch on one JDK: DESKTOP plus {@code options}, which read {@code file}, a class archive written by
     * a first, untimed run with {@code training} ({@link #createArchive}): a start-only run, or else an agent session.
     */
    record Launch(String key, String label, Path java, int feature, List<String> options, List<String> training,
            Path file, boolean startOnly) {
        /**
         * Each JDK's class archive, as README gives it: on JDK 17 and 18 one dumped at the exit of a start-only run;
         * on JDK 19 and newer the auto archive, written by the first session (no training step); on JDK 25 also
         * the AOT cache, made by a start-only run.
         */
        static List<Launch> desktop(Path java, Path work) throws IOException {
            int feature = feature(java);
            String key = "desktop_jdk" + feature + "_";
            Path archive = work.resolve("desktop-jdk" + feature + ".jsa");
            if (feature < 19) {
                return List.of(new Launch(key, "desktop + CDS archive, JDK " + feature, java, feature,
                        with("-XX:SharedArchiveFile=" + archive), with("-XX:ArchiveClassesAtExit=" + archive),
                        archive, true));
            }
            List<String> auto = with("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive);
            Launch autoArchive = new Launch(key, "desktop + auto archive, JDK " + feature, java, feature, auto, auto,
                    archive, false);
            if (feature < 25) {
                return List.of(autoArchive);
            }
            Path cache = work.resolve("desktop-jdk" + feature + ".aot");
            return List.of(autoArchive, new Launch(key + "aot_", "desktop + AOT cache, JDK " + feature, java, feature,
                    with("-XX:AOTCache=" + cache), with(TRAINING_STDERR, "-XX:AOTCacheOutput=" + cache), cache, true));
        }

        static List<String> with(String... options) {
            List<String> all = new ArrayList<>(DESKTOP);
            all.addAll(List.of(options));
            return List.copyOf(all);
        }

        /** JAVA_VERSION="17.0.15" or "25.0.3" in the JDK's release file. */
        static int feature(Path java) throws IOException {
            for (String line : Files.readAllLines(java.getParent().getParent().resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=\"")) {
                    String version = line.substring(14);
                    return Integer.parseInt(version.substring(0, version.indexOf('.') < 0
                            ? version.indexOf('"') : version.indexOf('.')));
                }
            }
            throw new BenchFailure("no JAVA_VERSION in the release file of " + java);
        }
    }

    /**
     * The launch's archive, when the file is not there yet (not timed): a whole agent session, or a start-only run
     * as README gives it, {@code --simulator} with stdin at its end (no key, no account, no network). JDK 25 loads
     * every class in an AOT cache at each start: one trained on an agent session, which also holds the HTTP client
     * and every call's classes, started in 1.25x the floor against 1.10x (2026-12-05, docs/performance.md).
     */
    void createArchive(Launch launch, String trade) throws Exception {
        if (Files.isRegularFile(launch.file())) {
            return;
        }
        if (launch.startOnly()) {
            Path home = work.resolve("training-home");
            Files.createDirectories(home);
            List<String> command = new ArrayList<>(List.of(launch.java().toString()));
            command.addAll(launch.training());
            command.addAll(List.of("-jar", jar.toString(), "--simulator"));
            // Closing the child ends its input and waits for its exit, when the archive is written.
            Child.spawn(this, "archive-training", command, Map.of("HOME", home.toString())).close();
        } else {
            agentSession(launch.java(), launch.training(), jar, trade);
        }
        if (!Files.isRegularFile(launch.file())) {
            throw new BenchFailure(launch.label() + ": the first run did not write " + launch.file());
        }
    }

    void cold(Path floorJar, Path signFloorJar, Path classFloorJar, Path archive, String trade) throws Exception {
        List<String> cds = archive == null ? null : List.of("-XX:SharedArchiveFile=" + archive);
        Cold[][] c = new Cold[9][runs];
        // per desktop launch: its JDK's JVM floor, its sign floor, cold start, first link
        Cold[][][] d = new Cold[desktop.size()][4][runs];
        for (Launch launch : desktop) {
            createArchive(launch, trade);
        }
        for (int i = -COLD_WARMUP; i < runs; i++) {
            int r = Math.max(i, 0);
            for (int l = 0; l < desktop.size(); l++) {
                Launch launch = desktop.get(l);
                boolean sameJdk = l > 0 && desktop.get(l - 1).java().equals(launch.java()); // its floors are taken
                d[l][0][r] = sameJdk ? d[l - 1][0][r] : coldFloor(launch.java(), floorJar);
                d[l][1][r] = sameJdk ? d[l - 1][1][r] : coldFloor(launch.java(), signFloorJar);
                d[l][2][r] = coldServer(launch.java(), jar, launch.options(), false, i);
                d[l][3][r] = coldServer(launch.java(), jar, launch.options(), true, i);
            }
            c[0][r] = coldFloor(java, floorJar);
            c[1][r] = coldServer(java, jar, List.of(), false, i);
            c[2][r] = coldFloor(java, signFloorJar);
            c[3][r] = coldServer(java, jar, List.of(), true, i);
            if (cds != null) {
                c[4][r] = coldServer(java, jar, cds, false, i);
                c[5][r] = coldServer(java, jar, cds, true, i);
            }
            if (baseline != null) {
                c[6][r] = coldServer(java, baseline, List.of(), false, i);
                c[7][r] = coldServer(java, baseline, List.of(), true, i);
            }
            c[8][r] = coldFloor(java, classFloorJar);
        }
        figures.add("floor_ms", "1. JVM floor: spawn -> reply", "ms", ms(c[0]), null, null);
        figures.add("cold_start_ms", "2. cold start: spawn -> initialize reply", "ms", ms(c[1]), null, null);
        figures.ratio("cold_start_ratio", "   cold start / JVM floor", ms(c[1]), ms(c[0]), "<= 1.3x", 1.3, true);
        figures.add("sign_floor_ms", "3. parse-keys-and-sign floor", "ms", ms(c[2]), null, null);
        figures.add("cold_link_ms", "   cold first payment link", "ms", ms(c[3]), null, null);
        figures.ratio("cold_link_ratio", "   first link / its floor", ms(c[3]), ms(c[2]), "<= 1.2x", 1.2, true);
        if (cds != null) {
            figures.add("cds_cold_start_ms", "   optional: cold start with AppCDS", "ms", ms(c[4]), null, null);
            figures.ratio("cds_cold_start_ratio", "   optional: AppCDS start / JVM floor", ms(c[4]), ms(c[0]),
                    "(<= 1.3x)", 1.3, true);
            figures.add("cds_cold_link_ms", "   optional: first link with AppCDS", "ms", ms(c[5]), null, null);
            figures.ratio("cds_cold_link_ratio", "   optional: AppCDS link / its floor", ms(c[5]), ms(c[2]),
                    "(<= 1.2x)", 1.2, true);
        }
        if (baseline != null) {
            notes.add("baseline: " + baseline);
            figures.add("baseline_cold_start_ms", "   baseline jar: cold start", "ms", ms(c[6]), null, null);
            figures.ratio("baseline_cold_start_ratio", "   baseline jar: cold start / JVM floor", ms(c[6]), ms(c[0]),
                    null, 1.3, true);
            figures.add("baseline_cold_link_ms", "   baseline jar: first link", "ms", ms(c[7]), null, null);
            figures.ratio("baseline_cold_link_ratio", "   baseline jar: first link / its floor", ms(c[7]), ms(c[2]),
                    null, 1.2, true);
        }
        double[] perClass = new double[runs];
        for (int r = 0; r < runs; r++) {
            perClass[r] = (c[8][r].ms() - c[0][r].ms()) / CLASS_FLOOR_CLASSES;
        }
        for (int l = 0; l < desktop.size(); l++) {
            Launch launch = desktop.get(l);
            String key = launch.key();
            String label = "   " + launch.label() + ": ";
            if (!launch.java().equals(java) && (l == 0 || !desktop.get(l - 1).java().equals(launch.java()))) {
                String jdk = "   JDK " + launch.feature() + ": ";
                figures.add(key + "floor_ms", jdk + "JVM floor", "ms", ms(d[l][0]), null, null);
                figures.add(key + "sign_floor_ms", jdk + "sign floor", "ms", ms(d[l][1]), null, null);
            }
            figures.add(key + "cold_start_ms", label + "cold start", "ms", ms(d[l][2]), null, null);
            figures.ratio(key + "cold_start_ratio", label + "start / floor", ms(d[l][2]), ms(d[l][0]),
                    "<= 1.15x", 1.15, true);
            figures.add(key + "cold_link_ms", label + "first link", "ms", ms(d[l][3]), null, null);
            figures.ratio(key + "cold_link_ratio", label + "link / floor", ms(d[l][3]), ms(d[l][1]),
                    "<= 1.15x", 1.15, true);
        }
        figures.add("class_floor_ms", "   floor + " + CLASS_FLOOR_CLASSES + " tiny classes from its jar",
                "ms", ms(c[8]), null, null);
        figures.add("class_cost_ms", "   one tiny class costs (ours cost more)", "ms", perClass, null, null);
        classCostMillis = median(perClass);
        floorMillis = median(ms(c[0]));
        figures.add("floor_cpu_ms", "   diagnostic: floor CPU time to reply", "ms", cpu(c[0]), null, null);
        figures.add("cold_start_cpu_ms", "   diagnostic: cold start CPU time", "ms", cpu(c[1]), null, null);
        figures.add("sign_floor_cpu_ms", "   diagnostic: sign floor CPU time", "ms", cpu(c[2]), null, null);
        figures.add("cold_link_cpu_ms", "   diagnostic: first link CPU time", "ms", cpu(c[3]), null, null);
    }

    static double[] ms(Cold[] runs) {
        return Arrays.stream(runs).mapToDouble(Cold::ms).toArray();
    }

    static double[] cpu(Cold[] runs) {
        return Arrays.stream(runs).mapToDouble(Cold::cpuMs).toArray();
    }

    Cold coldFloor(Path javaBin, Path floorJar) throws Exception {
        try (Child floor = Child.spawn(this, floorJar.getFileName().toString(),
                List.of(javaBin.toString(), "-jar", floorJar.toString()), serverEnv)) {
            floor.send(Rpc.INITIALIZE);
            Line reply = floor.await(1, COLD_TIMEOUT_MS);
            return new Cold(reply.millisSince(floor.spawnNanos), floor.cpuMillis(), floor.peakRssKiB() / 1024.0);
        }
    }

    /**
     * Cold runs use the production configuration, as a merchant's desktop client starts the server: no
     * AP_GATEWAY_URL (neither the start nor a payment link calls the gateway). A loopback AP_GATEWAY_URL, as the
     * simulator's, adds its URL rule, whose regex cost 3.4 ms of start on JDK 25 with the auto archive (21
     * interleaved starts, 99.2 against 95.8 ms; issue 15).
     */
    Cold coldServer(Path javaBin, Path serverJar, List<String> jvmOptions, boolean link, int i) throws Exception {
        try (Child server = server(link ? "cold-link" : "cold-start", javaBin, jvmOptions, serverJar,
                productionEnv)) {
            Line reply;
            if (link) {
                server.send(Rpc.INITIALIZE, Rpc.INITIALIZED, Rpc.createLink(2, "BENCHCOLD" + (i + COLD_WARMUP)));
                reply = server.await(2, COLD_TIMEOUT_MS);
                Rpc.expect(reply.text(), "gateway.do?", "create-web-page-alipay-payment");
            } else {
                server.send(Rpc.INITIALIZE);
                reply = server.await(1, COLD_TIMEOUT_MS);
                Rpc.expect(reply.text(), "\"protocolVersion\"", "initialize");
            }
            return new Cold(reply.millisSince(server.spawnNanos), server.cpuMillis(), server.peakRssKiB() / 1024.0);
        }
    }

    /**
     * Not a timed figure: how many classes the JVM loads before the initialize reply, and how many are ours.
     * Counts classes from a class-load log. Before the initialize reply only the main thread's count is exact
     * (other threads may load classes meanwhile), so that figure counts the main thread only.
     */
    void startupClasses() throws Exception {
        Path log = work.resolve("class-load.txt");
        Files.deleteIfExists(log);
        int[] before;
        try (Child server = server("class-load", List.of("-Xlog:class+load=info:file=" + log + ":tid"))) {
            server.send(Rpc.INITIALIZE);
            server.await(1, COLD_TIMEOUT_MS);
            before = countClasses(log, true);
            server.send(Rpc.INITIALIZED, Rpc.createLink(2, "BENCHCLASSES"));
            server.await(2, COLD_TIMEOUT_MS);
        }
        int[] link = countClasses(log, false);
        notes.add(String.format(Locale.ROOT, "classes loaded by the main thread before the initialize reply: %d (%d of"
                + " them alipaymcp.*, %d not from the JDK's CDS archive); by all threads before the first link"
                + " reply: %d (%d alipaymcp.*)", before[0], before[1], before[2], link[0], link[1]));
        if (!Double.isNaN(classCostMillis)) {
            notes.add(String.format(Locale.ROOT, "at %.2f ms per tiny class, the %d alipaymcp classes loaded"
                    + " before the initialize reply cost at least %.1f ms; a 1.3x cold start leaves %.1f ms over the"
                    + " floor for everything", classCostMillis, before[1], classCostMillis * before[1],
                    0.3 * floorMillis));
        }
    }

    /** {all, ours, not shared}; {@code mainOnly}: only lines of the thread that loaded alipaymcp.Main. */
    static int[] countClasses(Path log, boolean mainOnly) throws IOException {
        List<String> lines = Files.readAllLines(log);
        String mainThread = null;
        for (String line : lines) {
            if (line.contains(" alipaymcp.Main source: ")) {
                mainThread = line.substring(0, line.indexOf(']') + 1);
            }
        }
        int all = 0;
        int ours = 0;
        int unshared = 0;
        for (String line : lines) {
            if (line.contains(" source: ") && (!mainOnly || mainThread == null || line.startsWith(mainThread))) {
                all++;
                ours += line.contains(" alipaymcp.") ? 1 : 0;
                unshared += line.contains("source: shared objects file") ? 0 : 1;
            }
        }
        return new int[] {all, ours, unshared};
    }

    // ---- 4-5: one warm server ----

    void warm(String trade) throws Exception {
        double[] p50 = new double[runs];
        double[] p99 = new double[runs];
        double[] callsPerSecond = new double[runs];
        double[] signaturesPerSecond = new double[runs];
        double[] cpuPerCall = new double[2];
        Rsa rsa = new Rsa(serverEnv.get("AP_APP_KEY"));
        rsa.round(RSA_ROUND_MILLIS * 2);
        try (Child server = server("warm", List.of())) {
            server.send(Rpc.INITIALIZE, Rpc.INITIALIZED);
            server.await(1, COLD_TIMEOUT_MS);
            AtomicLong ids = new AtomicLong(100);
            inFlight(server, trade, WARM_WARMUP_CALLS, ids);
            double serverCpu = server.cpuMillis();
            double simulatorCpu = simulator.cpuMillis();
            for (int r = 0; r < runs; r++) {
                double[] latencies = sequential(server, trade, SEQUENTIAL_CALLS, ids);
                Arrays.sort(latencies);
                p50[r] = percentile(latencies, 50);
                p99[r] = percentile(latencies, 99);
            }
            int calls = runs * SEQUENTIAL_CALLS;
            cpuPerCall[0] = (server.cpuMillis() - serverCpu) / calls;
            cpuPerCall[1] = (simulator.cpuMillis() - simulatorCpu) / calls;
            for (int r = 0; r < runs; r++) {
                callsPerSecond[r] = inFlight(server, trade, THROUGHPUT_CALLS, ids);
                signaturesPerSecond[r] = rsa.round(RSA_ROUND_MILLIS);
            }
        }
        notes.add(String.format(Locale.ROOT, "CPU time per sequential query: server %.2f ms, simulator %.2f ms;"
                + " one SHA256withRSA signature here: %.2f ms of CPU (one thread)", cpuPerCall[0], cpuPerCall[1],
                rsa.cpuMillisPerSignature()));
        figures.add("warm_p50_ms", "4. warm query latency p50", "ms", p50, "<= 4 ms", median(p50) <= 4);
        figures.add("warm_p99_ms", "   warm query latency p99", "ms", p99, "<= 15 ms", median(p99) <= 15);
        figures.add("throughput_calls_s", "5. throughput, " + IN_FLIGHT + " in flight", "calls/s", callsPerSecond, null, null);
        figures.add("rsa_signatures_s", "   RSA-2048 signatures/s, " + rsa.threads + " threads", "sig/s",
                signaturesPerSecond, null, null);
        double[] half = new double[runs];
        for (int r = 0; r < runs; r++) {
            half[r] = signaturesPerSecond[r] / 2;
        }
        figures.ratio("throughput_ratio", "   calls/s / (signatures/s / 2)", callsPerSecond, half, ">= 0.5", 0.5, false);
    }

    /** Latency of each call, write to reply, one at a time. */
    static double[] sequential(Child server, String trade, int calls, AtomicLong ids) throws Exception {
        double[] ms = new double[calls];
        for (int i = 0; i < calls; i++) {
            long id = ids.incrementAndGet();
            long sent = System.nanoTime();
            server.send(Rpc.query(id, trade));
            Line reply = server.await(id, CALL_TIMEOUT_MS);
            Rpc.expect(reply.text(), "TRADE_SUCCESS", "query-alipay-payment");
            ms[i] = reply.millisSince(sent);
        }
        return ms;
    }

    /** Calls per second with IN_FLIGHT calls outstanding: a new call goes out as each reply comes in. */
    static double inFlight(Child server, String trade, int calls, AtomicLong ids) throws Exception {
        long start = System.nanoTime();
        int sent = 0;
        for (; sent < Math.min(IN_FLIGHT, calls); sent++) {
            server.send(Rpc.query(ids.incrementAndGet(), trade));
        }
        long last = start;
        for (int received = 0; received < calls; received++) {
            Line reply = server.next(CALL_TIMEOUT_MS);
            Rpc.expect(reply.text(), "TRADE_SUCCESS", "query-alipay-payment");
            last = reply.nanos();
            if (sent < calls) {
                server.send(Rpc.query(ids.incrementAndGet(), trade));
                sent++;
            }
        }
        return calls / ((last - start) / 1e9);
    }

    // ---- 6: memory ----

    /**
     * Fresh sessions of RSS_SESSION_CALLS queries (IN_FLIGHT outstanding); VmHWM before stdin closes. Each run
     * also measures a session with the optional heap settings README documents ({@link #SMALL_HEAP}).
     */
    void rss(String trade, Path floorJar, Path workFloorJar) throws Exception {
        double[] server = new double[runs];
        double[] small = new double[runs];
        double[] floor = new double[runs];
        double[] over = new double[runs];
        double[] smallOver = new double[runs];
        double[] workOver = new double[runs];
        double[] overWork = new double[runs];
        // agent sessions: [0] plain java -jar, [1] the baseline jar, then one per desktop launch; RSS over the
        // floor of the same JDK, and the session's wall time per call
        int kinds = 2 + desktop.size();
        double[][] sessionOver = new double[kinds][runs];
        double[][] sessionMs = new double[kinds][runs];
        double[] sessionRss = new double[runs];
        for (Launch launch : desktop) {
            createArchive(launch, trade);
        }
        for (int r = 0; r < runs; r++) {
            floor[r] = coldFloor(java, floorJar).rssMiB();
            double work = rssWorkFloor(workFloorJar);
            server[r] = rssSession(trade, List.of());
            small[r] = rssSession(trade, SMALL_HEAP);
            over[r] = server[r] - floor[r];
            smallOver[r] = small[r] - floor[r];
            workOver[r] = work - floor[r];
            overWork[r] = server[r] - work;
            for (int k = 0; k < kinds; k++) {
                if (k == 1 && baseline == null) {
                    continue;
                }
                Launch launch = k < 2 ? null : desktop.get(k - 2);
                Path javaBin = launch == null ? java : launch.java();
                double jvmFloor = javaBin.equals(java) ? floor[r] : coldFloor(javaBin, floorJar).rssMiB();
                Session session = agentSession(javaBin, launch == null ? List.of() : launch.options(),
                        k == 1 ? baseline : jar, trade);
                sessionRss[r] = k == 0 ? session.rssMiB() : sessionRss[r];
                sessionOver[k][r] = session.rssMiB() - jvmFloor;
                sessionMs[k][r] = session.msPerCall();
            }
        }
        figures.add("floor_rss_mib", "6. JVM floor peak RSS (VmHWM)", "MiB", floor, null, null);
        figures.add("server_rss_mib", "   server peak RSS, " + RSS_SESSION_CALLS + " calls", "MiB", server, null, null);
        figures.add("rss_over_floor_mib", "   server RSS - floor RSS", "MiB", over, null, null);
        String calls = AGENT_SESSION_CALLS + "-call session";
        figures.add("session_rss_mib", "   agent session peak RSS (" + calls + ")", "MiB", sessionRss, null, null);
        figures.add("session_rss_over_floor_mib", "   agent session RSS - floor RSS", "MiB", sessionOver[0], null, null);
        figures.add("session_ms_per_call", "   agent session wall time per call", "ms", sessionMs[0], null, null);
        if (baseline != null) {
            figures.add("baseline_session_rss_over_floor_mib", "   baseline jar: session RSS - floor", "MiB",
                    sessionOver[1], null, null);
            figures.add("baseline_session_ms_per_call", "   baseline jar: session time per call", "ms",
                    sessionMs[1], null, null);
        }
        for (int l = 0; l < desktop.size(); l++) {
            Launch launch = desktop.get(l);
            String key = launch.key();
            figures.add(key + "session_rss_over_floor_mib", "   " + launch.label() + ": session - floor", "MiB",
                    sessionOver[2 + l], "<= 24 MiB", median(sessionOver[2 + l]) <= 24);
            figures.add(key + "session_ms_per_call", "   " + launch.label() + ": time per call", "ms",
                    sessionMs[2 + l], null, null);
        }
        notes.add("agent session: initialize, tools/list, then " + AGENT_SESSION_CALLS + " sequential calls in turn:"
                + " a payment link, a query, a refund of 0.01 (AP_CONFIRM_REFUNDS=never), a refund query; VmHWM of"
                + " the server before its stdin closes, over the JVM floor of the same JDK");
        for (Launch launch : desktop) {
            notes.add(launch.label() + ": java " + String.join(" ", launch.options()) + " -jar ..."
                    + " (" + launch.file().getFileName() + " written by a first, untimed " + (launch.startOnly()
                    ? "start-only run: java " + String.join(" ", launch.training()) + " -jar ... --simulator < /dev/null)"
                    : "agent session)"));
        }
        figures.add("rsa_work_rss_over_floor_mib", "   RSA work floor RSS - floor RSS", "MiB", workOver, null, null);
        figures.add("rss_over_rsa_work_mib", "   server RSS - RSA work floor RSS", "MiB", overWork, null, null);
        notes.add("RSA work floor: test/bench/RsaWorkFloor.java does only the RSA of a " + RSS_SESSION_CALLS + "-call"
                + " session (one SHA256withRSA signature and one verification per call, " + IN_FLIGHT + " threads),"
                + " with the JVM's default settings: an estimate of what that work alone costs in RSS");
        figures.add("small_heap_rss_over_floor_mib", "   optional: " + String.join(" ", SMALL_HEAP) + " - floor",
                "MiB", smallOver, "(<= 24 MiB)", median(smallOver) <= 24);
    }

    /** An agent session's peak RSS and its wall time per call (write to reply, calls one after another). */
    record Session(double rssMiB, double msPerCall) {
    }

    /** initialize, tools/list, then AGENT_SESSION_CALLS calls: link, query, refund, refund query, in turn. */
    Session agentSession(Path javaBin, List<String> jvmOptions, Path serverJar, String trade) throws Exception {
        int session = ++agentSessions;
        try (Child child = server("agent-session", javaBin, jvmOptions, serverJar)) {
            child.send(Rpc.INITIALIZE, Rpc.INITIALIZED, Rpc.toolsList(2));
            child.await(1, COLD_TIMEOUT_MS);
            Rpc.expect(child.await(2, COLD_TIMEOUT_MS).text(), "query-alipay-refund", "tools/list");
            long start = System.nanoTime();
            for (int i = 0; i < AGENT_SESSION_CALLS; i++) {
                long id = 3 + i;
                String request = "BENCHS" + session + "R" + (i / 4);
                switch (i % 4) {
                    case 0 -> child.send(Rpc.createLink(id, "BENCHS" + session + "L" + i));
                    case 1 -> child.send(Rpc.query(id, trade));
                    case 2 -> child.send(Rpc.refund(id, REFUND_TRADE, request));
                    default -> child.send(Rpc.refundQuery(id, REFUND_TRADE, request));
                }
                String mark = switch (i % 4) {
                    case 0 -> "gateway.do?";
                    case 1 -> "TRADE_SUCCESS";
                    default -> "\"outcome\":\"succeeded\"";
                };
                Rpc.expect(child.await(id, CALL_TIMEOUT_MS).text(), mark, "agent session call " + (i + 1));
            }
            double msPerCall = (System.nanoTime() - start) / 1e6 / AGENT_SESSION_CALLS;
            return new Session(child.peakRssKiB() / 1024.0, msPerCall);
        }
    }

    /** Peak RSS of test/bench/RsaWorkFloor.java doing a session's RSA work (no I/O, JSON or HTTP). */
    double rssWorkFloor(Path workFloorJar) throws Exception {
        try (Child floor = Child.spawn(this, workFloorJar.getFileName().toString(), List.of(java.toString(), "-jar",
                workFloorJar.toString(), Integer.toString(RSS_SESSION_CALLS), Integer.toString(IN_FLIGHT)), serverEnv)) {
            floor.send(Rpc.INITIALIZE);
            Rpc.expect(floor.await(1, COLD_TIMEOUT_MS).text(), "\"verified\":" + RSS_SESSION_CALLS, "the RSA work floor");
            return floor.peakRssKiB() / 1024.0;
        }
    }

    double rssSession(String trade, List<String> jvmOptions) throws Exception {
        try (Child child = server("rss", jvmOptions)) {
            child.send(Rpc.INITIALIZE, Rpc.INITIALIZED);
            child.await(1, COLD_TIMEOUT_MS);
            inFlight(child, trade, RSS_SESSION_CALLS, new AtomicLong(100));
            return child.peakRssKiB() / 1024.0;
        }
    }

    // ---- statistics ----

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    static final class BenchFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BenchFailure(String message) {
            super(message);
        }
    }

    /** One stdout line of a child and when the reader thread got it. */
    record Line(long nanos, String text) {
        double millisSince(long startNanos) {
            return (nanos - startNanos) / 1e6;
        }
    }

    /** A child process; a dedicated thread reads its stdout lines into a queue; stderr goes to children.log. */
    static final class Child implements AutoCloseable {
        final Bench bench;
        final String name;
        final Process process;
        final long spawnNanos;
        final OutputStream stdin;
        final BlockingQueue<Line> lines = new LinkedBlockingQueue<>();

        private Child(Bench bench, String name, Process process, long spawnNanos) {
            this.bench = bench;
            this.name = name;
            this.process = process;
            this.spawnNanos = spawnNanos;
            this.stdin = process.getOutputStream();
            Thread reader = new Thread(this::readLines, "read-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        static Child spawn(Bench bench, String name, List<String> command, Map<String, String> env) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(bench.childLog.toFile()));
            builder.environment().keySet().removeIf(key -> key.startsWith("AP_"));
            builder.environment().putAll(env);
            long spawn = System.nanoTime();
            return new Child(bench, name, builder.start(), spawn);
        }

        private void readLines() {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(new Line(System.nanoTime(), line));
                }
            } catch (IOException e) {
                // the end of the stream below says it
            }
            lines.add(new Line(System.nanoTime(), null));
        }

        void send(String... messages) throws IOException {
            StringBuilder text = new StringBuilder();
            for (String message : messages) {
                text.append(message).append('\n');
            }
            stdin.write(text.toString().getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        }

        /** The next line; kills the child and fails when none comes in time or its stdout ended. */
        Line next(long timeoutMillis) throws InterruptedException {
            Line line = lines.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            if (line == null || line.text() == null) {
                process.destroyForcibly();
                throw new BenchFailure(name + (line == null ? ": no reply within " + timeoutMillis + " ms; killed it"
                        : ": stdout ended early (exit " + exitCode() + ")"));
            }
            return line;
        }

        /**
         * The reply with this id. Replies to earlier ids (sent in the same batch, e.g. initialize before a
         * call) are skipped; any other line is a failure.
         */
        Line await(long id, long timeoutMillis) throws InterruptedException {
            Line line = next(timeoutMillis);
            while (Rpc.id(line.text()) >= 0 && Rpc.id(line.text()) < id) {
                line = next(timeoutMillis);
            }
            if (Rpc.id(line.text()) != id) {
                process.destroyForcibly();
                throw new BenchFailure(name + ": expected the reply to id " + id + ", got " + Rpc.head(line.text()));
            }
            return line;
        }

        /** utime + stime of the whole process so far (all threads, also ended ones), in ms; 10 ms ticks. */
        double cpuMillis() throws IOException {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000.0 / CLOCK_TICKS;
        }

        long peakRssKiB() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").strip());
                }
            }
            throw new BenchFailure(name + ": no VmHWM in /proc/" + process.pid() + "/status");
        }

        private String exitCode() {
            try {
                return process.waitFor(2, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "still running";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "unknown";
            }
        }

        /**
         * Closes stdin and waits for the exit; a child still running after 60 s is killed and noted (a JDK 25
         * training session writes its AOT cache at exit, in a second JVM: 12 s here on a loaded machine).
         */
        @Override
        public void close() throws InterruptedException {
            try {
                stdin.close();
            } catch (IOException e) {
                // it may have exited already
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                bench.notes.add(name + " did not exit within 60 s of end of input and was killed");
            }
        }

        /** For the simulator: SIGTERM (its shutdown hook stops it), then kill after 5 s. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                bench.notes.add(name + " did not stop within 5 s of SIGTERM and was killed");
            }
        }
    }

    /** The JSON-RPC lines the benchmark sends, and the few checks it makes on replies (no JSON parser). */
    static final class Rpc {
        static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}";
        static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

        private Rpc() {
        }

        static String createLink(long id, String outTradeNo) {
            return createLink(id, outTradeNo, "1.5");
        }

        static String createLink(long id, String outTradeNo, String amount) {
            return call(id, "create-web-page-alipay-payment",
                    "{\"outTradeNo\":\"" + outTradeNo + "\",\"totalAmount\":" + amount + ",\"orderTitle\":\"bench\"}");
        }

        static String refund(long id, String outTradeNo, String outRequestNo) {
            return call(id, "refund-alipay-payment", "{\"outTradeNo\":\"" + outTradeNo + "\",\"refundAmount\":0.01,"
                    + "\"outRequestNo\":\"" + outRequestNo + "\",\"refundReason\":\"bench\"}");
        }

        static String refundQuery(long id, String outTradeNo, String outRequestNo) {
            return call(id, "query-alipay-refund", "{\"outTradeNo\":\"" + outTradeNo + "\",\"outRequestNo\":\""
                    + outRequestNo + "\"}");
        }

        static String toolsList(long id) {
            return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/list\"}";
        }

        static String query(long id, String outTradeNo) {
            return call(id, "query-alipay-payment", "{\"outTradeNo\":\"" + outTradeNo + "\"}");
        }

        static String call(long id, String tool, String arguments) {
            return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
                    + tool + "\",\"arguments\":" + arguments + "}}";
        }

        /** The envelope id: the server writes "jsonrpc" then "id" first. */
        static long id(String line) {
            int at = line.indexOf("\"id\":");
            if (at < 0) {
                return -1;
            }
            long id = 0;
            int i = at + 5;
            for (; i < line.length() && Character.isDigit(line.charAt(i)); i++) {
                id = id * 10 + (line.charAt(i) - '0');
            }
            return i == at + 5 ? -1 : id;
        }

        static void expect(String reply, String mark, String what) {
            if (!reply.contains(mark) || reply.contains("\"isError\":true") || reply.contains("\"error\":{")) {
                throw new BenchFailure(what + " did not succeed: " + head(reply));
            }
        }

        static String stringField(String reply, String name) {
            String key = "\"" + name + "\":\"";
            int at = reply.indexOf(key);
            int end = at < 0 ? -1 : reply.indexOf('"', at + key.length());
            if (end < 0) {
                throw new BenchFailure("no " + name + " in " + head(reply));
            }
            return reply.substring(at + key.length(), end);
        }

        static String head(String line) {
            return line == null ? "(end of output)" : line.length() <= 300 ? line : line.substring(0, 300) + "...";
        }
    }

    /** SHA256withRSA signatures per second with the JDK on every core, one thread per core, the app's key. */
    static final class Rsa {
        static final byte[] MESSAGE = ("alipay_sdk=mcp-server-alipay-java-1.0.0&app_id=9021000000000001&biz_content="
                + "{\"out_trade_no\":\"BENCHPAID1\"}&charset=utf-8&method=alipay.trade.query&sign_type=RSA2"
                + "&timestamp=2026-01-01 08:00:00&version=1.0").getBytes(StandardCharsets.UTF_8);
        final int threads = Runtime.getRuntime().availableProcessors();
        final PrivateKey key;

        Rsa(String pkcs8Base64) throws Exception {
            key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pkcs8Base64)));
        }

        /** CPU time of one signature on one thread (the JIT is warm by then). */
        double cpuMillisPerSignature() {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long start = threads.getCurrentThreadCpuTime();
            int n = 50;
            signCount(n);
            return (threads.getCurrentThreadCpuTime() - start) / 1e6 / n;
        }

        private void signCount(int n) {
            try {
                Signature signer = Signature.getInstance("SHA256withRSA");
                for (int i = 0; i < n; i++) {
                    signer.initSign(key);
                    signer.update(MESSAGE);
                    signer.sign();
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        double round(long millis) throws InterruptedException {
            long[] counts = new long[threads];
            Thread[] workers = new Thread[threads];
            long start = System.nanoTime();
            long deadline = start + millis * 1_000_000;
            for (int t = 0; t < threads; t++) {
                int slot = t;
                workers[t] = new Thread(() -> counts[slot] = signUntil(deadline), "rsa-" + t);
                workers[t].start();
            }
            for (Thread worker : workers) {
                worker.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return Arrays.stream(counts).sum() / seconds;
        }

        private long signUntil(long deadline) {
            try {
                Signature signer = Signature.getInstance("SHA256withRSA");
                long n = 0;
                while (System.nanoTime() < deadline) {
                    signer.initSign(key);
                    signer.update(MESSAGE);
                    signer.sign();
                    n++;
                }
                return n;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The figures in table order. */
    static final class Figures {
        final List<Figure> list = new ArrayList<>();

        void add(String key, String label, String unit, double[] runs, String target, Boolean pass) {
            double[] sorted = runs.clone();
            Arrays.sort(sorted);
            list.add(new Figure(key, label, unit, median(runs), sorted[0], sorted[sorted.length - 1], runs.length, target, pass));
        }

        /** Per-run ratios a[i] / b[i] (paired runs); the target applies to their median. */
        void ratio(String key, String label, double[] a, double[] b, String target, double limit, boolean atMost) {
            double[] r = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                r[i] = a[i] / b[i];
            }
            double m = median(r);
            add(key, label, "x", r, target, atMost ? m <= limit : m >= limit);
        }
    }

    record Figure(String key, String label, String unit, double median, double min, double max, int runs,
            String target, Boolean pass) {
    }

    /** The table on stdout and build/bench.json. */
    static final class Report {
        private Report() {
        }

        static String machine() {
            String cpu = "unknown";
            try {
                for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                    if (line.startsWith("model name")) {
                        cpu = line.substring(line.indexOf(':') + 1).strip();
                        break;
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                // not Linux: say unknown
            }
            return Runtime.getRuntime().availableProcessors() + " cores, " + cpu + ", " + System.getProperty("java.vm.name")
                    + " " + System.getProperty("java.runtime.version") + ", " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch");
        }

        static void print(Bench bench) {
            System.out.println("mcp-server-alipay benchmark: " + bench.runs + " runs per figure, median [min .. max]");
            System.out.println("machine: " + machine());
            System.out.printf(Locale.ROOT, "%-50s %10s %10s %10s  %-8s %-12s %s%n", "figure", "median", "min", "max",
                    "unit", "target", "");
            for (Figure f : bench.figures.list) {
                System.out.printf(Locale.ROOT, "%-50s %10s %10s %10s  %-8s %-12s %s%n", f.label(), num(f.median()),
                        num(f.min()), num(f.max()), f.unit(), f.target() == null ? "" : f.target(),
                        f.pass() == null || f.target() == null ? "" : f.target().startsWith("(")
                                ? (f.pass() ? "(pass)" : "(miss)") : f.pass() ? "PASS" : "MISS");
            }
            for (String note : bench.notes) {
                System.out.println("note: " + note);
            }
        }

        static String num(double v) {
            return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
        }

        static void writeJson(Bench bench, Path file) throws IOException {
            StringBuilder json = new StringBuilder("{\n  \"machine\": " + quote(machine()) + ",\n  \"runs\": " + bench.runs
                    + ",\n  \"figures\": [\n");
            for (int i = 0; i < bench.figures.list.size(); i++) {
                Figure f = bench.figures.list.get(i);
                json.append(String.format(Locale.ROOT, "    {\"key\": %s, \"label\": %s, \"unit\": %s, \"median\": %.4f,"
                        + " \"min\": %.4f, \"max\": %.4f, \"runs\": %d, \"target\": %s, \"result\": %s}%s%n",
                        quote(f.key()), quote(f.label().strip()), quote(f.unit()), f.median(), f.min(), f.max(), f.runs(),
                        f.target() == null ? "null" : quote(f.target()),
                        f.pass() == null || f.target() == null ? "null" : quote(f.pass() ? "PASS" : "MISS"),
                        i + 1 < bench.figures.list.size() ? "," : ""));
            }
            json.append("  ],\n  \"notes\": [");
            for (int i = 0; i < bench.notes.size(); i++) {
                json.append(i == 0 ? "" : ", ").append(quote(bench.notes.get(i)));
            }
            json.append("]\n}\n");
            Files.writeString(file, json.toString());
            System.out.println("wrote " + file);
        }

        static String quote(String text) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20) {
                    out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            return out.append('"').toString();
        }
    }
}
