package alipaymcp.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alipaymcp.alipay.AlipayException;
import alipaymcp.alipay.AlipayResponse;
import alipaymcp.alipay.Answers;
import alipaymcp.alipay.ResponseVerifier;
import alipaymcp.alipay.SignType;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.simulator.Faults.Fault;
import java.io.IOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;


/**
 * Every injected fault, end to end: what the wire shows, that our response verifier refuses what it
 * must, and whether the call was processed behind the damaged answer.
 */
class FaultTest extends SimulatorFixture {
    @AfterEach
    void clear() {
        SimControl.clearFaults(sim);
    }

    /** A paid trade of 10.00; its out_trade_no. */
    private String paidOrder() throws Exception {
        String order = newOrder();
        client.paidTrade(order, "10");
        return order;
    }

    private HttpResponse<String> refund(String order, String amount, String requestNo) throws Exception {
        return client.postSigned(TradeApi.REFUND, "{\"out_trade_no\":\"" + order
                + "\",\"refund_amount\":" + amount + ",\"out_request_no\":\"" + requestNo + "\"}");
    }

    /** A signed alipay.trade.query of this order; the raw body. */
    private String query(String order) throws Exception {
        return client.call(TradeApi.QUERY, "{\"out_trade_no\":\"" + order + "\"}");
    }

    private String refundFee(String order) throws Exception {
        JsonObject answer = client.verifiedCall(TradeApi.REFUND_QUERY, "{\"out_trade_no\":\"" + order
                + "\",\"out_request_no\":\"R1\"}");
        return answer.string("refund_amount").orElse("none");
    }

    private AlipayResponse verify(String body, String method) throws Exception {
        return verify(body, method, null);
    }

    /** {@code outTradeNo}: the order asked about, or null for the order the answer itself names. */
    private AlipayResponse verify(String body, String method, String outTradeNo) throws Exception {
        ResponseVerifier.Expected about = outTradeNo == null ? Answers.about(method, body)
                : new ResponseVerifier.Expected(method, outTradeNo, null);
        return ResponseVerifier.verify(body, about,
                ResponseVerifier.Keys.of(client.platformKey), SignType.RSA2, null);
    }

