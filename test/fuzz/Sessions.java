import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Valid MCP sessions, made from one seed, then mutated: initialize under a random revision (or an unknown
 * one), notifications/initialized, then pings, tools/list, tools/call of the five tools with valid and
 * invalid arguments, cancellations and (mostly under 2025-03-26) batches. Only about one tool call in
 * twenty reaches the simulator (each costs tens of milliseconds on loopback HTTP), so many sessions fit.
 */
final class Sessions {
    private static final String[] REVISIONS = {"2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2099-01-01"};
    private static final String[] INVALID_ARGUMENTS = {
        "{}", "{\"outTradeNo\":1}", "{\"outTradeNo\":\"\"}", "{\"outTradeNo\":\"a b\"}", "{\"outTradeNo\":\"\\u0000\"}",
        "{\"outTradeNo\":\"\\ud800\"}", "{\"outTradeNo\":\"T\",\"totalAmount\":\"1\",\"orderTitle\":\"t\"}",
        "{\"outTradeNo\":\"T\",\"totalAmount\":1.001,\"orderTitle\":\"t\"}", "{\"outTradeNo\":\"T\",\"totalAmount\":0,\"orderTitle\":\"t\"}",
        "{\"outTradeNo\":\"T\",\"totalAmount\":1e9,\"orderTitle\":\"t\"}", "{\"outTradeNo\":\"T\",\"totalAmount\":1,\"orderTitle\":\"\\n\"}",
        "{\"outTradeNo\":\"T\",\"refundAmount\":501,\"outRequestNo\":\"R\"}", "{\"unknown\":true}", "{\"outRequestNo\":[]}",
    };

    private final Random random;
    private final List<String> lines = new ArrayList<>();
    private int nextId;
    private boolean stringIds;

    Sessions(long seed) {
        this.random = new Random(seed);
    }

    /** One session's lines (without terminators), mutated. */
    List<byte[]> build() {
        String revision = REVISIONS[random.nextInt(REVISIONS.length)];
        stringIds = random.nextBoolean();
        if (random.nextInt(10) == 0) {
            lines.add(request(random.nextBoolean() ? "ping" : "tools/list", null));
        }
        lines.add(request("initialize", "{\"protocolVersion\":\"" + revision
                + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"fuzz\",\"version\":\"1\"}}"));
        lines.add("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        int count = 2 + random.nextInt(9);
        for (int i = 0; i < count; i++) {
            boolean batch = random.nextInt(revision.equals("2025-03-26") ? 3 : 12) == 0;
            if (batch) {
                List<String> elements = new ArrayList<>();
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    elements.add(message());
                }
                lines.add("[" + String.join(",", elements) + "]");
            } else {
                lines.add(message());
            }
        }
        List<byte[]> bytes = new ArrayList<>();
        for (String line : lines) {
            bytes.add(line.getBytes(StandardCharsets.UTF_8));
        }
        return new Mutator(random).mutate(bytes);
    }

    private String message() {
        int kind = random.nextInt(20);
        if (kind < 3) {
            return request("ping", random.nextBoolean() ? null : "{}");
        } else if (kind < 5) {
            return request("tools/list", null);
        } else if (kind < 6) {
            return "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":"
                    + id(random.nextInt(nextId + 1)) + "}}";
        } else if (kind < 7) {
            return request(random.nextBoolean() ? "resources/list" : "server/discover", null);
        }
        return toolCall();
    }

    private String toolCall() {
        String order = "\"F" + Long.toHexString(random.nextLong()) + "\"";
        int which = random.nextInt(40);
        String tool;
        String arguments;
        if (which < 14) {
            tool = random.nextBoolean() ? "create-web-page-alipay-payment" : "create-mobile-alipay-payment";
            arguments = "{\"outTradeNo\":" + order + ",\"totalAmount\":" + amount() + ",\"orderTitle\":\"订单 <b>*x*</b> [a](b)\"}";
        } else if (which < 15) {
            tool = "query-alipay-payment";
            arguments = "{\"outTradeNo\":" + order + "}";
        } else if (which < 16) {
            tool = random.nextBoolean() ? "refund-alipay-payment" : "query-alipay-refund";
            arguments = "{\"outTradeNo\":" + order + ",\"refundAmount\":1.5,\"outRequestNo\":\"R1\"}";
            if (tool.equals("query-alipay-refund")) {
                arguments = "{\"outRequestNo\":\"R1\",\"outTradeNo\":" + order + "}";
            }
        } else {
            String[] names = {"create-web-page-alipay-payment", "create-mobile-alipay-payment", "query-alipay-payment",
                "refund-alipay-payment", "query-alipay-refund"};
            tool = names[random.nextInt(names.length)];
            arguments = INVALID_ARGUMENTS[random.nextInt(INVALID_ARGUMENTS.length)];
        }
        return request("tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}");
    }

    private String amount() {
        String[] amounts = {"0.01", "1", "19.99", "100000000", "88.8", "1e2", "0.10"};
        return amounts[random.nextInt(amounts.length)];
    }

    private String request(String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id(nextId++) + ",\"method\":\"" + method + "\""
                + (params == null ? "" : ",\"params\":" + params) + "}";
    }

    private String id(int n) {
        return stringIds ? "\"fz-" + n + "\"" : Integer.toString(n);
    }

    /** The lines as stdin bytes: mostly \n, sometimes \r\n, blank lines, or no final newline. */
    static byte[] join(List<byte[]> lines, long seed) {
        Random random = new Random(seed);
        boolean crlf = random.nextInt(10) == 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            out.writeBytes(lines.get(i));
            boolean last = i == lines.size() - 1;
            if (!last || random.nextInt(20) != 0) {
                out.writeBytes(crlf ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
            }
            if (random.nextInt(30) == 0) {
                out.write('\n');
            }
        }
        return out.toByteArray();
    }
}
