package alipaymcp.chaos;

import alipaymcp.simulator.SimControl;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar <jar> simulator --keys DIR} in its own process: its gateway URL from the start line, the
 * server's settings from the key folder, and faults switched through the loopback control endpoint
 * ({@link SimControl}, the one client of it).
 */
public final class SimulatorProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final URI gatewayUrl;
    private final Path keys;

    private SimulatorProcess(Process process, URI gatewayUrl, Path keys) {
        this.process = process;
        this.gatewayUrl = gatewayUrl;
        this.keys = keys;
    }

    public static SimulatorProcess start(Path keysDir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(McpProcess.java(), "-jar", McpProcess.jar(), "simulator", "--keys",
                keysDir.toString());
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String start;
        try {
            start = line.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("the simulator printed no start line within " + START_TIMEOUT, e);
        }
        int at = start == null ? -1 : start.indexOf("gateway=");
        if (at < 0) {
            process.destroyForcibly();
            throw new IllegalStateException("unexpected simulator start line: " + start);
        }
        String url = start.substring(at + "gateway=".length(), start.indexOf(' ', at));
        return new SimulatorProcess(process, URI.create(url), keysDir);
    }

    public URI gatewayUrl() {
        return gatewayUrl;
    }

    public String appId() throws IOException {
        return read("app_id.txt");
    }

    public String appPrivateKey() throws IOException {
        return read("app_private_key.txt");
    }

    public String platformPublicKey() throws IOException {
        return read("alipay_public_key.txt");
    }

    /** The environment of a server pointed at {@code gateway} with this simulator's app id and keys, log off. */
    public Map<String, String> serverEnv(Path home, String gateway, int timeoutMs) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", Files.createDirectories(home).toString());
        env.put("AP_LOG_ENABLED", "false");
        env.put("AP_APP_ID", appId());
        env.put("AP_APP_KEY", appPrivateKey());
        env.put("AP_PUB_KEY", platformPublicKey());
        env.put("AP_GATEWAY_URL", gateway);
        env.put("AP_TIMEOUT_MS", String.valueOf(timeoutMs));
        return env;
    }

    private String read(String file) throws IOException {
        return Files.readString(keys.resolve(file), StandardCharsets.UTF_8).trim();
    }

    /** POST /__sim/fault: {@code fault} is a control token (delay:3000, http-500, ...). */
    public void fault(String method, String fault) {
        SimControl.injectFault(gatewayUrl, method, fault);
    }

    public void clear() {
        SimControl.clearFaults(gatewayUrl);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
