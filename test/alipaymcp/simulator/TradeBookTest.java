package alipaymcp.simulator;

import alipaymcp.alipay.SignType;
import alipaymcp.simulator.Cashier.PagePay;
import alipaymcp.simulator.TradeBook.GatewayTime;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


class TradeBookTest {
    private final TradeBook book = new TradeBook(2, new GatewayTime(
            Clock.fixed(Instant.parse("2026-01-15T02:00:00Z"), ZoneOffset.UTC)));

    private static Trade.Order order(String outTradeNo, String amount) {
        return new Trade.Order(outTradeNo, new BigDecimal(amount), "S", null, PagePay.WAP, SignType.RSA2, null, null, null);
    }

    @Test
    void open_givesA28DigitTradeNoDatedInChinaTime() throws Exception {
        Trade trade = book.open(order("A", "1"));
        assertThat(trade.tradeNo()).hasSize(28).containsOnlyDigits().startsWith("2026011522001");
        assertThat(trade.view().gmtCreate()).isEqualTo("2026-01-15 10:00:00");
        assertThat(book.find("A", null)).isSameAs(trade);
        assertThat(book.find("nope", trade.tradeNo())).isSameAs(trade);
        assertThat(book.find(null, null)).isNull();
    }

    @Test
    void open_sameOrderReturnsTheTradeUnlessTheAmountDiffers() throws Exception {
        Trade trade = book.open(order("A", "1"));
        assertThat(book.open(order("A", "1.00"))).isSameAs(trade);
        assertThatThrownBy(() -> book.open(order("A", "2"))).isInstanceOf(TradeBook.Refused.class)
                .hasMessageContaining("new out_trade_no");
    }

    @Test
    void open_refusesPastTheBound() throws Exception {
        book.open(order("A", "1"));
        Trade second = book.open(order("B", "1"));
        assertThatThrownBy(() -> book.open(order("C", "1"))).hasMessageContaining("at most 2 trades");
        assertThat(book.find("C", null)).isNull();
        assertThat(book.open(order("B", "1"))).isSameAs(second);
    }
}
