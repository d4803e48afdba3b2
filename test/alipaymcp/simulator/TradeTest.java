package alipaymcp.simulator;

import alipaymcp.alipay.SignType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


/** The trade state machine and the book of trades, without HTTP. */
class TradeTest {
    private static Trade trade(String total) {
        Trade.Order order = new Trade.Order("O1", new BigDecimal(total), "S", null, Cashier.WAP, SignType.RSA2, null, null, null);
        return new Trade(order, "2026011522001000000000000001", "2026-01-15 10:00:00");
    }

    private static Trade.RefundOutcome.Result refund(Trade trade, String outRequestNo, String amount) {
        return trade.refund(outRequestNo, new BigDecimal(amount), null, "t", 0).result();
    }

    @Test
    void pay_movesWaitingToSuccessOnce() {
        Trade trade = trade("1.00");
        assertThat(trade.view().status()).isEqualTo(Trade.Status.WAIT_BUYER_PAY);
        assertThat(trade.pay("2026-01-15 10:01:00")).isEqualTo(Trade.PayOutcome.PAID_NOW);
        assertThat(trade.pay("2026-01-15 10:02:00")).isEqualTo(Trade.PayOutcome.ALREADY_PAID);
        assertThat(trade.view().gmtPayment()).isEqualTo("2026-01-15 10:01:00");
    }

    @Test
    void refund_followsTheGatewayOrderOfChecks() {
        Trade trade = trade("3.00");
        assertThat(refund(trade, "A", "1")).isEqualTo(Trade.RefundOutcome.Result.STATUS_ERROR);
        trade.pay("t");
        assertThat(refund(trade, "A", "1.00")).isEqualTo(Trade.RefundOutcome.Result.REFUNDED);
        assertThat(refund(trade, "A", "1")).isEqualTo(Trade.RefundOutcome.Result.REPLAYED);
        assertThat(refund(trade, "A", "2")).isEqualTo(Trade.RefundOutcome.Result.DISCORDANT);
        assertThat(refund(trade, "B", "2.01")).isEqualTo(Trade.RefundOutcome.Result.OVER_REFUND);
        Trade.RefundOutcome last = trade.refund("B", new BigDecimal("2"), null, "t", 0);
        assertThat(last.trade().status()).isEqualTo(Trade.Status.TRADE_CLOSED);
        assertThat(last.trade().refunded()).isEqualByComparingTo("3");
        assertThat(refund(trade, "A", "1")).isEqualTo(Trade.RefundOutcome.Result.REPLAYED);
        assertThat(refund(trade, "C", "0.01"))
                .isEqualTo(Trade.RefundOutcome.Result.STATUS_ERROR);
        assertThat(trade.pay("t")).isEqualTo(Trade.PayOutcome.CLOSED);
    }

    @Test
    void refund_pendingIsSeenByTheNextQueriesOnlyAndNotOnAReplay() {
        Trade trade = trade("3.00");
        trade.pay("t");
        assertThat(trade.refund("P", new BigDecimal("1"), null, "t", 2).result())
                .isEqualTo(Trade.RefundOutcome.Result.REFUNDED);
        assertThat(trade.queryRefund("P")).isNull();
        assertThat(trade.refund("P", new BigDecimal("1"), null, "t", 5).result())
                .isEqualTo(Trade.RefundOutcome.Result.REPLAYED);
        assertThat(trade.queryRefund("P")).isNull();
        assertThat(trade.queryRefund("P").amount()).isEqualByComparingTo("1");
    }

    @Test
    void refund_isBoundedPerTrade() {
        Trade trade = trade("100000");
        trade.pay("t");
        for (int i = 0; i < Trade.MAX_REFUNDS; i++) {
            assertThat(refund(trade, "R" + i, "0.01"))
                    .isEqualTo(Trade.RefundOutcome.Result.REFUNDED);
        }
        assertThat(refund(trade, "LAST", "0.01")).isEqualTo(Trade.RefundOutcome.Result.TOO_MANY);
    }

    @Test
    void refund_eightThreadsTimesFiftyNeverOverRefund() throws Exception {
        Trade trade = trade("1.00");
        trade.pay("t");
        AtomicInteger accepted = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 50; i++) {
                    if (refund(trade, "T" + id + "_" + i, "0.01")
                            == Trade.RefundOutcome.Result.REFUNDED) {
                        accepted.incrementAndGet();
                    }
                }
            });
            threads[t].start();
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        assertThat(accepted.get()).isEqualTo(100);
        assertThat(trade.view().refunded()).isEqualByComparingTo("1.00");
        assertThat(trade.view().status()).isEqualTo(Trade.Status.TRADE_CLOSED);
    }

    private final Trade.Book book = new Trade.Book(2, Clock.fixed(Instant.parse("2026-01-15T02:00:00Z"), ZoneOffset.UTC));

    private static Trade.Order order(String outTradeNo, String amount) {
        return new Trade.Order(outTradeNo, new BigDecimal(amount), "S", null, Cashier.WAP, SignType.RSA2, null, null, null);
    }

    @Test
    void book_open_givesA28DigitTradeNoDatedInChinaTime() throws Exception {
        Trade trade = book.open(order("A", "1"));
        assertThat(trade.view().tradeNo()).hasSize(28).containsOnlyDigits().startsWith("2026011522001");
        assertThat(trade.view().gmtCreate()).isEqualTo("2026-01-15 10:00:00");
        assertThat(book.find("A", null)).isSameAs(trade);
        assertThat(book.find("nope", trade.view().tradeNo())).isSameAs(trade);
        assertThat(book.find(null, null)).isNull();
    }

    @Test
    void book_open_sameOrderReturnsTheTradeUnlessTheAmountDiffers() throws Exception {
        Trade trade = book.open(order("A", "1"));
        assertThat(book.open(order("A", "1.00"))).isSameAs(trade);
        assertThatThrownBy(() -> book.open(order("A", "2"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("new out_trade_no");
    }

    @Test
    void book_open_refusesPastTheBound() throws Exception {
        book.open(order("A", "1"));
        Trade second = book.open(order("B", "1"));
        assertThatThrownBy(() -> book.open(order("C", "1"))).hasMessageContaining("at most 2 trades");
        assertThat(book.find("C", null)).isNull();
        assertThat(book.open(order("B", "1"))).isSameAs(second);
    }
}
