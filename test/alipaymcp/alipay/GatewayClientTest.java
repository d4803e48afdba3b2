package alipaymcp.alipay;

import alipaymcp.alipay.GatewayClient.RequestSettings;
import alipaymcp.alipay.KeyReader.KeyException;
import alipaymcp.alipay.RsaSigner.SignContent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alipaymcp.alipay.AlipayException.Kind;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class GatewayClientTest {
    private static final String QUERY_ROOT = "alipay_trade_query_response";
    private static final String OK = "{\"code\":\"10000\",\"msg\":\"Success\",\"trade_no\":\"2025041522001\","
            + "\"out_trade_no\":\"T1\",\"trade_status\":\"TRADE_SUCCESS\",\"total_amount\":\"0.01\"}";
    private static final Clock CLOCK = Clock.fixed(RequestVectors.CLOCK, ZoneOffset.UTC);

    private TestGateway gateway;

    @BeforeEach
    void start() throws IOException {
        gateway = new TestGateway();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void query_returnsAVerifiedAnswerAndSendsUpstreamsRequest() throws Exception {
        gateway.body = TestGateway.signed(QUERY_ROOT, OK);
        AlipayResponse r = client(settings(null), Duration.ofSeconds(5)).query("T1");
        assertThat(r.isSuccess()).isTrue();
        assertThat(r.field("trade_status")).isEqualTo("TRADE_SUCCESS");
        TestGateway.Received req = gateway.received.get(0);
        assertThat(req.contentType()).isEqualTo("application/x-www-form-urlencoded;charset=UTF-8");
        assertThat(req.accept()).isEqualTo("application/json");
        assertThat(req.userAgent()).isEqualTo("mcp-server-alipay-java-test");
        assertThat(req.body()).startsWith("x_open_scene=MCP&biz_content=%7B%22out_trade_no%22%3A%22T1%22");
        LinkedHashMap<String, String> params = FormCodec.decode(req.query());
        params.putAll(FormCodec.decode(req.body()));
        assertThat(params.get("timestamp")).isEqualTo("2025-04-15 10:00:00");
        assertThat(RsaSigner.verify(SignContent.forRequest(params), params.get("sign"),
                AlipayPublicKey.parse(Vectors.appPublic()).jcaKey(), SignType.RSA2)).isTrue();
    }

    @Test
    void query_acceptsEscapedSlashesAndReportsSignedFailuresAsAnswers() throws Exception {
        String content = "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"T1\",\"u\":\"http://x/y\"}";
        gateway.body = "{\"" + QUERY_ROOT + "\":" + content.replace("/", "\\/") + ",\"sign\":\""
                + TestGateway.sign(content) + "\"}";
        assertThat(client().query("T1").field("u")).isEqualTo("http://x/y");
        gateway.body = TestGateway.signed("error_response", "{\"code\":\"40002\",\"msg\":\"Invalid Arguments\","
                + "\"sub_code\":\"isv.invalid-app-id\",\"sub_msg\":\"无效的AppID参数\"}");
        AlipayResponse failure = client().query("T1");
        assertThat(failure.isSuccess()).isFalse();
        assertThat(failure.root()).isEqualTo("error_response");
        assertThat(failure.subCode()).isEqualTo("isv.invalid-app-id");
        gateway.body = TestGateway.signed(QUERY_ROOT, "{\"code\":\"20000\",\"msg\":\"Service Currently Unavailable\","
                + "\"sub_code\":\"ACQ.SYSTEM_ERROR\",\"sub_msg\":\"系统错误\"}");
        assertThat(client().query("T1").resultUnknown()).isTrue();
    }

    @Test
    void query_refusesEveryUntrustworthyAnswer() throws Exception {
        String tampered = TestGateway.signed(QUERY_ROOT, OK).replace("\"0.01\"", "\"1.00\"");
        String badSign = "{\"" + QUERY_ROOT + "\":" + OK + ",\"sign\":\"" + TestGateway.sign(OK + " ") + "\"}";
        String duplicate = TestGateway.signed(QUERY_ROOT, OK).replaceFirst("}$", ",\"" + QUERY_ROOT + "\":{}}");
        expect(Kind.BAD_SIGNATURE, tampered, 200);
        expect(Kind.BAD_SIGNATURE, badSign, 200);
        expect(Kind.BAD_SIGNATURE, duplicate, 200);
        expect(Kind.BAD_SIGNATURE, "{\"" + QUERY_ROOT + "\":" + OK + "}", 200);
        expect(Kind.WRONG_ORDER, TestGateway.signed(QUERY_ROOT, OK.replace("\"T1\"", "\"T2\"")), 200);
        expect(Kind.MALFORMED, "<html><body>502 Bad Gateway</body></html>", 200);
        expect(Kind.MALFORMED, "not json", 200);
        expect(Kind.MALFORMED, TestGateway.signed(QUERY_ROOT, OK).substring(0, 60), 200);
        expect(Kind.HTTP_STATUS, TestGateway.signed(QUERY_ROOT, OK), 500);
        expect(Kind.HTTP_STATUS, "bad gateway", 502);
        expect(Kind.HTTP_STATUS, "", 302);
        assertThat(gateway.received).hasSize(11);
    }

    @Test
    void query_reportsAnUnsignedFailureOnlyAsUnverified() throws Exception {
        gateway.body = "{\"error_response\":{\"code\":\"40002\",\"msg\":\"Invalid Arguments\",\"sub_code\":"
                + "\"isv.invalid-signature\",\"sub_msg\":\"验签出错，网关生成的验签字符串为：app_auth_token=tok-secret-1"
                + "&app_id=2021&sign_type=RSA2\"}}";
        AlipayException e = thrown(() -> client(settings("tok-secret-1"), Duration.ofSeconds(5)).query("T1"));
        assertThat(e.kind()).isEqualTo(Kind.UNSIGNED_FAILURE);
        assertThat(e.outcomeUnknown()).isTrue();
        assertThat(e.unverifiedContent().string("code")).hasValue("40002");
        assertThat(e.getMessage()).doesNotContain("tok-secret-1").contains("isv.invalid-signature");
    }

    @Test
    void slowReply_isATimeoutWithUnknownOutcome() {
        gateway.delayMillis = 20_000; // far beyond the timeout, so a loaded machine cannot blur the two
        gateway.body = TestGateway.signed(QUERY_ROOT, OK);
        long start = System.nanoTime();
        AlipayException e = thrown(() -> client(settings(null), Duration.ofMillis(300))
                .refund("T1", new BigDecimal("0.01"), null, "R1"));
        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e.outcomeUnknown()).isTrue();
        assertThat(e.getMessage()).contains("300 ms").contains("the refund may or may not have been made");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(10_000));
    }

    @Test
    void oversizedAnswer_isRefusedWhetherDeclaredOrStreamed() {
        String huge = "{\"alipay_trade_query_response\":{\"pad\":\"" + "x".repeat(HttpTransport.MAX_BODY) + "\"}}";
        for (boolean chunked : new boolean[] {false, true}) {
            gateway.chunked = chunked;
            gateway.body = huge;
            AlipayException e = thrown(() -> client(settings(null), Duration.ofSeconds(10)).query("T1"));
            assertThat(e.kind()).as("chunked=" + chunked).isEqualTo(Kind.MALFORMED);
            assertThat(e.getMessage()).contains("larger than " + HttpTransport.MAX_BODY + " bytes");
        }
    }

    @Test
    void oversizedDeclaredAnswerThatStalls_endsAtOnceNotWhenThePeerCloses() {
        gateway.body = "{\"alipay_trade_query_response\":{\"pad\":\"" + "x".repeat(HttpTransport.MAX_BODY) + "\"}}";
        gateway.stallMidBodyMillis = 20_000; // Content-Length over MAX_BODY, half of it sent, then silence
        long start = System.nanoTime();
        AlipayException e = thrown(() -> client(settings(null), Duration.ofMillis(400))
                .refund("T1", new BigDecimal("0.01"), null, "R1"));
        assertThat(e.kind()).isEqualTo(Kind.MALFORMED);
        assertThat(e.outcomeUnknown()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(10_000));
    }

    @Test
    void answerStallingMidBody_isATimeoutWithinTheWholeExchangeLimit() {
        gateway.stallMidBodyMillis = 20_000;
        gateway.body = TestGateway.signed(QUERY_ROOT, OK);
        long start = System.nanoTime();
        AlipayException e = thrown(() -> client(settings(null), Duration.ofMillis(400)).query("T1"));
        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e.getMessage()).contains("400 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(10_000));
        assertThat(Thread.currentThread().isInterrupted()).as("no interrupt left behind").isFalse();
    }

    @Test
    void refusedConnection_isANetworkFailureThatReachedNothing() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        GatewayClient client = new GatewayClient(URI.create("http://127.0.0.1:" + port + "/gateway.do"),
                settings(null), appKey(), TestGateway.publicKey(), Duration.ofSeconds(2), CLOCK);
        AlipayException e = thrown(() -> client.query("T1"));
        assertThat(e.kind()).isEqualTo(Kind.NETWORK);
        assertThat(e.outcomeUnknown()).isFalse();
    }

    @Test
    void aQueryIsRetriedOnceOnARefusedConnectionButARefundNever() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HttpTransport flaky = (uri, headers, body, timeout) -> {
            if (calls.incrementAndGet() == 1) {
                throw new ConnectException("Connection refused");
            }
            String content = body.contains("refund") ? OK.replace("}", ",\"out_request_no\":\"R1\"}") : OK;
            return new HttpTransport.Reply(200, null, TestGateway.signed(body.contains("refund")
                    ? "alipay_trade_refund_response" : QUERY_ROOT, content).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        };
        GatewayClient client = new GatewayClient(gateway.uri(), settings(null), appKey(), TestGateway.publicKey(),
                Duration.ofSeconds(2), CLOCK, flaky);
        assertThat(client.query("T1").isSuccess()).isTrue();
        assertThat(calls).hasValue(2);
        calls.set(0);
        AlipayException e = thrown(() -> client.refund("T1", BigDecimal.ONE, "r", "R1"));
        assertThat(e.kind()).isEqualTo(Kind.NETWORK);
        assertThat(calls).hasValue(1);
    }

    @Test
    void pageUrls_matchTheVectorsWithUpstreamsTags() throws Exception {
        RequestSettings upstream = new RequestSettings("2021000122671080", SignType.RSA2, null,
                "https://example.com/notify", "https://example.com/return", RequestVectors.UPSTREAM_SDK,
                RequestVectors.UPSTREAM_CHANNEL, null, null);
        GatewayClient client = new GatewayClient(URI.create("https://openapi.alipay.com/gateway.do"), upstream,
                appKey(), TestGateway.publicKey(), Duration.ofSeconds(15), CLOCK);
        var vectors = Vectors.cases(Vectors.requestSigning(), "vectors");
        assertThat(client.wapPayUrl("20250415100000001", new BigDecimal("0.01"), "测试订单"))
                .isEqualTo(Vectors.str(vectors.get(0), "url"));
        assertThat(client.pagePayUrl("20250415100000002", new BigDecimal("88.8"), "Web order"))
                .isEqualTo(Vectors.str(vectors.get(1), "url"));
    }

    private void expect(Kind kind, String body, int status) {
        gateway.body = body;
        gateway.status = status;
        AlipayException e = thrown(() -> client().query("T1"));
        assertThat(e.kind()).as(body).isEqualTo(kind);
        assertThat(e.outcomeUnknown()).isTrue();
        assertThat(e.getMessage()).doesNotContain(TestGateway.sign(OK).substring(0, 40));
    }

    private static AlipayException thrown(Executable call) {
        try {
            call.execute();
        } catch (AlipayException e) {
            return e;
        } catch (Throwable t) {
            throw new AssertionError("expected an AlipayException", t);
        }
        throw new AssertionError("expected an AlipayException, the call succeeded");
    }

    private GatewayClient client() throws KeyException {
        return client(settings(null), Duration.ofSeconds(5));
    }

    private GatewayClient client(RequestSettings settings, Duration timeout) throws KeyException {
        return new GatewayClient(gateway.uri(), settings, appKey(), TestGateway.publicKey(), timeout, CLOCK);
    }

    private static RequestSettings settings(String token) {
        return new RequestSettings("2021000122671080", SignType.RSA2, token, "https://example.com/notify", null,
                "mcp-server-alipay-java-test", "mcp_test", null, null);
    }

    private static AppPrivateKey appKey() throws KeyException {
        return AppPrivateKey.parse(Vectors.pkcs8());
    }
}
