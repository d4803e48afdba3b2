package alipaymcp.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alipaymcp.alipay.AlipayException;
import alipaymcp.alipay.AlipayResponse;
import alipaymcp.alipay.Answers;
import alipaymcp.alipay.FormCodec;
import alipaymcp.alipay.ResponseVerifier;
import alipaymcp.alipay.RsaSigner.SignContent;
import alipaymcp.alipay.RsaSigner;
import alipaymcp.alipay.SignType;
import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway's checks on common parameters and signatures, end to end over HTTP. */
class GatewayHandlerTest extends SimulatorFixture {
    private static final String QUERY_BIZ = "{\"out_trade_no\":\"NOPE1\"}";

    /** The answer object under root, from an unsigned body. */
    private static JsonObject unsignedAnswer(HttpResponse<String> response, String root) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject doc = (JsonObject) JsonParser.parse(response.body());
        assertThat(doc.has("sign")).as("gateway refusals are not signed: %s", response.body()).isFalse();
        return doc.object(root).orElseThrow(() -> new AssertionError("no " + root + " in " + response.body()));
    }

    @Test
    void check_validSignatureIsAccepted() throws Exception {
        JsonObject answer = client.verifiedCall(TradeApi.QUERY, QUERY_BIZ);
        assertThat(answer.string("sub_code")).hasValue("ACQ.TRADE_NOT_EXIST");
    }

    @Test
    void check_rsaSha1RequestIsVerifiedAndAnsweredWithRsa() throws Exception {
        Map<String, String> params = client.params(TradeApi.QUERY, QUERY_BIZ);
        params.put("sign_type", "RSA");
        String body = client.post(client.sign(params)).body();
        assertThat(ResponseVerifier.verify(body, Answers.about(TradeApi.QUERY, body), ResponseVerifier.Keys.of(client.platformKey), SignType.RSA, null).subCode())
                .isEqualTo("ACQ.TRADE_NOT_EXIST");
        assertThatThrownBy(() -> ResponseVerifier.verify(body, Answers.about(TradeApi.QUERY, body), ResponseVerifier.Keys.of(client.platformKey), SignType.RSA2, null))
                .isInstanceOfSatisfying(AlipayException.class,
                        e -> assertThat(e.kind()).isEqualTo(AlipayException.Kind.BAD_SIGNATURE));
    }

    @Test
    void check_wrongSignatureIsRefusedWithTheVerifiedString() throws Exception {
        Map<String, String> params = client.sign(client.params(TradeApi.QUERY, QUERY_BIZ));
        params.put("biz_content", "{\"out_trade_no\":\"OTHER\"}");
        JsonObject answer = unsignedAnswer(client.post(params), AlipayResponse.rootOf(TradeApi.QUERY));
        assertThat(answer.string("code")).hasValue("40002");
        assertThat(answer.string("msg")).hasValue("Invalid Arguments");
        assertThat(answer.string("sub_code")).hasValue("isv.invalid-signature");
        assertThat(answer.string("sub_msg")).hasValue(GatewayHandler.INVALID_SIGNATURE_PREFIX
                + SignContent.forRequest(params));
        assertThat(answer.string("sub_msg").orElseThrow()).contains("sign_type=RSA2")
                .contains("x_open_scene=MCP").doesNotContain("sign=");
    }

    @Test
    void check_requestSignedByAnotherKeyIsRefused() throws Exception {
        Map<String, String> params = client.params(TradeApi.QUERY, QUERY_BIZ);
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        params.put("sign", RsaSigner.sign(SignContent.forRequest(params), generator.generateKeyPair().getPrivate(),
                SignType.RSA2));
        JsonObject answer = unsignedAnswer(client.post(params), AlipayResponse.rootOf(TradeApi.QUERY));
        assertThat(answer.string("sub_code")).hasValue("isv.invalid-signature");
    }

    @Test
    void check_emptyParameterIsLeftOutOfTheSignedString() throws Exception {
        Map<String, String> params = client.params(TradeApi.QUERY, QUERY_BIZ);
        params.put("app_auth_token", "");
        client.sign(params);
        assertThat(client.verified(client.post(params).body(), TradeApi.QUERY).string("sub_code"))
                .hasValue("ACQ.TRADE_NOT_EXIST");
    }

    @Test
    void check_parametersAreReadFromQueryAndBodyAlike() throws Exception {
        Map<String, String> params = client.sign(client.params(TradeApi.QUERY, QUERY_BIZ));
        assertThat(client.verified(client.get(params).body(), TradeApi.QUERY).string("code")).hasValue("40004");
    }

    @Test
    void check_missingParametersGive40001InGatewayOrder() throws Exception {
        String[][] cases = {
            {"method", "isv.missing-method"}, {"sign", "isv.missing-signature"},
            {"sign_type", "isv.missing-signature-type"}, {"app_id", "isv.missing-app-id"},
            {"timestamp", "isv.missing-timestamp"}, {"version", "isv.missing-version"},
        };
        for (String[] c : cases) {
            Map<String, String> params = client.sign(client.params(TradeApi.QUERY, QUERY_BIZ));
            params.remove(c[0]);
            String root = c[0].equals("method") ? AnswerWriter.ERROR_ROOT : AlipayResponse.rootOf(TradeApi.QUERY);
            JsonObject answer = unsignedAnswer(client.post(params), root);
            assertThat(answer.string("code")).as(c[0]).hasValue("40001");
            assertThat(answer.string("msg")).hasValue("Missing Required Arguments");
            assertThat(answer.string("sub_code")).as(c[0]).hasValue(c[1]);
        }
    }

    @Test
    void check_unknownAppIdGivesInvalidAppId() throws Exception {
        Map<String, String> params = client.sign(SimClient.params("2021000000000009", TradeApi.QUERY, QUERY_BIZ));
        JsonObject answer = unsignedAnswer(client.post(params), AlipayResponse.rootOf(TradeApi.QUERY));
        assertThat(answer.string("code")).hasValue("40002");
        assertThat(answer.string("sub_code")).hasValue("isv.invalid-app-id");
        assertThat(answer.string("sub_msg")).hasValue("无效的AppID参数");
    }

    @Test
    void check_unsupportedMethodGivesErrorResponse() throws Exception {
        JsonObject answer = unsignedAnswer(client.postSigned("alipay.trade.precreate", QUERY_BIZ),
                AnswerWriter.ERROR_ROOT);
        assertThat(answer.string("code")).hasValue("40002");
        assertThat(answer.string("sub_code")).hasValue("isv.invalid-method");
    }

    @Test
    void check_badSignTypeCharsetTimestampAndVersionAreRefused() throws Exception {
        String[][] cases = {
            {"sign_type", "SM2", "isv.invalid-signature-type"}, {"charset", "GBK", "isv.invalid-charset"},
            {"timestamp", "2026-01-15T10:00:00", "isv.invalid-timestamp"}, {"version", "2.0", "isv.invalid-version"},
        };
        for (String[] c : cases) {
            Map<String, String> params = client.params(TradeApi.QUERY, QUERY_BIZ);
            params.put(c[0], c[1]);
            SignType type = c[0].equals("sign_type") ? SignType.RSA2 : SignType.valueOf(params.get("sign_type"));
            params.put("sign", RsaSigner.sign(SignContent.forRequest(params), client.appKey, type));
            JsonObject answer = unsignedAnswer(client.post(params), AlipayResponse.rootOf(TradeApi.QUERY));
            assertThat(answer.string("sub_code")).as(c[0]).hasValue(c[2]);
        }
    }

    @Test
    void check_parameterInBothQueryAndBodyIsRefused() throws Exception {
        Map<String, String> params = client.sign(client.params(TradeApi.QUERY, QUERY_BIZ));
        String url = client.sim.gatewayUrl() + "?" + FormCodec.encode(params);
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("biz_content=%7B%7D")).build();
        JsonObject answer = unsignedAnswer(client.http.send(request, HttpResponse.BodyHandlers.ofString()),
                AnswerWriter.ERROR_ROOT);
        assertThat(answer.string("sub_code")).hasValue("isv.invalid-parameter");
        assertThat(answer.string("sub_msg").orElseThrow()).contains("biz_content");
    }

    @Test
    void check_bodyOverOneMebibyteIsRefused() throws Exception {
        String biz = "{\"out_trade_no\":\"" + "x".repeat(GatewayHandler.MAX_BODY_BYTES) + "\"}";
        JsonObject answer = unsignedAnswer(client.postSigned(TradeApi.QUERY, biz), AnswerWriter.ERROR_ROOT);
        assertThat(answer.string("sub_code")).hasValue("isv.invalid-parameter");
        assertThat(answer.string("sub_msg").orElseThrow()).contains("larger than 1048576 bytes");
    }

    @Test
    void check_badBizContentIsASignedInvalidParameter() throws Exception {
        JsonObject answer = client.verifiedCall(TradeApi.QUERY, "{\"out_trade_no\":");
        assertThat(answer.string("code")).hasValue("40004");
        assertThat(answer.string("sub_code")).hasValue("ACQ.INVALID_PARAMETER");
        answer = client.verifiedCall(TradeApi.QUERY, "{}");
        assertThat(answer.string("sub_msg").orElseThrow()).contains("out_trade_no or trade_no");
    }
}
