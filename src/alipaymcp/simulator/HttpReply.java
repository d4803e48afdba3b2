package alipaymcp.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP answer. With cutMidBody the full length is declared, half the body is sent and the exchange
 * is closed: the client sees the connection end early (jdk.httpserver cannot send a TCP reset).
 */
record HttpReply(int status, String contentType, byte[] body, boolean cutMidBody) {
    static final String JSON = "application/json;charset=utf-8";
    static final String HTML = "text/html;charset=utf-8";
    static final String TEXT = "text/plain;charset=utf-8";

    static HttpReply of(int status, String contentType, String body) {
        return new HttpReply(status, contentType, body.getBytes(StandardCharsets.UTF_8), false);
    }

    static HttpReply json(String body) {
        return of(200, JSON, body);
    }

    void send(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (contentType.equals(HTML)) {
            exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; "
                    + "style-src 'unsafe-inline'; form-action 'self' http: https:; frame-ancestors 'none'; base-uri 'none'");
            exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        OutputStream out = exchange.getResponseBody();
        if (cutMidBody) {
            out.write(body, 0, body.length / 2);
            out.flush();
            exchange.close(); // fewer bytes than declared: the connection is dropped, which is the point
            return;
        }
        out.write(body);
        out.close();
    }

    /** A 303 to location; the browser follows it with GET. */
    static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(303, -1);
        exchange.close();
    }
}
