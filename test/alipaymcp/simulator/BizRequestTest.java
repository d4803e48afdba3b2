package alipaymcp.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BizRequestTest {
    @Test
    void amount_acceptsNumbersAndStringsWithTwoDecimals() throws Exception {
        BizRequest biz = BizRequest.parse("{\"a\":88.8,\"b\":\"0.01\",\"c\":1e2,\"d\":100000000,\"e\":1.10}");
        assertThat(biz.amount("a")).hasToString("88.80");
        assertThat(biz.amount("b")).hasToString("0.01");
        assertThat(biz.amount("c")).hasToString("100.00");
        assertThat(biz.amount("d")).hasToString("100000000.00");
        assertThat(biz.amount("e")).hasToString("1.10");
    }

    @Test
    void amount_rejectsOutOfRangeOrTooPrecise() throws Exception {
        BizRequest biz = BizRequest.parse("{\"a\":0,\"b\":1.001,\"c\":100000000.01,\"d\":\"x\",\"e\":true,\"f\":-1}");
        for (String name : new String[] {"a", "b", "c", "d", "e", "f", "missing"}) {
            assertThatThrownBy(() -> biz.amount(name)).as(name).isInstanceOf(BizRequest.Invalid.class)
                    .hasMessageStartingWith(name);
        }
    }

    @Test
    void id_allowsLettersDigitsUnderscoreAndHyphenUpTo64() throws Exception {
        BizRequest biz = BizRequest.parse("{\"a\":\"Ab_09-x\",\"b\":\"a b\",\"c\":\"" + "x".repeat(65) + "\",\"d\":\"\",\"e\":7}");
        assertThat(biz.id("a")).isEqualTo("Ab_09-x");
        assertThatThrownBy(() -> biz.id("b")).hasMessageContaining("letters, digits, '_' and '-'");
        assertThatThrownBy(() -> biz.id("c")).hasMessageContaining("longer than 64");
        assertThat(biz.id("d")).isNull();
        assertThatThrownBy(() -> biz.id("e")).hasMessageContaining("must be a string");
    }

    @Test
    void parse_requiresAJsonObject() {
        assertThatThrownBy(() -> BizRequest.parse(null)).hasMessageContaining("missing");
        assertThatThrownBy(() -> BizRequest.parse("[1]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> BizRequest.parse("{\"a\":")).hasMessageContaining("not JSON");
    }

    @Test
    void hasOption_readsQueryOptions() throws Exception {
        assertThat(BizRequest.parse("{\"query_options\":[\"gmt_refund_pay\"]}").hasOption("gmt_refund_pay")).isTrue();
        assertThat(BizRequest.parse("{\"query_options\":\"gmt_refund_pay\"}").hasOption("gmt_refund_pay")).isFalse();
    }
}
