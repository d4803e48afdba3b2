package alipaymcp.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Posts asynchronous notifications, only to loopback notify URLs (http or https on 127.0.0.1,
 * localhost or [::1]): first after the notify delay, then up to {@link #ATTEMPTS} attempts in all, the
 * wait doubling from the retry delay, until the answer is HTTP 200 with the body exactly "success".
 */
final class Notifier implements AutoCloseable {
    static final int ATTEMPTS = 5;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final long delayMillis;
    private final long retryMillis;
    private final ScheduledExecutorService scheduler;
    /**
     * Made for the first post, not at start: building one loads java.net.http and starts a selector thread
     * (a start with a key folder measured 220 ms with it, 70 ms without).
     */
    private HttpClient client;

    Notifier(long delayMillis, long retryMillis) {
        this.delayMillis = delayMillis;
        this.retryMillis = retryMillis;
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "simulator-notify");
            thread.setDaemon(true);
            return thread;
        });
        pool.setRemoveOnCancelPolicy(true);
        this.scheduler = pool;
    }

    /** Schedules the notification; a missing or non-loopback notify URL is skipped (nothing is sent). */
    void send(String notifyUrl, Map<String, String> params) {
        URI target = notifyUrl == null ? null : loopbackTarget(notifyUrl);
        if (target == null) {
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(target).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(PaymentMessages.encode(params))).build();
        schedule(request, 1, delayMillis);
    }

    private void schedule(HttpRequest request, int attempt, long waitMillis) {
        try {
            scheduler.schedule(() -> post(request, attempt), waitMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed: the simulator is stopping, so the notification is dropped
        }
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                    .proxy(HttpClient.Builder.NO_PROXY).build();
        }
        return client;
    }

    private void post(HttpRequest request, int attempt) {
        client().sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            boolean delivered = error == null && response.statusCode() == 200 && "success".equals(response.body());
            if (!delivered && attempt < ATTEMPTS) {
                schedule(request, attempt + 1, retryMillis << (attempt - 1));
            }
        });
    }

    /** The URI when it is http(s) to a loopback host; null otherwise. */
    static URI loopbackTarget(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            String host = uri.getHost();
            boolean web = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
            boolean loopback = "127.0.0.1".equals(host) || "localhost".equalsIgnoreCase(host) || "[::1]".equals(host);
            return web && loopback && uri.getRawUserInfo() == null ? uri : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
