package alipaymcp.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.json.JsonValue.JsonObject;
import org.junit.jupiter.api.Test;


/** alipay.trade.query, refund and fastpay.refund.query: the state machine, end to end over HTTP. */
class TradeApiTest extends SimulatorFixture {
    private JsonObject query(String outTradeNo) throws Exception {
        return client.verifiedCall(TradeApi.QUERY, "{\"out_trade_no\":\"" + outTradeNo + "\"}");
    }

    private JsonObject refund(String outTradeNo, String amount, String outRequestNo) throws Exception {
        String requestNo = outRequestNo == null ? "" : ",\"out_request_no\":\"" + outRequestNo + "\"";
        return client.verifiedCall(TradeApi.REFUND, "{\"out_trade_no\":\"" + outTradeNo + "\",\"refund_amount\":"
                + amount + ",\"refund_reason\":\"test\"" + requestNo + "}");
    }

    private JsonObject refundQuery(String outTradeNo, String outRequestNo) throws Exception {
        return client.verifiedCall(TradeApi.REFUND_QUERY, "{\"out_trade_no\":\"" + outTradeNo
                + "\",\"out_request_no\":\"" + outRequestNo + "\",\"query_options\":[\"gmt_refund_pay\"]}");
    }

    @Test
    void query_unknownTradeIsTradeNotExist() throws Exception {
        JsonObject answer = query(newOrder());
        assertThat(answer.string("code")).hasValue("40004");
        assertThat(answer.string("msg")).hasValue("Business Failed");
        assertThat(answer.string("sub_code")).hasValue("ACQ.TRADE_NOT_EXIST");
    }

    @Test
    void query_openedTradeWaitsForPayment() throws Exception {
        String order = newOrder();
        client.openPage(Cashier.PAGE, order, "88.8", "Mug", null, null);
        JsonObject answer = query(order);
        assertThat(answer.string("code")).hasValue("10000");
        assertThat(answer.string("msg")).hasValue("Success");
        assertThat(answer.string("trade_status")).hasValue("WAIT_BUYER_PAY");
        assertThat(answer.string("total_amount")).hasValue("88.80");
        assertThat(answer.string("trade_no").orElseThrow()).hasSize(28).containsOnlyDigits();
        assertThat(answer.has("buyer_logon_id")).isFalse();
    }

