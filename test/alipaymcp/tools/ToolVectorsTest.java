package alipaymcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.alipay.AlipayPublicKey;
import alipaymcp.alipay.AppPrivateKey;
import alipaymcp.alipay.GatewayClient;
import alipaymcp.alipay.GatewayClient.RequestSettings;
import alipaymcp.alipay.SignType;
import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue.JsonString;
import alipaymcp.json.JsonValue;
import alipaymcp.log.EventLog;
import alipaymcp.tools.Tool.ToolResult;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The request-signing vectors come out of the tools' own code path byte for byte: the tools are built by
 * ToolRegistry on a GatewayClient with the vector's settings, upstream's two tags, the vector's clock and
 * the vector key (PKCS#8 and PKCS#1), and called with the vector's arguments as our parser reads them.
 * The host zone is deliberately UTC: the timestamp must come out in China time anyway.
 */
class ToolVectorsTest {
    static final Clock CLOCK = Clock.fixed(OffsetDateTime.parse("2025-04-15T10:00:00+08:00").toInstant(),
            ZoneOffset.UTC);
    static final String UPSTREAM_SDK = "alipay-sdk-nodejs-4.0.0";
    static final String UPSTREAM_CHANNEL = "mcp_1.4.0";
    static final JsonObject FILE = load("request-signing.json");

    /** One captured POST: raw query, body and the headers the vector lists. */
    record Captured(String path, String rawQuery, String body, Map<String, List<String>> headers) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return String.join(",", e.getValue());
                }
            }
            return null;
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (JsonValue v : ((JsonArray) FILE.get("vectors")).elements()) {
            JsonObject vector = (JsonObject) v;
            for (String form : List.of("pkcs8", "pkcs1")) {
                out.add(Arguments.of(str(vector, "id"), form, vector));
            }
        }
        return out.stream();
    }

    @Test
    void vectorFile_coversEveryToolShape() {
        List<String> tools = new ArrayList<>();
        for (Arguments a : cases().toList()) {
            tools.add(str((JsonObject) a.get()[2], "tool"));
        }
        assertThat(tools).contains("create-mobile-alipay-payment", "create-web-page-alipay-payment",
                "query-alipay-payment", "refund-alipay-payment");
        assertThat(tools).hasSizeGreaterThanOrEqualTo(12);
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("cases")
    void vector_comesOutOfTheToolByteForByte(String id, String keyForm, JsonObject vector) throws Exception {
        String tool = str(vector, "tool");
        if (tool.startsWith("create-")) {
            checkPageTool(vector, keyForm);
        } else {
            checkApiTool(vector, keyForm);
        }
    }

    private static void checkPageTool(JsonObject vector, String keyForm) throws Exception {
        GatewayClient gateway = gateway(vector, keyForm, URI.create(str(vector, "gateway")));
        ToolResult result = tool(gateway, str(vector, "tool")).call(arguments(vector), () -> false);
        assertThat(result.isError()).as(result.text()).isFalse();
        assertThat(result.text()).isEqualTo(str(vector, "tool_text"));
        assertThat(result.structuredContent().string("url")).hasValue(str(vector, "url"));
    }

    private static void checkApiTool(JsonObject vector, String keyForm) throws Exception {
        BlockingQueue<Captured> captured = new ArrayBlockingQueue<>(4);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            captured.offer(new Captured(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                    new String(body, StandardCharsets.UTF_8), Map.copyOf(exchange.getRequestHeaders())));
            byte[] out = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        });
        server.start();
        try {
            URI local = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/gateway.do");
            ToolResult result = tool(gateway(vector, keyForm, local), str(vector, "tool"))
                    .call(arguments(vector), () -> false);
            // The answer "{}" is no gateway response: the tool must say so, not report a success.
            assertThat(result.isError()).as(result.text()).isTrue();
            Captured request = captured.poll(5, TimeUnit.SECONDS);
            assertThat(request).as("the tool sent no request").isNotNull();
            assertThat(captured).as("exactly one request").isEmpty();
            String postUrl = str(vector, "post_url");
            assertThat(request.path()).isEqualTo("/gateway.do");
            assertThat(request.rawQuery()).isEqualTo(postUrl.substring(postUrl.indexOf('?') + 1));
            assertThat(request.body()).isEqualTo(str(vector, "post_body"));
            JsonObject headers = (JsonObject) vector.get("post_headers");
            for (Map.Entry<String, JsonValue> h : headers.members().entrySet()) {
                String actual = request.header(h.getKey());
                if (h.getKey().equals("alipay-request-id")) {
                    assertThat(actual).as(h.getKey()).matches("[0-9a-f]{32}");
                } else {
                    assertThat(actual).as(h.getKey()).isEqualTo(((JsonString) h.getValue()).value());
                }
            }
        } finally {
            server.stop(0);
        }
    }

    static GatewayClient gateway(JsonObject vector, String keyForm, URI uri) throws Exception {
        JsonObject env = (JsonObject) vector.get("env");
        JsonObject key = (JsonObject) FILE.get("key");
        RequestSettings settings = new RequestSettings(str(env, "AP_APP_ID"), SignType.valueOf(str(vector,
                "sign_type")), str(env, "AP_INVOKE_AUTH_TOKEN"), str(env, "AP_NOTIFY_URL"), str(env, "AP_RETURN_URL"),
                UPSTREAM_SDK, UPSTREAM_CHANNEL, null, null);
        AppPrivateKey appKey = AppPrivateKey.parse(str(key, "app_private_key_" + keyForm + "_base64"));
        assertThat(appKey.toString()).contains("(" + keyForm.replace("pkcs", "PKCS#") + ",");
        // Any valid public key will do: only a response would be verified with it.
        AlipayPublicKey alipayKey = AlipayPublicKey.parse(str(key, "app_public_key_spki_base64"));
        return new GatewayClient(uri, settings, appKey, alipayKey, Duration.ofSeconds(5), CLOCK);
    }

    static Tool tool(GatewayClient gateway, String name) {
        for (Tool tool : ToolRegistry.all(gateway, SimulatedTools.DEFAULT_REFUNDS, EventLog.disabled())) {
            if (tool.name().equals(name)) {
                return tool;
            }
        }
        throw new AssertionError("no tool named " + name);
    }

    /** The arguments exactly as our parser read them from the vector file (numbers keep their lexeme). */
    static JsonObject arguments(JsonObject vector) {
        return (JsonObject) vector.get("arguments");
    }

    static String str(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v instanceof JsonString s ? s.value() : null;
    }

    static JsonObject load(String file) {
        Path dir = Path.of(System.getProperty("repo.dir", "."), "test", "vectors");
        try {
            return (JsonObject) JsonParser.parse(Files.readString(dir.resolve(file), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the vector file " + dir.resolve(file)
                    + " (set -Drepo.dir to the repository root): " + e.getMessage(), e);
        }
    }
}
