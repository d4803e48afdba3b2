package alipaymcp.alipay;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The one seam between {@link GatewayClient} and the network, so tests can fail a connection on purpose.
 * Failures are the JDK's: {@link java.net.ConnectException} (never reached the server),
 * {@link java.net.http.HttpConnectTimeoutException}, {@link java.net.http.HttpTimeoutException}
 * (sent, no complete answer in time), any other {@link IOException} (connection lost).
 */
interface HttpTransport {
    /** The largest answer read; Alipay's are a few KB. */
    int MAX_BODY = 4 * 1024 * 1024;

    /** One POST of a UTF-8 form body; the whole exchange, body included, ends within {@code timeout}. */
    Reply post(URI uri, Map<String, String> headers, String body, Duration timeout)
            throws IOException, InterruptedException;

    /**
     * Status, Content-Type (null when absent) and raw body bytes of an answer; body is null when it was larger
     * than the transport accepts.
     */
    record Reply(int status, String contentType, byte[] body) {
    }
}
