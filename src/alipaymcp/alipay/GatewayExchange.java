package alipaymcp.alipay;

import alipaymcp.alipay.AlipayException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * One API request over the transport: a read refused before anything was sent is tried once more, a
 * refund never is, and every failure becomes an {@link AlipayException} that says whether anything reached
 * the gateway. Kept apart from {@link GatewayClient} because its JDK exception types belong to the
 * java.net.http module, which signing a payment link must not load.
 */
final class GatewayExchange {
    private GatewayExchange() {
    }

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
                        + " within " + timeout.toMillis() + " ms (AP_TIMEOUT_MS)" + unknownOutcome(method), e);
            } catch (IOException e) {
                throw new AlipayException(Kind.CONNECTION_LOST, "The connection to the gateway failed during "
                        + method + " (" + reason(e, secrets) + ")" + unknownOutcome(method), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AlipayException(Kind.INTERRUPTED, "Interrupted while waiting for the answer to " + method
                        + unknownOutcome(method), e);
            }
        }
    }

    /** The caller (the refund tool) adds how to find out: it knows the tool names and the numbers. */
    static String unknownOutcome(String method) {
        return method.equals("alipay.trade.refund")
                ? "; the refund may or may not have been made."
                : "; the outcome is unknown, try again later.";
    }

    private static String reason(IOException e, String[] secrets) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + Redactor.redact(message, secrets));
    }
}
