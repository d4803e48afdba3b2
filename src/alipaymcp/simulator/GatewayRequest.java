package alipaymcp.simulator;

import alipaymcp.alipay.FormCodec;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of one gateway call, read like the gateway reads them: from the query string AND the
 * form body (the SDKs put common parameters in the URL and biz_content in the body), one decoding pass.
 */
record GatewayRequest(Map<String, String> params) {
    /** Larger bodies are refused: no request of the modelled APIs comes near. */
    static final int MAX_BODY_BYTES = 1 << 20;

    GatewayRequest {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** A parameter's value, or null when absent or empty (the gateway ignores empty parameters). */
    String get(String name) {
        String value = params.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /**
     * @throws IllegalArgumentException for an unreadable query or body, a repeated parameter or a body
     *         over the limit; the message names the problem
     */
    static GatewayRequest read(HttpExchange exchange) throws IOException {
        LinkedHashMap<String, String> params = decode("query string", exchange.getRequestURI().getRawQuery());
        String body = readBody(exchange.getRequestBody(), MAX_BODY_BYTES);
        for (Map.Entry<String, String> e : decode("body", body).entrySet()) {
            if (params.putIfAbsent(e.getKey(), e.getValue()) != null) {
                throw new IllegalArgumentException("parameter " + e.getKey()
                        + " is in both the query string and the body; send it once");
            }
        }
        return new GatewayRequest(params);
    }

    private static LinkedHashMap<String, String> decode(String where, String text) {
        if (text == null || text.isEmpty()) {
            return new LinkedHashMap<>();
        }
        try {
            return FormCodec.decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + where + " is not valid form encoding: " + e.getMessage(), e);
        }
    }

    /** Reads at most max bytes as UTF-8; more is an IllegalArgumentException. */
    static String readBody(InputStream in, int max) throws IOException {
        byte[] bytes = in.readNBytes(max + 1);
        if (bytes.length > max) {
            throw new IllegalArgumentException("the body is larger than " + max + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
