package alipaymcp.chaos;

import alipaymcp.json.JsonException;
import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A recording HTTP/1.1 relay on a raw {@link ServerSocket} (127.0.0.1), placed between the server under test
 * and a gateway simulator: it records every request (its Alipay method, biz_content numbers, sign) and every
 * answer (its body), and per Alipay method can cut the connection with a TCP reset (SO_LINGER 0) after
 * writing part of an answer, which jdk.httpserver cannot do. One request per connection: every answer it
 * relays says {@code Connection: close}, so a client never reuses a connection the relay has closed.
 */
public final class GatewayRelay implements AutoCloseable {
    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_BODY = 8 * 1024 * 1024;
    private static final int SOCKET_TIMEOUT_MS = 20_000;

    /** What the relay does with a request. */
    public enum Mode {
        /** Relays the request and its answer unchanged (but for Connection: close). */
        FORWARD,
        /** Relays the request (the gateway acts), then sends half of the answer and a TCP reset. */
        RESET_AFTER_FORWARD,
        /** Sends the start of an answer and a TCP reset; the gateway never sees the request. */
        RESET_BEFORE_FORWARD
    }

    /**
     * One request, recorded as it arrived (before it is relayed).
     *
     * @param params query-string and form parameters, decoded
     * @param biz    biz_content parsed, or an empty object
     */
    public record Exchange(Map<String, String> params, JsonObject biz) {
        public String alipayMethod() {
            return params.get("method");
        }

