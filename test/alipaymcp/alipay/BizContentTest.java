package alipaymcp.alipay;

import alipaymcp.alipay.SignedRequest.BizContent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class BizContentTest {

    @Test
    void amounts_arePlainJsonNumbers() {
        assertThat(BizContent.refund("T1", new BigDecimal("1E+2"), null, "R1", "c"))
                .isEqualTo("{\"out_trade_no\":\"T1\",\"refund_amount\":100,\"out_request_no\":\"R1\","
                        + "\"extend_params\":{\"request_channel_source\":\"c\"}}");
        assertThat(BizContent.payment("T", new BigDecimal("88.80"), "t", BizContent.WAP_PRODUCT, "c")).contains("\"total_amount\":88.8,");
        assertThat(BizContent.payment("T", new BigDecimal("100000000.00"), "t", BizContent.PAGE_PRODUCT, "c"))
                .contains("\"total_amount\":100000000,").contains("FAST_INSTANT_TRADE_PAY");
    }

    @Test
    void refund_keepsUpstreamKeyOrderWithReason() {
        assertThat(BizContent.refund("T1", new BigDecimal("0.01"), "买错了", "R1", "mcp_1.4.0"))
                .isEqualTo("{\"out_trade_no\":\"T1\",\"refund_amount\":0.01,\"refund_reason\":\"买错了\","
                        + "\"out_request_no\":\"R1\",\"extend_params\":{\"request_channel_source\":\"mcp_1.4.0\"}}");
        assertThat(BizContent.refundQuery("T1", "R1", "c")).isEqualTo(
                "{\"out_trade_no\":\"T1\",\"out_request_no\":\"R1\",\"extend_params\":{\"request_channel_source\":\"c\"}}");
    }

    @Test
    void strings_escapeOnlyWhatJsonNeeds() {
        assertThat(BizContent.payment("T", BigDecimal.ONE, "a/b \"q\" <&> 订单", BizContent.WAP_PRODUCT, "c"))
                .contains("\"subject\":\"a/b \\\"q\\\" <&> 订单\"");
        assertThatThrownBy(() -> BizContent.payment("T", BigDecimal.ZERO, "t", BizContent.WAP_PRODUCT, "c"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
