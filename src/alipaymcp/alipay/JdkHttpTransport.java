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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link HttpTransport} on java.net.http: one HttpClient, built on first use (never at class
 * initialisation), HTTP/1.1, redirects never followed. The timeout bounds the whole exchange including
 * the body, and an answer larger than {@link #MAX_BODY} bytes is refused.
 */
final class JdkHttpTransport implements HttpTransport {
    static final int MAX_BODY = 4 * 1024 * 1024;

    /** The client's own async work is short; a fixed pool keeps the thread count flat (the default one grows). */
    static final int EXECUTOR_THREADS = 4;

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
        CompletableFuture<HttpResponse<byte[]>> future = client().sendAsync(request.build(), JdkHttpTransport::limited);
        try {
            HttpResponse<byte[]> response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            byte[] bytes = response.body();
            return new Reply(response.statusCode(), bytes == null || bytes.length > MAX_BODY ? null : bytes);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("no complete answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    /** Reads the body up to {@link #MAX_BODY} bytes (null past it, or when the declared length is over it). */
    private static HttpResponse.BodySubscriber<byte[]> limited(HttpResponse.ResponseInfo info) {
        long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
        return declared > MAX_BODY ? HttpResponse.BodySubscribers.replacing(null) : new LimitedBody(MAX_BODY);
    }

    private static IOException unwrap(ExecutionException e) {
        Throwable cause = e.getCause();
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof IOException io ? io : new IOException("the HTTP exchange failed", cause);
    }
}
