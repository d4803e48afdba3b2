package alipaymcp.alipay;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link HttpTransport} on java.net.http: one HttpClient, built on first use (never at class
 * initialisation), HTTP/1.1, redirects never followed. The timeout bounds the whole exchange including
 * the body, and an answer larger than {@link HttpTransport#MAX_BODY} bytes is refused.
 */
final class JdkHttpTransport implements HttpTransport {
    /** The client's own async work is short; a fixed pool keeps the thread count flat (the default one grows). */
    static final int EXECUTOR_THREADS = 4;

    private static ScheduledExecutorService alarms; // guarded by JdkHttpTransport.class

    private final Duration connectTimeout;
    private HttpClient client; // guarded by this

    JdkHttpTransport(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder()
                    .executor(Executors.newFixedThreadPool(EXECUTOR_THREADS, JdkHttpTransport::daemon))
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(connectTimeout)
                    .build();
        }
        return client;
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "gateway-http");
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public Reply post(URI uri, Map<String, String> headers, String body, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        // send(), not sendAsync(): on 2 cores the JDK hops every async answer onto a new thread. The request
        // timeout bounds the wait for the headers; the alarm bounds the whole exchange, body included.
        // Both are built before the clock starts: the first call's set-up is not the gateway's time.
        HttpClient http = client();
        ScheduledExecutorService timer = alarms();
        Alarm alarm = new Alarm(Thread.currentThread());
        ScheduledFuture<?> scheduled = timer.schedule(alarm, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            HttpResponse<byte[]> response = http.send(request.build(), JdkHttpTransport::limited);
            return new Reply(response.statusCode(), response.headers().firstValue("content-type").orElse(null),
                    response.body()); // body null past MAX_BODY: see limited()
        } catch (InterruptedException | IOException e) {
            if (alarm.disarm()) { // our own alarm, not a caller's interrupt or a network failure
                throw new HttpTimeoutException("no complete answer within " + timeout.toMillis() + " ms");
            }
            throw e;
        } finally {
            scheduled.cancel(false);
            if (alarm.disarm()) {
                Thread.interrupted(); // the alarm rang as the answer arrived: clear it, the worker thread is reused
            }
        }
    }

    private static synchronized ScheduledExecutorService alarms() {
        if (alarms == null) {
            alarms = Executors.newSingleThreadScheduledExecutor(JdkHttpTransport::alarmThread);
        }
        return alarms;
    }

    private static Thread alarmThread(Runnable task) {
        Thread thread = new Thread(task, "gateway-deadline");
        thread.setDaemon(true);
        return thread;
    }

    /** Interrupts the waiting caller at the deadline, unless the exchange ended first (then it never will). */
    private static final class Alarm implements Runnable {
        private final Thread caller;
        private boolean disarmed; // guarded by this
        private boolean rang; // guarded by this

        Alarm(Thread caller) {
            this.caller = caller;
        }

        @Override
        public synchronized void run() {
            if (!disarmed) {
                rang = true;
                caller.interrupt();
            }
        }

        /** Stops the alarm; true when it had already interrupted the caller. */
        synchronized boolean disarm() {
            disarmed = true;
            return rang;
        }
    }

    /** Reads the body up to {@link HttpTransport#MAX_BODY} bytes (null past it, or when the declared length is over it). */
    private static HttpResponse.BodySubscriber<byte[]> limited(HttpResponse.ResponseInfo info) {
        long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
        return declared > MAX_BODY ? HttpResponse.BodySubscribers.replacing(null) : new LimitedBody(MAX_BODY);
    }
}
