package alipaymcp.alipay;

import alipaymcp.alipay.GatewayClient.HttpTransport;
import alipaymcp.alipay.AlipayException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link HttpTransport} on java.net.http: one HttpClient (made with the transport, on the first API call),
 * HTTP/1.1, redirects never followed. The timeout bounds the whole exchange including
 * the body, and an answer larger than {@link HttpTransport#MAX_BODY} bytes is refused.
 */
final class JdkHttpTransport implements HttpTransport {
    /** The client's own async work is short; a fixed pool keeps the thread count flat (the default one grows). */
    static final int EXECUTOR_THREADS = 4;

    private static final ScheduledExecutorService ALARMS =
            Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "gateway-deadline"));

    private final HttpClient client;

    JdkHttpTransport(Duration connectTimeout) {
        client = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(EXECUTOR_THREADS, task -> daemon(task, "gateway-http")))
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
    }

    /**
     * One API request over {@code transport}, with the JDK's failures mapped here (this class alone links
     * java.net.http, which signing a payment link must not load): a read refused before anything was sent is
     * tried once more, a refund never is, and every failure becomes an {@link AlipayException} that says
     * whether anything reached the gateway.
     */
    static HttpTransport.Reply send(HttpTransport transport, String method, URI uri, Map<String, String> headers,
            String body, Duration timeout, boolean readOnly, String[] secrets) throws AlipayException {
        for (int attempt = 1;; attempt++) {
            try {
                return transport.post(uri, headers, body, timeout);
            } catch (ConnectException e) {
                if (readOnly && attempt == 1) {
                    continue; // refused before anything was sent: safe to try a read once more
                }
                throw new AlipayException(Kind.NETWORK, "Could not connect to the gateway for " + method + " ("
                        + reason(e, secrets) + "); nothing was sent. Check the network and AP_GATEWAY_URL /"
                        + " AP_CURRENT_ENV.", e);
            } catch (HttpConnectTimeoutException e) {
                throw new AlipayException(Kind.NETWORK, "Could not connect to the gateway for " + method + " within "
                        + timeout.toMillis() + " ms (AP_TIMEOUT_MS); nothing was sent. Check the network.", e);
            } catch (HttpTimeoutException e) {
                throw new AlipayException(Kind.TIMEOUT, "No complete answer from the gateway to " + method
                        + " within " + timeout.toMillis() + " ms (AP_TIMEOUT_MS)"
                        + AlipayException.unknownOutcome(method), e);
            } catch (IOException e) {
                throw new AlipayException(Kind.CONNECTION_LOST, "The connection to the gateway failed during "
                        + method + " (" + reason(e, secrets) + ")" + AlipayException.unknownOutcome(method), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AlipayException(Kind.INTERRUPTED, "Interrupted while waiting for the answer to " + method
                        + AlipayException.unknownOutcome(method), e);
            }
        }
    }

    private static String reason(IOException e, String[] secrets) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + GatewayText.redact(message, secrets));
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
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
        Alarm alarm = new Alarm(Thread.currentThread());
        ScheduledFuture<?> scheduled = ALARMS.schedule(alarm, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            HttpResponse<byte[]> response = client.send(request.build(), JdkHttpTransport::limited);
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

    /** The body up to {@link HttpTransport#MAX_BODY} bytes; null past it, or when the declared length is over it. */
    private static HttpResponse.BodySubscriber<byte[]> limited(HttpResponse.ResponseInfo info) {
        long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
        return declared > MAX_BODY ? HttpResponse.BodySubscribers.replacing(null) : new LimitedBody(MAX_BODY);
    }

    /**
     * Collects a response body up to a limit; past it the download is cancelled and the body is null. A hostile
     * or broken gateway streaming without a Content-Length can then never fill the heap.
     */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        LimitedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + buffer.remaining() > limit) {
                    subscription.cancel();
                    result.complete(null);
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