    @Test
    void query_paidTradeHasBuyerAndAmountsAsStrings() throws Exception {
        String order = newOrder();
        String tradeNo = client.paidTrade(order, "88.88");
        JsonObject answer = query(order);
        assertThat(answer.string("trade_status")).hasValue("TRADE_SUCCESS");
        assertThat(answer.string("trade_no")).hasValue(tradeNo);
        assertThat(answer.string("out_trade_no")).hasValue(order);
        assertThat(answer.string("total_amount")).hasValue("88.88");
        assertThat(answer.string("buyer_pay_amount")).hasValue("88.88");
        assertThat(answer.string("buyer_logon_id")).hasValue(TradeApi.BUYER_LOGON_ID);
        assertThat(answer.string("buyer_user_id")).hasValue(TradeApi.BUYER_USER_ID);
        assertThat(answer.string("send_pay_date").orElseThrow()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
    }

    @Test
    void query_tradeNoWinsOverOutTradeNo() throws Exception {
        String order = newOrder();
        String tradeNo = client.paidTrade(order, "1");
        JsonObject answer = client.verifiedCall(TradeApi.QUERY,
                "{\"out_trade_no\":\"SOMETHING_ELSE\",\"trade_no\":\"" + tradeNo + "\"}");
        assertThat(answer.string("out_trade_no")).hasValue(order);
    }

    @Test
    void refund_unknownTradeIsTradeNotExist() throws Exception {
        assertThat(refund(newOrder(), "1", "R1").string("sub_code")).hasValue("ACQ.TRADE_NOT_EXIST");
    }

    @Test
    void refund_unpaidTradeIsTradeStatusError() throws Exception {
        String order = newOrder();
        client.openPage(Cashier.WAP, order, "10", "Tea", null, null);
        JsonObject answer = refund(order, "1", "R1");
        assertThat(answer.string("code")).hasValue("40004");
        assertThat(answer.string("sub_code")).hasValue("ACQ.TRADE_STATUS_ERROR");
        assertThat(query(order).string("trade_status")).hasValue("WAIT_BUYER_PAY");
    }

    @Test
    void refund_partialRefundsAddUpAndFullRefundCloses() throws Exception {
        String order = newOrder();
        client.paidTrade(order, "100.00");
        JsonObject first = refund(order, "30.5", "R1");
        assertThat(first.string("code")).hasValue("10000");
        assertThat(first.string("fund_change")).hasValue("Y");
        assertThat(first.string("refund_fee")).hasValue("30.50");
        assertThat(first.string("out_trade_no")).hasValue(order);
        assertThat(query(order).string("trade_status")).hasValue("TRADE_SUCCESS");
        JsonObject second = refund(order, "\"69.50\"", "R2");
        assertThat(second.string("refund_fee")).hasValue("100.00");
        assertThat(query(order).string("trade_status")).hasValue("TRADE_CLOSED");
        assertThat(refund(order, "0.01", "R3").string("sub_code")).hasValue("ACQ.TRADE_STATUS_ERROR");
    }

    @Test
    void refund_overTheRemainingAmountFails() throws Exception {
        String order = newOrder();
        client.paidTrade(order, "10");
        refund(order, "6", "R1");
        JsonObject answer = refund(order, "4.01", "R2");
        assertThat(answer.string("sub_code")).hasValue("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL");
        assertThat(refund(order, "4", "R3").string("refund_fee")).hasValue("10.00");
    }

    @Test
    void refund_replayReportsIdempotentSuccess() throws Exception {
        String order = newOrder();
        client.paidTrade(order, "50");
        JsonObject first = refund(order, "50", "R1");
        JsonObject replay = refund(order, "50.00", "R1");
        assertThat(replay.string("code")).hasValue("10000");
        assertThat(replay.string("fund_change")).hasValue("N");
        assertThat(replay.string("refund_fee")).hasValue("50.00");
        assertThat(replay.string("gmt_refund_pay")).isEqualTo(first.string("gmt_refund_pay"));
    }

    @Test
    void refund_sameRequestNumberWithOtherAmountIsDiscordant() throws Exception {
        String order = newOrder();
        client.paidTrade(order, "50");
        refund(order, "5", "R1");
        JsonObject answer = refund(order, "6", "R1");
        assertThat(answer.string("sub_code")).hasValue("ACQ.DISCORDANT_REPEAT_REQUEST");
        assertThat(refundQuery(order, "R1").string("refund_amount")).hasValue("5.00");
    }

    @Test
    void refund_withoutRequestNumberUsesOutTradeNo() throws Exception {
        String order = newOrder();
        client.paidTrade(order, "8");
        assertThat(refund(order, "8", null).string("fund_change")).hasValue("Y");
        assertThat(refund(order, "8", null).string("fund_change")).hasValue("N");
        JsonObject answer = refundQuery(order, order);
        assertThat(answer.string("refund_status")).hasValue("REFUND_SUCCESS");
    }

    @Test
    void refund_badAmountIsInvalidParameter() throws Exception {
        String order = newOrder();
        client.paidTrade(order, "8");
        for (String amount : new String[] {"0", "-1", "1.005", "\"abc\"", "100000000.01", "null"}) {
            assertThat(refund(order, amount, "R1").string("sub_code")).as(amount).hasValue("ACQ.INVALID_PARAMETER");
        }
    }

    @Test
    void refundQuery_knownRefundIsRefundSuccess() throws Exception {
        String order = newOrder();
        client.paidTrade(order, "20");
        refund(order, "7.25", "R7");
        JsonObject answer = refundQuery(order, "R7");
        assertThat(answer.string("code")).hasValue("10000");
        assertThat(answer.string("refund_status")).hasValue("REFUND_SUCCESS");
        assertThat(answer.string("refund_amount")).hasValue("7.25");
        assertThat(answer.string("total_amount")).hasValue("20.00");
        assertThat(answer.string("out_request_no")).hasValue("R7");
        assertThat(answer.string("refund_reason")).hasValue("test");
        assertThat(answer.has("gmt_refund_pay")).isTrue();
    }

    @Test
    void refundQuery_unknownRefundHasNoStatus() throws Exception {
        String order = newOrder();
        client.paidTrade(order, "20");
        JsonObject answer = refundQuery(order, "NEVER");
        assertThat(answer.string("code")).hasValue("10000");
        assertThat(answer.has("refund_status")).isFalse();
        assertThat(answer.has("refund_amount")).isFalse();
    }

    @Test
    void refundQuery_unknownTradeIsTradeNotExist() throws Exception {
        JsonObject answer = refundQuery(newOrder(), "R1");
        assertThat(answer.string("code")).hasValue("40004");
        assertThat(answer.string("sub_code")).hasValue("TRADE_NOT_EXIST");
    }

    @Test
    void refundQuery_requestNumberIsRequired() throws Exception {
        JsonObject answer = client.verifiedCall(TradeApi.REFUND_QUERY, "{\"out_trade_no\":\"X1\"}");
        assertThat(answer.string("sub_code")).hasValue("ACQ.INVALID_PARAMETER");
    }
}