    private AlipayException.Kind rejection(String body, String method) {
        try {
            verify(body, method);
        } catch (AlipayException e) {
            return e.kind();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("accepted: " + body);
    }

    @Test
    void fault_normalAnswersVerifyWithTheClientVerifier() throws Exception {
        String order = paidOrder();
        AlipayResponse answer = verify(refund(order, "1", "R1").body(), TradeApi.REFUND, order);
        assertThat(answer.isSuccess()).isTrue();
    }

    @Test
    void fault_delayHoldsTheAnswerBack() throws Exception {
        String order = paidOrder();
        SimControl.injectFault(sim, TradeApi.QUERY, new Fault(Fault.Kind.DELAY, 300));
        long start = System.nanoTime();
        JsonObject answer = client.verifiedCall(TradeApi.QUERY, "{\"out_trade_no\":\"" + order + "\"}");
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
        assertThat(answer.string("trade_status")).hasValue("TRADE_SUCCESS");
    }

    @Test
    void fault_http500And502AreProcessedBehindTheError() throws Exception {
        String order = paidOrder();
        SimControl.injectFault(sim, TradeApi.REFUND, new Fault(Fault.Kind.HTTP_500, 0));
        assertThat(refund(order, "1", "R1").statusCode()).isEqualTo(500);
        SimControl.injectFault(sim, TradeApi.REFUND, new Fault(Fault.Kind.HTTP_502, 0));
        HttpResponse<String> bad = refund(order, "1", "R1");
        assertThat(bad.statusCode()).isEqualTo(502);
        assertThat(bad.body()).contains("502 Bad Gateway");
        SimControl.clearFaults(sim);
        assertThat(refundFee(order)).isEqualTo("1.00");
    }

    @Test
    void fault_htmlAndNotJsonBodiesAreMalformed() throws Exception {
        String order = paidOrder();
        SimControl.injectFault(sim, TradeApi.QUERY, new Fault(Fault.Kind.HTML_BODY, 0));
        HttpResponse<String> html = client.postSigned(TradeApi.QUERY, "{\"out_trade_no\":\"" + order + "\"}");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(rejection(html.body(), TradeApi.QUERY)).isEqualTo(AlipayException.Kind.MALFORMED);
        SimControl.injectFault(sim, TradeApi.QUERY, new Fault(Fault.Kind.NOT_JSON, 0));
        String body = query(order);
        assertThat(rejection(body, TradeApi.QUERY)).isEqualTo(AlipayException.Kind.MALFORMED);
    }

    @Test
    void fault_truncatedBodyIsHalfTheAnswer() throws Exception {
        String order = paidOrder();
        String whole = query(order);
        SimControl.injectFault(sim, TradeApi.QUERY, new Fault(Fault.Kind.TRUNCATED_BODY, 0));
        String cut = query(order);
        assertThat(whole).startsWith(cut);
        assertThat(cut.length()).isBetween(whole.length() / 2 - 2, whole.length() / 2 + 2);
        assertThat(rejection(cut, TradeApi.QUERY)).isEqualTo(AlipayException.Kind.MALFORMED);
    }

    @Test
    void fault_connectionClosedMidBodyFailsTheReadButRefunds() throws Exception {
        String order = paidOrder();
        SimControl.injectFault(sim, TradeApi.REFUND, new Fault(Fault.Kind.CONNECTION_CLOSED, 0));
        assertThatThrownBy(() -> refund(order, "2", "R1")).isInstanceOf(IOException.class);
        SimControl.clearFaults(sim);
        assertThat(refundFee(order)).isEqualTo("2.00");
    }

    @Test
    void fault_badSignatureIsRefused() throws Exception {
        String order = paidOrder();
        SimControl.injectFault(sim, TradeApi.QUERY, new Fault(Fault.Kind.BAD_SIGNATURE, 0));
        String body = query(order);
        assertThat(body).contains("\"sign\":\"");
        assertThat(rejection(body, TradeApi.QUERY)).isEqualTo(AlipayException.Kind.BAD_SIGNATURE);
    }

    @Test
    void fault_missingSignOnASuccessIsRefused() throws Exception {
        String order = paidOrder();
        SimControl.injectFault(sim, TradeApi.QUERY, new Fault(Fault.Kind.MISSING_SIGN, 0));
        String body = query(order);
        assertThat(body).doesNotContain("\"sign\"").contains("\"code\":\"10000\"");
        assertThat(rejection(body, TradeApi.QUERY)).isEqualTo(AlipayException.Kind.BAD_SIGNATURE);
    }

    @Test
    void fault_tamperedFieldIsRefused() throws Exception {
        String order = paidOrder();
        SimControl.injectFault(sim, TradeApi.REFUND, new Fault(Fault.Kind.TAMPERED_FIELD, 0));
        String body = refund(order, "1", "R1").body();
        assertThat(body).contains("\"refund_fee\":\"2.00\"");
        assertThat(rejection(body, TradeApi.REFUND)).isEqualTo(AlipayException.Kind.BAD_SIGNATURE);
    }

    @Test
    void fault_duplicatedRootIsRefused() throws Exception {
        String order = paidOrder();
        SimControl.injectFault(sim, TradeApi.QUERY, new Fault(Fault.Kind.DUPLICATE_ROOT, 0));
        String body = query(order);
        String root = AlipayResponse.rootOf(TradeApi.QUERY);
        assertThat(body.indexOf(root)).isLessThan(body.lastIndexOf(root));
        assertThatThrownBy(() -> verify(body, TradeApi.QUERY)).isInstanceOf(AlipayException.class);
    }

    @Test
    void fault_errorResponseIsSignedAndChangesNothing() throws Exception {
        String order = paidOrder();
        SimControl.injectFault(sim, TradeApi.REFUND, new Fault(Fault.Kind.ERROR_RESPONSE, 0));
        String body = refund(order, "1", "R1").body();
        assertThat(body).startsWith("{\"error_response\":{\"code\":\"40006\"");
        AlipayResponse answer = verify(body, TradeApi.REFUND);
        assertThat(answer.subCode()).isEqualTo("isv.insufficient-isv-permissions");
        SimControl.clearFaults(sim);
        assertThat(refundFee(order)).isEqualTo("none");
    }

    @Test
    void fault_answerAboutAnotherTradeIsSignedButWrongOrder() throws Exception {
        String order = paidOrder();
        SimControl.injectFault(sim, TradeApi.QUERY, new Fault(Fault.Kind.OTHER_TRADE, 0));
        String body = query(order);
        assertThat(verify(body, TradeApi.QUERY).field("out_trade_no")).isEqualTo("OTHER_" + order);
        assertThatThrownBy(() -> verify(body, TradeApi.QUERY, order))
                .isInstanceOfSatisfying(AlipayException.class, e -> assertThat(e.kind())
                        .isEqualTo(AlipayException.Kind.WRONG_ORDER));
    }

    @Test
    void fault_systemErrorIsSigned20000AndChangesNothing() throws Exception {
        String order = paidOrder();
        SimControl.injectFault(sim, TradeApi.REFUND, new Fault(Fault.Kind.SYSTEM_ERROR, 0));
        AlipayResponse answer = verify(refund(order, "1", "R1").body(), TradeApi.REFUND);
        assertThat(answer.code()).isEqualTo("20000");
        assertThat(answer.resultUnknown()).isTrue();
        SimControl.clearFaults(sim);
        assertThat(refundFee(order)).isEqualTo("none");
    }

    @Test
    void fault_isPerMethodWithAWildcardAndClears() throws Exception {
        String order = paidOrder();
        String query = "{\"out_trade_no\":\"" + order + "\"}";
        SimControl.injectFault(sim, TradeApi.REFUND, new Fault(Fault.Kind.HTTP_500, 0));
        assertThat(client.postSigned(TradeApi.QUERY, query).statusCode()).isEqualTo(200);
        SimControl.injectFault(sim, Faults.ANY, new Fault(Fault.Kind.HTTP_502, 0));
        assertThat(client.postSigned(TradeApi.QUERY, query).statusCode()).isEqualTo(502);
        assertThat(refund(order, "1", "R1").statusCode()).isEqualTo(500);
        SimControl.clearFaults(sim);
        assertThat(client.postSigned(TradeApi.QUERY, query).statusCode()).isEqualTo(200);
    }

    @Test
    void fault_pagePayFeelsTransportFaultsOnly() throws Exception {
        SimControl.injectFault(sim, Cashier.WAP, new Fault(Fault.Kind.HTTP_500, 0));
        assertThat(client.openPage(Cashier.WAP, "FP1", "1", "S", null, null).statusCode()).isEqualTo(500);
        SimControl.injectFault(sim, Cashier.WAP, new Fault(Fault.Kind.BAD_SIGNATURE, 0));
        HttpResponse<String> page = client.openPage(Cashier.WAP, "FP2", "1", "S", null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"pay\"");
    }

    @Test
    void fault_gatewayRefusalsAreNotDamaged() throws Exception {
        SimControl.injectFault(sim, TradeApi.QUERY, new Fault(Fault.Kind.HTTP_500, 0));
        var params = client.sign(client.params(TradeApi.QUERY, "{\"out_trade_no\":\"X\"}"));
        params.put("sign", "AAAA");
        HttpResponse<String> refused = client.post(params);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("isv.invalid-signature");
    }

    @Test
    void parse_acceptsEveryTokenAndRoundTrips() {
        for (Fault.Kind kind : Fault.Kind.values()) {
            Fault fault = kind == Fault.Kind.DELAY ? new Fault(Fault.Kind.DELAY, 250)
                    : kind == Fault.Kind.REFUND_PENDING ? new Fault(Fault.Kind.REFUND_PENDING, 2) : new Fault(kind, 0);
            assertThat(Fault.parse(fault.toString())).isEqualTo(fault);
        }
        assertThat(Fault.parse(" HTTP-500 ")).isEqualTo(new Fault(Fault.Kind.HTTP_500, 0));
        assertThat(Fault.tokens()).startsWith("delay:<ms>, http-500");
    }

    @Test
    void parse_rejectsUnknownTokensAndBadNumbers() {
        assertThatThrownBy(() -> Fault.parse("explode")).hasMessageContaining("unknown fault 'explode'")
                .hasMessageContaining("bad-signature");
        assertThatThrownBy(() -> Fault.parse("delay")).hasMessageContaining("unknown fault 'delay'")
                .hasMessageContaining("delay:<ms>");
        assertThatThrownBy(() -> Fault.parse("http-500:5")).hasMessageContaining("unknown fault");
        assertThatThrownBy(() -> Fault.parse("delay:soon")).hasMessageContaining("delay:<ms>");
        assertThatThrownBy(() -> Fault.parse("delay:-1")).hasMessageContaining("ms must be 0 to 600000");
        assertThatThrownBy(() -> Fault.parse("delay:600001")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fault(Fault.Kind.HTTP_500, 5)).hasMessageContaining("http-500 takes no number");
        assertThatThrownBy(() -> Fault.parse("refund-pending:0")).hasMessageContaining("queries must be 1 to 100");
        assertThatThrownBy(() -> Fault.parse("refund-pending:x")).hasMessageContaining("refund-pending:<queries>");
        assertThatThrownBy(() -> Fault.parse("refund-pending")).hasMessageContaining("unknown fault");
    }
}
