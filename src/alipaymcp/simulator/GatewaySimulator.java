package alipaymcp.simulator;

import alipaymcp.alipay.ContentCipher;
import alipaymcp.alipay.KeyReader.KeyException;
import alipaymcp.simulator.Cashier.PagePay;
import alipaymcp.simulator.GatewayHandler.GatewayCheck;
import alipaymcp.simulator.PaymentMessages.Notifier;
import alipaymcp.simulator.TradeBook.GatewayTime;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local double of the Alipay OpenAPI gateway for one merchant app, on 127.0.0.1 only: it checks
 * request signatures like the gateway, signs its answers with its own platform key, keeps trades and
 * refunds in memory and serves a cashier page. See {@link SimulatorCommand#HELP} for what it models.
 */
public final class GatewaySimulator implements AutoCloseable {
    private static final int THREADS = 32;
    private static final Set<String> METHODS = Set.of(PagePay.WAP, PagePay.PAGE, TradeApi.QUERY,
            TradeApi.REFUND, TradeApi.REFUND_QUERY);

    private final HttpServer server;
    private final ExecutorService executor;
    private final SimulatorKeys keys;
    private final Notifier notifier;
    private final Modes modes;

    /**
     * Certificate mode and AES, when on.
     *
     * @param pki       the throw-away PKI, or null in key mode
     * @param certDir   where its three .crt files are; a temporary folder (deleted at close) unless --keys
     * @param temporary whether certDir is that temporary folder
     * @param aesKey    the app's AES key (Base64), or null
     */
    private record Modes(SimulatorPki pki, Path certDir, boolean temporary, String aesKey) {
    }

    private GatewaySimulator(HttpServer server, ExecutorService executor, SimulatorKeys keys, Notifier notifier,
            Modes modes) {
        this.server = server;
        this.executor = executor;
        this.keys = keys;
        this.notifier = notifier;
        this.modes = modes;
    }

    /** Binds 127.0.0.1 on the port of the options (0: a free one) and starts serving. */
    public static GatewaySimulator start(SimulatorOptions options) throws IOException {
        SimulatorKeys keys = options.keysDir() == null ? SimulatorKeys.generate()
                : SimulatorKeys.loadOrCreate(options.keysDir());
        GatewayTime time = new GatewayTime(Clock.systemUTC());
        TradeBook book = new TradeBook(options.maxTrades(), time);
        Notifier notifier = new Notifier(options.notifyDelayMillis(), options.notifyRetryMillis());
        PaymentMessages messages = new PaymentMessages(keys.appId, keys.platform.getPrivate());
        Cashier cashier = new Cashier(book, time, messages, notifier);
        // jdk.httpserver leaves Nagle's algorithm on unless told (read once, when its classes load): with the
        // client's delayed ACK every answer would then wait about 40 ms. Measured: p50 of a query 66 -> 24 ms
        // on a loaded 2-core machine.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Modes modes = modes(options, keys);
        SimulatorPki pki = modes.pki();
        ContentCipher cipher = modes.aesKey() == null ? null : cipher(modes.aesKey());
        HttpServer server = HttpServer.create(new InetSocketAddress(
                InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), options.port()), 64);
        Set<String> methods = new HashSet<>(METHODS);
        if (pki != null) {
            methods.add(GatewayHandler.CERT_DOWNLOAD);
        }
        GatewayCheck check = new GatewayCheck(keys.appId, keys.app.getPublic(), methods,
                pki == null ? null : pki.appCertSn(), pki == null ? null : pki.rootCertSn(), cipher != null);
        Faults faults = new Faults(pki);
        SimulatorPki.Current keyMode = new SimulatorPki.Current(keys.platform.getPrivate(), null); // never changes
        AnswerWriter writer = new AnswerWriter(pki == null ? () -> keyMode : pki::current);
        GatewayHandler gateway = new GatewayHandler(check, faults, new PagePay(book), new TradeApi(book, time), writer,
                pki, cipher);
        server.createContext("/", gateway);
        server.createContext("/cashier/", cashier);
        server.createContext(Faults.FAULT_PATH, faults);
        server.createContext(Faults.CLEAR_PATH, faults);
        server.createContext(Faults.ROTATE_PATH, faults);
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread thread = new Thread(r, "simulator-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        return new GatewaySimulator(server, executor, keys, notifier, modes);
    }

    private static Modes modes(SimulatorOptions options, SimulatorKeys keys) throws IOException {
        String aesKey = options.aes() ? SimulatorKeys.aesKey(options.keysDir()) : null;
        if (!options.certificateMode()) {
            return new Modes(null, null, false, aesKey);
        }
        SimulatorPki pki = SimulatorPki.create(keys.appId, keys.app, keys.platform);
        boolean temporary = options.keysDir() == null;
        Path dir = temporary ? Files.createTempDirectory("alipay-simulator-certs") : options.keysDir();
        pki.write(dir);
        return new Modes(pki, dir, temporary, aesKey);
    }

    private static ContentCipher cipher(String aesKey) {
        try {
            return ContentCipher.parse(aesKey);
        } catch (KeyException e) {
            throw new IllegalStateException("the simulator's AES key " + e.getMessage(), e);
        }
    }

    /**
     * The AP_* variables of a server that talks to this simulator in its mode: AP_APP_ID, AP_APP_KEY,
     * AP_GATEWAY_URL, then AP_PUB_KEY or, in certificate mode, the three certificate paths; AP_ENCRYPT_KEY
     * with AES.
     */
    public Map<String, String> serverEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AP_APP_ID", appId());
        env.put("AP_APP_KEY", appPrivateKeyBase64());
        env.put("AP_GATEWAY_URL", gatewayUrl().toString());
        if (modes.pki() == null) {
            env.put("AP_PUB_KEY", platformPublicKeyBase64());
        } else {
            env.put("AP_APP_CERT_PATH", modes.pki().appCertFile(modes.certDir()).toString());
            env.put("AP_ALIPAY_CERT_PATH", modes.certDir().resolve(SimulatorPki.ALIPAY_CERT).toString());
            env.put("AP_ALIPAY_ROOT_CERT_PATH", modes.certDir().resolve(SimulatorPki.ROOT_CERT).toString());
        }
        if (modes.aesKey() != null) {
            env.put("AP_ENCRYPT_KEY", modes.aesKey());
        }
        return env;
    }

    /** "certificate mode" or "public-key mode", then ", AES on" or ", AES off". */
    public String modeDescription() {
        return (modes.pki() == null ? "public-key mode" : "certificate mode") + ", AES "
                + (modes.aesKey() == null ? "off" : "on");
    }

    /** {@code http://127.0.0.1:<port>/gateway.do} */
    public URI gatewayUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + GatewayHandler.PATH);
    }

    /** The one merchant app id the simulator accepts ({@value SimulatorKeys#DEFAULT_APP_ID} unless a key folder says otherwise). */
    public String appId() {
        return keys.appId;
    }

    /** PKCS#8 base64 of the app private key: what the server signs requests with (AP_APP_KEY). */
    public String appPrivateKeyBase64() {
        return SimulatorKeys.base64(keys.app.getPrivate().getEncoded());
    }

    /** X.509 base64 of the platform public key, which verifies the simulator's answers (AP_PUB_KEY). */
    public String platformPublicKeyBase64() {
        return SimulatorKeys.base64(keys.platform.getPublic().getEncoded());
    }

    /** Stops serving at once and drops queued notifications. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        notifier.close();
        if (modes.temporary()) {
            try (var files = Files.list(modes.certDir())) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(file);
                }
                Files.deleteIfExists(modes.certDir());
            } catch (IOException e) {
                // a temporary folder of public certificates: the OS cleans it up
            }
        }
    }
}
