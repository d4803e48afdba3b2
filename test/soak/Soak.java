import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * make soak: 10,000 tool calls in ONE MCP session with 32 in flight, against {@code java -jar <jar> --simulator}:
 * a seeded mix of payment links, queries, partial refunds over several paid trades (in parallel on the same
 * trades, some replayed with the same outRequestNo) and refund queries. Checks: every call answered exactly once
 * (ids), no JSON-RPC error, no unexpected isError, successful refunds never exceed a trade's payment (confirmed by
 * refund queries and trade queries at the end), threads and open files of the server back to their level after a
 * 100-call warm-up, heap after GC and RSS flat. Prints the figures. Stops after 5 minutes whatever happens.
 * Run: {@code java test/soak/Soak.java build/mcp-server-alipay.jar} (needs only a JDK, Linux for /proc).
 */
public final class Soak {
    static final int CALLS = 10_000;
    static final int WARM_UP = 100;
    static final int IN_FLIGHT = 32;
    static final int TRADES = 16;
    static final BigDecimal PAID = new BigDecimal("100.00");
    static final long DEADLINE_MS = 5 * 60 * 1000;
    static final long CALL_TIMEOUT_MS = 60_000;

    private final Process server;
    private final OutputStream toServer;
    private final Map<Integer, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> answered = new ConcurrentHashMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final Semaphore slots = new Semaphore(IN_FLIGHT);
    private final Random random = new Random(20250607);
    private final HttpClient browser = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<String> trades = new ArrayList<>();
    /** outRequestNo -> "trade amount" of every refund the server reported as 退款成功 (fund_change=Y). */
    private final Map<String, String[]> refunded = new ConcurrentHashMap<>();
    private final Map<String, String[]> sentRefunds = new ConcurrentHashMap<>();
    private final AtomicInteger[] counts = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger(),
        new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
    private final long[] latencies = new long[CALLS];
    private String gateway;
    private Map<String, Integer> threadNamesBefore;

    private Soak(Process server) {
        this.server = server;
        this.toServer = server.getOutputStream();
    }

