package alipaymcp.tools;

import alipaymcp.tools.ToolRegistry.ToolName;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolNameTest {

    @Test
    void values_areUpstreamsToolsInUpstreamsOrder() {
        List<String> longNames = new ArrayList<>();
        for (ToolName name : ToolName.values()) {
            longNames.add(name.longName);
        }
        assertThat(longNames).containsExactlyElementsOf(ToolRegistryTest.UPSTREAM_ORDER);
    }

    @Test
    void find_takesTheLongOrTheShortNameInAnyLetterCase() {
        assertThat(ToolName.find("refund-alipay-payment")).isEqualTo(ToolName.REFUND_PAY);
        assertThat(ToolName.find("refundPay")).isEqualTo(ToolName.REFUND_PAY);
        assertThat(ToolName.find("webPagePay")).isEqualTo(ToolName.WEB_PAGE_PAY);
        assertThat(ToolName.find("refundpay")).as("any letter case (PRODUCT.md)").isEqualTo(ToolName.REFUND_PAY);
        assertThat(ToolName.find("QUERY-ALIPAY-REFUND")).isEqualTo(ToolName.REFUND_QUERY);
        assertThat(ToolName.find("refundPays")).isNull();
        assertThat(ToolName.find(" queryPay")).as("trimming is the caller's job").isNull();
        assertThat(ToolName.find("")).isNull();
    }
}
