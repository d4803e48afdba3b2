package alipaymcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.alipay.AlipayPublicKey;
import alipaymcp.alipay.AppPrivateKey;
import alipaymcp.alipay.CertificateMode;
import alipaymcp.alipay.Certificates;
import alipaymcp.alipay.ContentCipher;
import alipaymcp.alipay.FormCodec;
import alipaymcp.alipay.GatewayClient;
import alipaymcp.alipay.GatewayClient.RequestSettings;
import alipaymcp.alipay.SignType;
import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue.JsonString;
import alipaymcp.json.JsonValue;
import alipaymcp.tools.Tool.ToolResult;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The AES and certificate-mode request vectors come out of the query tool byte for byte (parameters as the
 * gateway decodes them from URL and body), and the double gateway's encrypted answer to that request is
 * verified, decrypted and reported by the tool as the failure it is.
 */
class CertificateVectorsThroughToolsTest {
    private static final Path DIR = Path.of(System.getProperty("repo.dir", "."), "test", "vectors");

    @Test
    void queryTool_aesRequestEqualsTheVector_andTheEncryptedAnswerIsReportedAsAFailure() throws Exception {
        JsonObject aes = load("aes.json");
        JsonObject request = find(aes, "requests", "query-aes");
        String answer = str(find(aes, "responses", "gateway-encrypted-trade-not-exist"), "body");
        Exchange exchange = call(answer, null, ContentCipher.parse(text("cert-pki/aes_key.txt")));
        assertThat(exchange.params).isEqualTo(stringMap((JsonObject) request.get("signed_params")));
        assertThat(exchange.result.isError()).isTrue();
        assertThat(exchange.result.text()).contains("ACQ.TRADE_NOT_EXIST");
    }

    @Test
    void queryTool_certificateModeAesRequestEqualsTheVector() throws Exception {
        JsonObject request = find(load("aes.json"), "requests", "query-aes-cert");
        CertificateMode mode = new CertificateMode(
                Certificates.read(text("cert-pki/appCertPublicKey_2021000122671080.crt")).get(0),
                Certificates.read(text("cert-pki/alipayCertPublicKey_RSA2.crt")).get(0),
                Certificates.readRoots(text("cert-pki/alipayRootCert.crt")), ToolVectorsTest.CLOCK);
        Exchange exchange = call("{}", mode, ContentCipher.parse(text("cert-pki/aes_key.txt")));
        assertThat(exchange.params).isEqualTo(stringMap((JsonObject) request.get("signed_params")));
        assertThat(exchange.result.isError()).isTrue(); // "{}" is no gateway answer
    }

    private record Exchange(Map<String, String> params, ToolResult result) {
    }

    /** Runs query-alipay-payment for 20250415100000001 against a local gateway that answers {@code answer}. */
    private static Exchange call(String answer, CertificateMode mode, ContentCipher cipher) throws Exception {
        BlockingQueue<Map<String, String>> received = new ArrayBlockingQueue<>(4);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/gateway.do", exchange -> {
            Map<String, String> params = new LinkedHashMap<>(FormCodec.decode(exchange.getRequestURI().getRawQuery()));
            params.putAll(FormCodec.decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            received.add(params);
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        });
        server.start();
        try {
            RequestSettings settings = new RequestSettings("2021000122671080", SignType.RSA2, null, null, null,
                    ToolVectorsTest.UPSTREAM_SDK, ToolVectorsTest.UPSTREAM_CHANNEL, mode, cipher);
            GatewayClient client = new GatewayClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                    + "/gateway.do"), settings, AppPrivateKey.parse(text("cert-pki/app_private_pkcs8.txt")),
                    AlipayPublicKey.parse(text("cert-pki/alipay_public.txt")), Duration.ofSeconds(5),
                    ToolVectorsTest.CLOCK);
            ToolResult result = ToolVectorsTest.tool(client, "query-alipay-payment")
                    .call((JsonObject) JsonParser.parse("{\"outTradeNo\":\"20250415100000001\"}"), () -> false);
            Map<String, String> params = received.poll(5, TimeUnit.SECONDS);
            assertThat(params).as("the tool sent no request").isNotNull();
            return new Exchange(params, result);
        } finally {
            server.stop(0);
        }
    }

    private static JsonObject load(String file) throws Exception {
        return (JsonObject) JsonParser.parse(text(file));
    }

    private static String text(String relative) throws Exception {
        return Files.readString(DIR.resolve(relative), StandardCharsets.UTF_8);
    }

    private static JsonObject find(JsonObject file, String member, String id) {
        for (JsonValue v : ((JsonArray) file.get(member)).elements()) {
            if (((JsonObject) v).string("id").orElse("").equals(id)) {
                return (JsonObject) v;
            }
        }
        throw new AssertionError("no case " + id);
    }

    private static String str(JsonObject o, String name) {
        return ((JsonString) o.get(name)).value();
    }

    private static Map<String, String> stringMap(JsonObject o) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
            out.put(e.getKey(), ((JsonString) e.getValue()).value());
        }
        return out;
    }
}