    public static void main(String[] args) throws Exception {
        String jar = args.length > 0 ? args[0] : "build/mcp-server-alipay.jar";
        if (!Files.isRegularFile(Path.of(jar))) {
            System.err.println("make soak: no jar at " + jar + "; run ./build.sh first (make soak does)");
            System.exit(2);
        }
        Path home = Files.createTempDirectory("soak-home");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar, "--simulator");
        builder.environment().put("HOME", home.toString());
        builder.environment().put("AP_LOG_ENABLED", "false");
        Process server = builder.start();
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(DEADLINE_MS);
                System.err.println("make soak: FAILED: still running after " + DEADLINE_MS / 1000 + " s; stopped");
                server.destroyForcibly();
                Runtime.getRuntime().halt(1);
            } catch (InterruptedException e) {
                // finished in time
            }
        }, "soak-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        int status;
        try {
            status = new Soak(server).run();
        } catch (Exception e) {
            System.err.println("make soak: FAILED: " + e);
            status = 1;
        } finally {
            server.destroyForcibly();
        }
        System.exit(status);
    }

    private int run() throws Exception {
        CompletableFuture<String> simulatorLine = new CompletableFuture<>();
        pump(server.getErrorStream(), line -> {
            int at = line.indexOf("simulator at ");
            if (at >= 0) {
                simulatorLine.complete(line.substring(at + "simulator at ".length()).split(" ")[0]);
            } else {
                System.err.println("[server stderr] " + line);
            }
        });
        pump(server.getInputStream(), this::reply);
        gateway = simulatorLine.get(30, TimeUnit.SECONDS);
        String init = call("initialize", "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"soak\",\"version\":\"1\"}}");
        expect(init.contains("\"serverInfo\""), "initialize failed: " + init);
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        for (int i = 0; i < TRADES; i++) {
            trades.add(paidTrade(i));
        }
        runCalls(WARM_UP, false);
        Thread.sleep(1000);
        long[] before = figures();
        threadNamesBefore = threadNames();
        long start = System.nanoTime();
        runCalls(CALLS, true);
        double seconds = (System.nanoTime() - start) / 1e9;
        confirmRefunds();
        long[] after = settledFigures(before);
        report(seconds, before, after);
        expect(problems.isEmpty(), problems.size() + " problems:\n  " + String.join("\n  ",
                problems.subList(0, Math.min(20, problems.size()))));
        System.out.println("make soak: OK");
        return 0;
    }

    /** Runs n calls of the mix, at most IN_FLIGHT at a time, and waits for all of them. */
    private void runCalls(int n, boolean timed) throws Exception {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            slots.acquire();
            int index = i;
            long sent = System.nanoTime();
            CompletableFuture<Void> done = oneOfTheMix().whenComplete((r, e) -> {
                slots.release();
                if (timed) {
                    latencies[index] = System.nanoTime() - sent;
                }
                if (e != null) {
                    problems.add("call " + index + ": " + e);
                }
            });
            all.add(done);
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).exceptionally(e -> null)
                .get(DEADLINE_MS, TimeUnit.MILLISECONDS);
    }

    /** One call of the mix: 20% links, 25% queries, 35% refunds (some replays), 20% refund queries. */
    private CompletableFuture<Void> oneOfTheMix() throws IOException {
        int pick;
        String trade;
        String number = null;
        String[] replay = null;
        synchronized (random) {
            pick = random.nextInt(100);
            trade = trades.get(random.nextInt(trades.size()));
            boolean refundQuery = pick >= 80 && !refunded.isEmpty();
            boolean replayRefund = pick >= 45 && pick < 80 && !sentRefunds.isEmpty() && random.nextInt(10) == 0;
            if (refundQuery || replayRefund) {
                List<String> known = new ArrayList<>(refundQuery ? refunded.keySet() : sentRefunds.keySet());
                number = known.get(random.nextInt(known.size()));
                replay = refundQuery ? refunded.get(number) : sentRefunds.get(number);
            }
        }
        if (pick < 20) {
            counts[0].incrementAndGet();
            String no = "SOAKL_" + nextId.get() + "_" + pick;
            return tool("create-web-page-alipay-payment", "{\"outTradeNo\":\"" + no + "\",\"totalAmount\":"
                    + (1 + pick) + ".5,\"orderTitle\":\"soak (link)\"}").thenAccept(r -> ok(r, "网页支付链接: [点击完成支付](" + gateway));
        }
        if (pick < 45) {
            counts[1].incrementAndGet();
            return tool("query-alipay-payment", "{\"outTradeNo\":\"" + trade + "\"}").thenAccept(r -> {
                if (!r.startsWith("false|交易状态: TRADE_SUCCESS") && !r.startsWith("false|交易状态: TRADE_CLOSED")) {
                    problems.add("query: " + r);
                }
            });
        }
        if (pick < 80) {
            return refund(replay != null ? replay[0] : trade, number, replay);
        }
        if (replay == null) {
            counts[1].incrementAndGet();
            return tool("query-alipay-payment", "{\"outTradeNo\":\"" + trade + "\"}").thenAccept(r -> ok(r, "交易状态: "));
        }
        counts[3].incrementAndGet();
        String[] known = replay;
        return tool("query-alipay-refund", "{\"outRequestNo\":\"" + number + "\",\"outTradeNo\":\"" + known[0] + "\"}")
                .thenAccept(r -> ok(r, "查询到退款成功, "));
    }

    /** A new partial refund, or a replay of an earlier one with the same number and amount. */
    private CompletableFuture<Void> refund(String trade, String replayNumber, String[] replay) throws IOException {
        String number = replayNumber != null ? replayNumber : "RS" + nextId.get() + "_" + trade.hashCode();
        String amount;
        if (replay != null) {
            amount = replay[1];
            counts[4].incrementAndGet();
        } else {
            synchronized (random) {
                amount = BigDecimal.valueOf(1 + random.nextInt(500), 2).toPlainString();
            }
            counts[2].incrementAndGet();
            sentRefunds.put(number, new String[] {trade, amount});
        }
        return tool("refund-alipay-payment", "{\"outTradeNo\":\"" + trade + "\",\"refundAmount\":" + amount
                + ",\"outRequestNo\":\"" + number + "\"}").thenAccept(r -> {
                    if (r.startsWith("false|退款结果: 退款成功")) {
                        if (refunded.putIfAbsent(number, new String[] {trade, amount}) != null) {
                            problems.add("refund " + number + " reported fund_change=Y twice: " + r);
                        }
                    } else if (r.startsWith("false|退款结果: 重复请求退款幂等成功")) {
                        counts[5].incrementAndGet();
                    } else if (!r.startsWith("true|退款执行失败. 退款结果: {\"code\":\"40004\"")) {
                        problems.add("refund " + number + ": " + r);
                    }
                });
    }

    private void ok(String reply, String expectedStart) {
        if (!reply.startsWith("false|" + expectedStart)) {
            problems.add("expected '" + expectedStart + "': " + reply);
        }
    }

    /** At the end: each reported refund confirmed by a refund query; the sum per trade at most what was paid. */
    private void confirmRefunds() throws Exception {
        Map<String, BigDecimal> perTrade = new HashMap<>();
        for (Map.Entry<String, String[]> e : refunded.entrySet()) {
            String r = tool("query-alipay-refund", "{\"outRequestNo\":\"" + e.getKey() + "\",\"outTradeNo\":\""
                    + e.getValue()[0] + "\"}").get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            int at = r.indexOf("退款金额: ");
            if (!r.startsWith("false|查询到退款成功") || at < 0) {
                problems.add("refund " + e.getKey() + " reported made, but the refund query says: " + r);
                continue;
            }
            BigDecimal amount = new BigDecimal(r.substring(at + "退款金额: ".length()).split(" ")[0]);
            if (amount.compareTo(new BigDecimal(e.getValue()[1])) != 0) {
                problems.add("refund " + e.getKey() + ": asked " + e.getValue()[1] + ", gateway has " + amount);
            }
            perTrade.merge(e.getValue()[0], amount, BigDecimal::add);
        }
        int closed = 0;
        for (String trade : trades) {
            BigDecimal sum = perTrade.getOrDefault(trade, BigDecimal.ZERO);
            if (sum.compareTo(PAID) > 0) {
                problems.add("trade " + trade + ": refunds of " + sum + " exceed the payment of " + PAID);
            }
            String q = tool("query-alipay-payment", "{\"outTradeNo\":\"" + trade + "\"}").get(CALL_TIMEOUT_MS,
                    TimeUnit.MILLISECONDS);
            boolean isClosed = q.startsWith("false|交易状态: TRADE_CLOSED");
            closed += isClosed ? 1 : 0;
            if (isClosed != (sum.compareTo(PAID) == 0)) {
                problems.add("trade " + trade + ": refunded " + sum + " of " + PAID + " but the query says " + q);
            }
        }
        System.out.println("refunds: " + refunded.size() + " made (fund_change=Y), " + counts[5].get()
                + " replays answered idempotently, " + closed + " of " + TRADES + " trades fully refunded;"
                + " every made refund confirmed by a refund query, no trade refunded beyond " + PAID);
    }

    /** Threads, open files, RSS (kB) and heap used after a full GC (kB) of the server process. */
    private long[] figures() throws Exception {
        long pid = server.pid();
        long heap = heapAfterGc(pid); // first: jcmd's first visit starts the JVM's Attach Listener thread
        // JIT compiler threads come and go with the JVM's dynamic compiler-thread count: not ours to leak.
        long threads = 0;
        for (Map.Entry<String, Integer> name : threadNames().entrySet()) {
            if (!name.getKey().startsWith("CN CompilerThre")) {
                threads += name.getValue();
            }
        }
        long fds = count(Path.of("/proc/" + pid + "/fd"));
        long rss = 0;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return new long[] {threads, fds, rss, heap};
    }

    /**
     * Figures at the end, waited for while threads or files are above their warm-up level: at most 75 s, as the
     * JDK HttpClient's default executor keeps an idle worker thread for 60 s.
     */
    private long[] settledFigures(long[] before) throws Exception {
        long start = System.nanoTime();
        long[] after = figures();
        for (int i = 0; i < 15 && (after[0] > before[0] || after[1] > before[1]); i++) {
            Thread.sleep(5000);
            after = figures();
        }
        System.out.printf("settled: figures taken %.0f s after the last call%n", (System.nanoTime() - start) / 1e9);
        return after;
    }

    /** How many threads of the server carry each name (the kernel's 15-character comm). */
    private Map<String, Integer> threadNames() {
        Map<String, Integer> names = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + server.pid() + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    names.merge(Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "N"), 1, Integer::sum);
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            names.put("unreadable: " + e.getMessage(), 1);
        }
        return names;
    }

    private static long count(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.count();
        }
    }

    /** jcmd GC.run then GC.heap_info; -1 when jcmd is not there. */
    private static long heapAfterGc(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return -1;
        }
        try {
            exec(jcmd.toString(), String.valueOf(pid), "GC.run");
            String info = exec(jcmd.toString(), String.valueOf(pid), "GC.heap_info");
            int at = info.indexOf("used ");
            return at < 0 ? -1 : Long.parseLong(info.substring(at + 5, info.indexOf('K', at)).trim());
        } catch (Exception e) {
            return -1;
        }
    }

    private static String exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    private void report(double seconds, long[] before, long[] after) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        System.out.printf("calls: %d in %.1f s = %.0f calls/s with %d in flight (links %d, queries %d, refunds %d new"
                + " + %d replays, refund queries %d)%n", CALLS, seconds, CALLS / seconds, IN_FLIGHT, counts[0].get(),
                counts[1].get(), counts[2].get(), counts[4].get(), counts[3].get());
        System.out.printf("latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", sorted[CALLS / 2] / 1e6,
                sorted[CALLS * 99 / 100] / 1e6, sorted[CALLS - 1] / 1e6);
        System.out.printf("threads (JIT compiler threads aside): %d after warm-up, %d at the end%n", before[0], after[0]);
        System.out.printf("open files: %d after warm-up, %d at the end%n", before[1], after[1]);
        System.out.printf("RSS: %d kB after warm-up, %d kB at the end%n", before[2], after[2]);
        System.out.printf("heap used after GC: %d kB after warm-up, %d kB at the end%n", before[3], after[3]);
        if (after[0] > before[0]) {
            problems.add("threads grew from " + before[0] + " to " + after[0] + "; by name, after warm-up "
                    + threadNamesBefore + ", at the end " + threadNames());
        }
        if (after[1] > before[1]) {
            problems.add("open files grew from " + before[1] + " to " + after[1]);
        }
        if (before[3] > 0 && after[3] > before[3] + 16 * 1024) {
            problems.add("heap after GC grew by more than 16 MB: " + before[3] + " -> " + after[3] + " kB");
        }
        if (after[2] > before[2] + 128 * 1024) {
            problems.add("RSS grew by more than 128 MB: " + before[2] + " -> " + after[2] + " kB");
        }
        int lost = 0;
        for (int id = 1; id < nextId.get(); id++) {
            lost += answered.containsKey(id) ? 0 : 1;
        }
        System.out.printf("ids: %d requests, %d answered, %d lost, %d answered twice%n", nextId.get() - 1,
                answered.size(), lost, answered.values().stream().filter(n -> n > 1).count());
        if (lost > 0) {
            problems.add(lost + " requests never answered");
        }
    }

    /** A trade opened through its link and paid at the simulator's cashier. */
    private String paidTrade(int i) throws Exception {
        String no = "SOAK_" + System.currentTimeMillis() + "_" + i;
        String r = tool("create-web-page-alipay-payment", "{\"outTradeNo\":\"" + no + "\",\"totalAmount\":" + PAID
                + ",\"orderTitle\":\"soak trade\"}").get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        int open = r.indexOf("](");
        expect(r.startsWith("false|") && open > 0, "payment link: " + r);
        URI link = URI.create(r.substring(open + 2, r.lastIndexOf(')')));
        String page = browser.send(HttpRequest.newBuilder(link).GET().timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        int button = page.indexOf("id=\"pay\"");
        expect(button > 0, "no cashier page: " + page);
        String form = page.substring(page.lastIndexOf("<form", button), button);
        StringBuilder body = new StringBuilder();
        for (int at = form.indexOf("<input"); at >= 0; at = form.indexOf("<input", at + 1)) {
            String input = form.substring(at, form.indexOf('>', at));
            body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(attribute(input, "name"),
                    StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(attribute(input, "value"),
                    StandardCharsets.UTF_8));
        }
        int status = browser.send(HttpRequest.newBuilder(link.resolve(attribute(form, "action")))
                .timeout(Duration.ofSeconds(10)).header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
        expect(status == 200 || status == 303, "Pay: HTTP " + status);
        return no;
    }

    private static String attribute(String tag, String name) {
        int start = tag.indexOf(name + "=\"") + name.length() + 2;
        return tag.substring(start, tag.indexOf('"', start)).replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** tools/call; completes with "isError|text". */
    private CompletableFuture<String> tool(String name, String arguments) throws IOException {
        return request("tools/call", "{\"name\":\"" + name + "\",\"arguments\":" + arguments + "}")
                .thenApply(line -> {
                    String text = stringAfter(line, "\"text\":");
                    boolean isError = line.contains("\"isError\":true");
                    if (text == null) {
                        throw new IllegalStateException("not a tool result: " + line);
                    }
                    return isError + "|" + text;
                });
    }

    private String call(String method, String params) throws Exception {
        return request(method, params).get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    private CompletableFuture<String> request(String method, String params) throws IOException {
        int id = nextId.getAndIncrement();
        CompletableFuture<String> reply = new CompletableFuture<>();
        pending.put(id, reply);
        send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}");
        return reply.orTimeout(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    private synchronized void send(String line) throws IOException {
        toServer.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        toServer.flush();
    }

    /** Each stdout line: a reply with an id we sent and have not seen answered. */
    private void reply(String line) {
        String idText = line.startsWith("{\"jsonrpc\":\"2.0\",\"id\":") ? line.substring(22, line.indexOf(',', 22)) : "";
        int id;
        try {
            id = Integer.parseInt(idText);
        } catch (NumberFormatException e) {
            problems.add("a stdout line that is not a reply with a numeric id: " + line);
            return;
        }
        if (answered.merge(id, 1, Integer::sum) > 1) {
            problems.add("id " + id + " answered twice: " + line);
            return;
        }
        CompletableFuture<String> waiting = pending.remove(id);
        if (waiting == null) {
            problems.add("a reply to an id never sent: " + line);
        } else if (line.contains("\"error\":{")) {
            waiting.completeExceptionally(new IllegalStateException("JSON-RPC error: " + line));
        } else {
            waiting.complete(line);
        }
    }

    /** The JSON string value after {@code key} in line, unescaped (enough for our replies). */
    static String stringAfter(String line, String key) {
        int at = line.indexOf(key);
        if (at < 0 || line.charAt(at + key.length()) != '"') {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int i = at + key.length() + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                char e = line.charAt(++i);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(line.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> out.append(e);
                }
            } else {
                out.append(c);
            }
        }
        return null;
    }

    private static void expect(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException(failure);
        }
    }

    private static void pump(InputStream in, java.util.function.Consumer<String> sink) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // the server is gone; the waiting side reports it
            }
        }, "soak-pump");
        thread.setDaemon(true);
        thread.start();
    }
}
