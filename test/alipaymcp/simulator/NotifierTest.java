package alipaymcp.simulator;

import alipaymcp.alipay.AlipayPublicKey;
import alipaymcp.alipay.NotifyVerifier;
import alipaymcp.alipay.SignType;
import alipaymcp.simulator.PaymentMessages.Notifier;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;


/** Asynchronous notifications: delivered to a loopback merchant, verified, retried until "success". */
class NotifierTest {
    private GatewaySimulator sim;
    private SimClient client;
    private HttpServer merchant;
    private final BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToGive = new AtomicInteger();
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    /** Notifications this merchant acknowledged with "success". */
    private final AtomicInteger acknowledged = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        sim = GatewaySimulator.start(TestKeys.options(20, 10_000));
        client = new SimClient(sim);
        merchant = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 8);
        merchant.createContext("/notify", exchange -> {
            arrivals.add(System.nanoTime());
            // content type first: the test reads it as soon as the body arrives
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            boolean fail = failuresToGive.getAndDecrement() > 0;
            if (!fail) {
                acknowledged.incrementAndGet();
            }
            byte[] answer = (fail ? "fail" : "success").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        merchant.start();
    }

    @AfterEach
    void stop() {
        sim.close();
        merchant.stop(0);
    }

    private String notifyUrl() {
        return "http://127.0.0.1:" + merchant.getAddress().getPort() + "/notify";
    }

    private static void awaitCount(java.util.function.IntSupplier counter, int expected) throws InterruptedException {
        awaitCount(counter, expected, 500);
    }

    /** Polls every 10 ms, at most {@code polls} times. */
    private static void awaitCount(java.util.function.IntSupplier counter, int expected, int polls)
            throws InterruptedException {
        for (int i = 0; i < polls && counter.getAsInt() < expected; i++) {
            Thread.sleep(10);
        }
        assertThat(counter.getAsInt()).isEqualTo(expected);
    }

    @Test
    void notify_paymentIsPostedAndVerifiesWithTheV1Rule() throws Exception {
        client.openPage(Cashier.WAP, "N1", "88.88", "奶茶 & tea", notifyUrl(), null);
        String tradeNo = SimControl.pay(sim, "N1");
        String body = bodies.poll(5, TimeUnit.SECONDS);
        assertThat(body).isNotNull();
        assertThat(contentTypes.get(0)).startsWith("application/x-www-form-urlencoded");
        AlipayPublicKey key = AlipayPublicKey.parse(SimulatorKeys.base64(sim.keys.platform().getPublic().getEncoded()));
        NotifyVerifier.Verdict v1 = NotifyVerifier.verify(body, key, SignType.RSA2, sim.appId(), false);
        assertThat(v1.valid()).as(v1.reason()).isTrue();
        assertThat(NotifyVerifier.verify(body, key, SignType.RSA2, sim.appId(), true).valid()).isFalse();
        assertThat(v1.params()).containsEntry("notify_type", "trade_status_sync").containsEntry("trade_no", tradeNo)
                .containsEntry("out_trade_no", "N1").containsEntry("trade_status", "TRADE_SUCCESS")
                .containsEntry("total_amount", "88.88").containsEntry("receipt_amount", "88.88")
                .containsEntry("buyer_pay_amount", "88.88").containsEntry("subject", "奶茶 & tea")
                .containsEntry("app_id", sim.appId()).containsEntry("charset", "utf-8").containsEntry("version", "1.0")
                .containsEntry("sign_type", "RSA2")
                .containsKeys("notify_id", "notify_time", "gmt_create", "gmt_payment", "buyer_id", "seller_id");
        awaitCount(acknowledged::get, 1);
        assertThat(bodies).isEmpty();
    }

    @Test
    void notify_isRetriedUntilTheMerchantSaysSuccess() throws Exception {
        failuresToGive.set(2);
        client.openPage(Cashier.PAGE, "N2", "1", "S", notifyUrl(), null);
        SimControl.pay(sim, "N2");
        awaitCount(acknowledged::get, 1);
        assertThat(bodies).hasSize(3);
        assertThat(bodies.stream().distinct()).hasSize(1);
    }

    @Test
    void notify_givesUpAfterFiveAttempts() throws Exception {
        failuresToGive.set(100);
        client.openPage(Cashier.PAGE, "N3", "1", "S", notifyUrl(), null);
        SimControl.pay(sim, "N3");
        awaitCount(bodies::size, Notifier.ATTEMPTS);
        Thread.sleep(500); // a sixth attempt would come 320 ms after the fifth
        assertThat(bodies).hasSize(Notifier.ATTEMPTS);
        assertThat(acknowledged).hasValue(0);
    }

    @Test
    void notify_waitsTwiceAsLongBeforeEachRetry() throws Exception {
        // Each retry is scheduled after the failed answer arrived, so no gap can be shorter than its wait:
        // 100, 200, 400 and 800 ms. With a fixed wait the second gap would be 100 ms, not 200 or more.
        failuresToGive.set(100);
        try (GatewaySimulator slow = GatewaySimulator.start(TestKeys.options(100, 10_000))) {
            new SimClient(slow).openPage(Cashier.PAGE, "N9", "1", "S", notifyUrl(), null);
            SimControl.pay(slow, "N9");
            awaitCount(arrivals::size, Notifier.ATTEMPTS, 1_500); // 1.5 s of waits: allow for a loaded machine
        }
        assertThat(arrivals).hasSize(Notifier.ATTEMPTS);
        for (int i = 1; i < arrivals.size(); i++) {
            long gapMillis = TimeUnit.NANOSECONDS.toMillis(arrivals.get(i) - arrivals.get(i - 1));
            assertThat(gapMillis).as("the wait before attempt %d", i + 1).isGreaterThanOrEqualTo(100L << (i - 1));
        }
    }

    @Test
    void notify_isHeldBackByTheNotifyDelay() throws Exception {
        try (GatewaySimulator late = GatewaySimulator.start(TestKeys.options().withNotifyDelayMillis(300))) {
            new SimClient(late).openPage(Cashier.PAGE, "N10", "1", "S", notifyUrl(), null);
            long paid = System.nanoTime();
            SimControl.pay(late, "N10");
            awaitCount(acknowledged::get, 1);
            assertThat(arrivals).hasSize(1);
            assertThat(TimeUnit.NANOSECONDS.toMillis(arrivals.get(0) - paid)).isGreaterThanOrEqualTo(300);
        }
    }

    @Test
    void notify_rsaPagePayIsNotifiedWithRsa() throws Exception {
        java.util.Map<String, String> params = client.pageParams(Cashier.WAP, "N4", "2", "S", notifyUrl(), null);
        params.put("sign_type", "RSA");
        assertThat(client.get(client.sign(params)).statusCode()).isEqualTo(200);
        SimControl.pay(sim, "N4");
        String body = bodies.poll(5, TimeUnit.SECONDS);
        AlipayPublicKey key = AlipayPublicKey.parse(SimulatorKeys.base64(sim.keys.platform().getPublic().getEncoded()));
        assertThat(NotifyVerifier.verify(body, key, SignType.RSA, sim.appId(), false).valid()).isTrue();
        assertThat(NotifyVerifier.verify(body, key, SignType.RSA2, sim.appId(), false).valid()).isFalse();
    }

    @Test
    void notify_onlyLoopbackUrlsArePosted() throws Exception {
        client.openPage(Cashier.WAP, "N5", "1", "S", "https://merchant.example/notify", null);
        client.openPage(Cashier.WAP, "N6", "1", "S", null, null);
        assertThat(SimControl.pay(sim, "N5")).hasSize(28); // a non-loopback notify URL does not stop the payment
        assertThat(SimControl.pay(sim, "N6")).hasSize(28); // no notify URL: paid, nothing to post
        assertThat(Notifier.loopbackTarget("http://localhost:8080/n")).isNotNull();
        assertThat(Notifier.loopbackTarget("https://[::1]:8443/n")).isNotNull();
        assertThat(Notifier.loopbackTarget("http://127.0.0.2/n")).isNull();
        assertThat(Notifier.loopbackTarget("http://user@127.0.0.1/n")).isNull();
        assertThat(Notifier.loopbackTarget("ftp://127.0.0.1/n")).isNull();
        assertThat(Notifier.loopbackTarget("http://127.0.0.1.example/n")).isNull();
    }

    @Test
    void notify_payingTwiceNotifiesOnce() throws Exception {
        client.openPage(Cashier.WAP, "N7", "1", "S", notifyUrl(), null);
        SimControl.pay(sim, "N7");
        SimControl.pay(sim, "N7");
        awaitCount(acknowledged::get, 1);
        Thread.sleep(100);
        assertThat(bodies).hasSize(1);
    }
}
