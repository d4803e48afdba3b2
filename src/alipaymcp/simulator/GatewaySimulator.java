package alipaymcp.simulator;

import alipaymcp.alipay.ContentCipher;
import alipaymcp.alipay.KeyReader.KeyException;
import alipaymcp.simulator.PaymentMessages.Notifier;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local double of the Alipay OpenAPI gateway for one merchant app, on 127.0.0.1 only: it checks
 * request signatures like the gateway, signs its answers with its own platform key, keeps trades and
 * refunds in memory and serves a cashier page. docs/simulator.md states what it models and what not.
 */
public final class GatewaySimulator implements AutoCloseable {
    private static final int THREADS = 32;

    private final HttpServer server;
    private final ExecutorService executor;
    final SimulatorKeys keys;
    private final Notifier notifier;
    private final SimulatorPki pki; // null in key mode
    /** Where certificate mode's three .crt files are: --keys DIR, else a temporary folder deleted at close. */
    private final Path certDir;
    private final boolean temporaryCertDir;
    private final String aesKey; // Base64, or null

    private GatewaySimulator(SimulatorOptions options) throws IOException {
        keys = options.keysDir() == null ? SimulatorKeys.generate() : SimulatorKeys.loadOrCreate(options.keysDir());
        aesKey = options.aes() ? SimulatorKeys.aesKey(options.keysDir()) : null;
        temporaryCertDir = options.certificateMode() && options.keysDir() == null;
        certDir = temporaryCertDir ? Files.createTempDirectory("alipay-simulator-certs") : options.keysDir();
        pki = options.certificateMode() ? new SimulatorPki(keys.appId(), keys.app(), keys.platform(), certDir) : null;
        Faults faults = new Faults(pki);
        AnswerWriter.Signer keyMode = new AnswerWriter.Signer(keys.platform().getPrivate(), null); // never changes
        AnswerWriter writer = new AnswerWriter(pki == null ? () -> keyMode : pki::current);
        Trade.Book book = new Trade.Book(options.maxTrades(), Clock.systemUTC());
        notifier = new Notifier(options.notifyDelayMillis(), options.notifyRetryMillis());
        Cashier cashier = new Cashier(book, new PaymentMessages(keys.appId(), keys.platform().getPrivate()), notifier);
        // jdk.httpserver leaves Nagle's algorithm on unless told (read once, when its classes load): with the
        // client's delayed ACK every answer would wait about 40 ms. Measured: p50 of a query 66 -> 24 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(
                InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), options.port()), 64);
        server.createContext("/", new GatewayHandler(keys.appId(), keys.app().getPublic(), faults, cashier,
                new TradeApi(book), writer, pki, aesKey == null ? null : cipher(aesKey)));
        server.createContext("/cashier/", cashier);
        server.createContext(Faults.CONTROL_PATH, faults);
        executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread thread = new Thread(r, "simulator-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
    }

    public static GatewaySimulator start(SimulatorOptions options) throws IOException {
        return new GatewaySimulator(options);
    }

    private static ContentCipher cipher(String aesKey) {
        try {
            return ContentCipher.parse(aesKey);
        } catch (KeyException e) {
            throw new IllegalStateException("the simulator's AES key " + e.getMessage(), e);
        }
    }

    /** The AP_* variables of a server that talks to this simulator, in its mode. */
    public Map<String, String> serverEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AP_APP_ID", appId());
        env.put("AP_APP_KEY", SimulatorKeys.base64(keys.app().getPrivate().getEncoded())); // PKCS#8
        env.put("AP_GATEWAY_URL", gatewayUrl().toString());
        if (pki == null) {
            env.put("AP_PUB_KEY", SimulatorKeys.base64(keys.platform().getPublic().getEncoded())); // X.509
        } else {
            env.put("AP_APP_CERT_PATH", certDir.resolve(SimulatorPki.APP_CERT.formatted(appId())).toString());
            env.put("AP_ALIPAY_CERT_PATH", certDir.resolve(SimulatorPki.ALIPAY_CERT).toString());
            env.put("AP_ALIPAY_ROOT_CERT_PATH", certDir.resolve(SimulatorPki.ROOT_CERT).toString());
        }
        if (aesKey != null) {
            env.put("AP_ENCRYPT_KEY", aesKey);
        }
        return env;
    }

    public String modeDescription() {
        return (pki == null ? "public-key mode" : "certificate mode") + ", AES " + (aesKey == null ? "off" : "on");
    }

    public URI gatewayUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + GatewayHandler.PATH);
    }

    /** The one merchant app id the simulator accepts: {@value SimulatorKeys#DEFAULT_APP_ID} unless --keys says. */
    public String appId() {
        return keys.appId();
    }

    /** Stops serving at once and drops queued notifications. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        notifier.close();
        if (temporaryCertDir) {
            try (var files = Files.list(certDir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(file);
                }
                Files.deleteIfExists(certDir);
            } catch (IOException e) {
                // a temporary folder of public certificates: the OS cleans it up
            }
        }
    }
}