        public String outRequestNo() {
            return biz.string("out_request_no").orElse(null);
        }
    }

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final Map<String, Mode> modes = new ConcurrentHashMap<>();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final List<String> answers = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private GatewayRelay(ServerSocket listener, InetSocketAddress upstream) {
        this.listener = listener;
        this.upstream = upstream;
        this.acceptor = new Thread(this::acceptLoop, "relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A relay to the gateway at {@code upstreamGateway} (only its host and port are used). */
    public static GatewayRelay start(URI upstreamGateway) throws IOException {
        ServerSocket socket = new ServerSocket(0, 64, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
        return new GatewayRelay(socket, new InetSocketAddress(upstreamGateway.getHost(), upstreamGateway.getPort()));
    }

    /** {@code http://127.0.0.1:<port>/gateway.do}: what AP_GATEWAY_URL points at. */
    public URI gatewayUrl() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/gateway.do");
    }

    /** Applies {@code mode} to every later request for this Alipay method. */
    public void mode(String alipayMethod, Mode mode) {
        modes.put(alipayMethod, mode);
    }

    public void clearModes() {
        modes.clear();
    }

    /** Every request so far, in arrival order. */
    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** Requests for this Alipay method so far. */
    public List<Exchange> exchanges(String alipayMethod) {
        List<Exchange> out = new ArrayList<>();
        for (Exchange e : exchanges) {
            if (alipayMethod.equals(e.alipayMethod())) {
                out.add(e);
            }
        }
        return out;
    }

    /** Every answer body the gateway gave (relayed whole or in part), as UTF-8 text. */
    public List<String> answers() {
        return List.copyOf(answers);
    }

    /** Problems the relay itself met (a request it could not read, an upstream it could not reach). */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread worker = new Thread(() -> serve(client), "relay-conn");
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(SOCKET_TIMEOUT_MS);
            InputStream in = client.getInputStream();
            byte[] head = readHead(in);
            if (head == null) {
                return; // the client opened and closed a connection without a request
            }
            String headText = new String(head, StandardCharsets.ISO_8859_1);
            byte[] body = in.readNBytes(contentLength(headText));
            URI target = URI.create(headText.substring(0, headText.indexOf("\r\n")).split(" ")[1]);
            Map<String, String> params = params(target.getRawQuery(), new String(body, StandardCharsets.UTF_8));
            Mode mode = params.get("method") == null ? Mode.FORWARD
                    : modes.getOrDefault(params.get("method"), Mode.FORWARD);
            OutputStream out = client.getOutputStream();
            exchanges.add(new Exchange(params, biz(params.get("biz_content"))));
            if (mode == Mode.RESET_BEFORE_FORWARD) {
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json;charset=utf-8\r\nContent-Length: 400"
                        + "\r\n\r\n{\"" + params.get("method").replace('.', '_') + "_response\":{\"code\":\"10")
                        .getBytes(StandardCharsets.UTF_8));
                reset(client, out);
                return;
            }
            byte[] answer = forward(headText, body);
            int split = indexOf(answer, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            byte[] answerBody = Arrays.copyOfRange(answer, split + 4, answer.length);
            answers.add(new String(answerBody, StandardCharsets.UTF_8));
            out.write(closingHead(new String(answer, 0, split, StandardCharsets.ISO_8859_1)));
            if (mode == Mode.RESET_AFTER_FORWARD) {
                out.write(answerBody, 0, answerBody.length / 2);
                reset(client, out);
                return;
            }
            out.write(answerBody);
            out.flush();
        } catch (IOException | RuntimeException e) {
            failures.add(e.toString());
        }
    }

    /** Half an answer is on its way; SO_LINGER 0 turns the close into a RST. */
    private static void reset(Socket client, OutputStream out) throws IOException {
        out.flush();
        try {
            Thread.sleep(20); // let the partial answer reach the client before the reset
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.setSoLinger(true, 0);
        client.close();
    }

    /** Sends the request to the simulator with Connection: close and reads its whole answer. */
    private byte[] forward(String headText, byte[] body) throws IOException {
        try (Socket up = new Socket()) {
            up.connect(upstream, SOCKET_TIMEOUT_MS);
            up.setSoTimeout(SOCKET_TIMEOUT_MS);
            StringBuilder head = new StringBuilder();
            for (String line : headText.split("\r\n")) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (!lower.startsWith("connection:") && !line.isEmpty()) {
                    head.append(line).append("\r\n");
                }
            }
            head.append("Connection: close\r\n\r\n");
            OutputStream out = up.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = up.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0 && answer.size() < MAX_BODY; n = in.read(buffer)) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketException e) {
                // the simulator cut its answer (its connection-closed fault): relay what came
            }
            return answer.toByteArray();
        }
    }

    /** The answer's head with any Connection header replaced by Connection: close. */
    private static byte[] closingHead(String head) {
        StringBuilder out = new StringBuilder();
        for (String line : head.split("\r\n")) {
            if (!line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                out.append(line).append("\r\n");
            }
        }
        return out.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The request head up to and including the blank line, or null at end of stream before any byte. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return null;
                }
                throw new IOException("request head ended early after " + head.size() + " bytes");
            }
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
            if (head.size() > MAX_HEAD) {
                throw new IOException("request head over " + MAX_HEAD + " bytes");
            }
        }
        return head.toByteArray();
    }

    private static int contentLength(String head) throws IOException {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                int length = Integer.parseInt(line.substring("content-length:".length()).trim());
                if (length < 0 || length > MAX_BODY) {
                    throw new IOException("content-length " + length + " out of range");
                }
                return length;
            }
            if (line.toLowerCase(Locale.ROOT).startsWith("transfer-encoding:")) {
                throw new IOException("chunked requests are not relayed: " + line);
            }
        }
        return 0;
    }

    private static Map<String, String> params(String rawQuery, String form) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : ((rawQuery == null ? "" : rawQuery) + "&" + form).split("&")) {
            if (!part.isEmpty()) {
                int eq = part.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
                out.put(name, eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static JsonObject biz(String text) {
        if (text == null) {
            return JsonObject.EMPTY;
        }
        try {
            return (JsonObject) JsonParser.parse(text);
        } catch (JsonException | ClassCastException e) {
            return JsonObject.EMPTY;
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) throws IOException {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IOException("the gateway's answer has no complete head (" + data.length + " bytes)");
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
