package alipaymcp.alipay;

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

/** The network seam, so tests can fail a connection on purpose; failures are the JDK's, mapped by Jdk.send. */
interface HttpTransport {
    int MAX_BODY = 4 * 1024 * 1024; // the largest answer read; Alipay's are a few KB

    /** One POST of a UTF-8 form body; the whole exchange, body included, ends within {@code timeout}. */
    Reply post(URI uri, Map<String, String> headers, String body, Duration timeout)
            throws IOException, InterruptedException;

    /** Status, Content-Type (null when absent) and raw body bytes; body null when larger than MAX_BODY. */
    record Reply(int status, String contentType, byte[] body) {
    }

    /** java.net.http (HTTP/1.1, no redirects), and the JDK's failures mapped: no page link loads this class. */
    final class Jdk implements HttpTransport {
        private static final int EXECUTOR_THREADS = 4; // its async work is short; the default pool would grow
        private static final ScheduledExecutorService DEADLINES =
                Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "gateway-deadline"));

        private final HttpClient client;

        Jdk(Duration connectTimeout) {
            client = HttpClient.newBuilder()
                    .executor(Executors.newFixedThreadPool(EXECUTOR_THREADS, task -> daemon(task, "gateway-http")))
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(connectTimeout)
                    .build();
        }

        /** The answer's text; every failure says whether anything may have been sent. */
        static String send(HttpTransport transport, SignedRequest request, String gateway, String userAgent,
                Duration timeout, boolean readOnly) throws AlipayException {
            String method = request.method();
            String[] secrets = request.secrets();
            Reply reply = null;
            for (int attempt = 1; reply == null; attempt++) {
                try {
                    reply = transport.post(request.postUri(gateway), request.headers(userAgent), request.formBody(),
                            timeout);
                } catch (ConnectException e) {
                    if (readOnly && attempt == 1) {
                        continue; // refused before anything was sent: safe to try a read once more
                    }
                    throw new AlipayException(Kind.NETWORK, "Could not connect to the gateway for " + method + " ("
                            + reason(e, secrets) + "); nothing was sent. Check the network and AP_GATEWAY_URL /"
                            + " AP_CURRENT_ENV.", e);
                } catch (HttpConnectTimeoutException e) {
                    throw new AlipayException(Kind.NETWORK, "Could not connect to the gateway for " + method
                            + " within " + timeout.toMillis() + " ms (AP_TIMEOUT_MS); nothing was sent. Check the"
                            + " network.", e);
                } catch (HttpTimeoutException e) {
                    throw new AlipayException(Kind.TIMEOUT, "No complete answer from the gateway to " + method
                            + " within " + timeout.toMillis() + " ms (AP_TIMEOUT_MS)"
                            + AlipayException.unknownOutcome(method), e);
                } catch (IOException e) {
                    throw new AlipayException(Kind.CONNECTION_LOST, "The connection to the gateway failed during "
                            + method + " (" + reason(e, secrets) + ")" + AlipayException.unknownOutcome(method), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AlipayException(Kind.INTERRUPTED, "Interrupted while waiting for the answer to "
                            + method + AlipayException.unknownOutcome(method), e);
                }
            }
            if (reply.status() != 200) {
                throw new AlipayException(Kind.HTTP_STATUS, "The gateway answered " + method + " with HTTP status "
                        + reply.status() + " instead of 200" + AlipayException.unknownOutcome(method));
            }
            if (reply.body() == null) {
                throw new AlipayException(Kind.MALFORMED, "The gateway's answer to " + method + " is larger than "
                        + MAX_BODY + " bytes; it was not read" + AlipayException.unknownOutcome(method));
            }
            return GatewayText.decode(reply.body(), reply.contentType(), method);
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
            // timeout bounds the wait for the headers; the deadline bounds the whole exchange, body included.
            LimitedBody answer = new LimitedBody();
            ScheduledFuture<?> deadline = DEADLINES.schedule(() -> answer.expire(timeout), timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            try {
                HttpResponse<byte[]> response = client.send(request.build(),
                        info -> answer.declared(info.headers().firstValueAsLong("content-length").orElse(-1)));
                return new Reply(response.statusCode(), response.headers().firstValue("content-type").orElse(null),
                        response.body());
            } finally {
                deadline.cancel(false);
            }
        }

        /**
         * The body, or null past MAX_BODY (the download is cancelled: a gateway streaming with no Content-Length
         * cannot fill the heap); at the deadline it fails with an HttpTimeoutException, which send() rethrows.
         */
        private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
            private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            private final CompletableFuture<byte[]> result = new CompletableFuture<>();
            private volatile Flow.Subscription subscription;

            /** A declared length past MAX_BODY is null at once; every body stays under the deadline either way. */
            LimitedBody declared(long contentLength) {
                if (contentLength > MAX_BODY) {
                    result.complete(null);
                }
                return this;
            }

            void expire(Duration timeout) {
                HttpTimeoutException late = new HttpTimeoutException("no complete answer within " + timeout.toMillis()
                        + " ms");
                if (result.completeExceptionally(late) && subscription != null) {
                    subscription.cancel();
                }
            }

            @Override
            public CompletionStage<byte[]> getBody() {
                return result;
            }

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                this.subscription = subscription;
                if (result.isDone()) {
                    subscription.cancel(); // expired before the headers came, or declared too large
                } else {
                    subscription.request(Long.MAX_VALUE);
                }
            }

            @Override
            public void onNext(List<ByteBuffer> buffers) {
                for (ByteBuffer buffer : buffers) {
                    if (result.isDone()) {
                        return;
                    }
                    if (bytes.size() + buffer.remaining() > MAX_BODY) {
                        subscription.cancel();
                        result.complete(null);
                        return;
                    }
                    byte[] chunk = new byte[buffer.remaining()];
                    buffer.get(chunk);
                    bytes.writeBytes(chunk);
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
}
