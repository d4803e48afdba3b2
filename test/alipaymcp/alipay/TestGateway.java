package alipaymcp.alipay;

import alipaymcp.alipay.KeyReader.KeyException;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A scripted gateway on 127.0.0.1 (tests only): answers every POST with the status, body and delay the
 * test sets, and records what it received. It signs with its own generated key, like Alipay would.
 * It models no Alipay behaviour at all; the simulator package does that.
 */
final class TestGateway implements AutoCloseable {
    static final KeyPair ALIPAY_KEYS = generate();

    record Received(String query, String body, String contentType, String userAgent, String accept) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile int status = 200;
    volatile String body = "";
    volatile long delayMillis;
    /** Send half the body, then wait this long before the rest (a gateway stalling mid-answer). */
    volatile long stallMidBodyMillis;
    /** Send the body chunked, without a Content-Length. */
    volatile boolean chunked;

    TestGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/gateway.do", exchange -> {
            byte[] in = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestURI().getRawQuery(), new String(in, StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("content-type"),
                    exchange.getRequestHeaders().getFirst("user-agent"),
                    exchange.getRequestHeaders().getFirst("accept")));
            sleep(delayMillis);
            byte[] out = body.getBytes(StandardCharsets.UTF_8);
            if (status == 302) {
                exchange.getResponseHeaders().add("location", "http://127.0.0.1:1/elsewhere");
            }
            exchange.sendResponseHeaders(status, chunked ? 0 : out.length == 0 ? -1 : out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                if (stallMidBodyMillis > 0) {
                    os.write(out, 0, out.length / 2);
                    os.flush();
                    sleep(stallMidBodyMillis);
                    os.write(out, out.length / 2, out.length - out.length / 2);
                } else {
                    os.write(out);
                }
            } catch (IOException e) {
                // the client gave up first: expected in the stall tests
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/gateway.do");
    }

    /** {"<root>":content,"sign":"..."} signed over content. */
    static String signed(String root, String content) {
        return "{\"" + root + "\":" + content + ",\"sign\":\"" + sign(content) + "\"}";
    }

    static String sign(String content) {
        return RsaSigner.sign(content, ALIPAY_KEYS.getPrivate(), SignType.RSA2);
    }

    static AlipayPublicKey publicKey() throws KeyException {
        return AlipayPublicKey.parse(Base64.getEncoder().encodeToString(ALIPAY_KEYS.getPublic().getEncoded()));
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
