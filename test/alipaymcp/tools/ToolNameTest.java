package alipaymcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolNameTest {

    @Test
    void values_areUpstreamsToolsInUpstreamsOrder() {
        List<String> longNames = new ArrayList<>();
        for (ToolName name : ToolName.values()) {
            longNames.add(name.longName());
        }
        assertThat(longNames).containsExactlyElementsOf(ToolRegistryTest.UPSTREAM_ORDER);
    }

    @Test
    void find_takesTheLongOrTheShortNameExactly() {
        assertThat(ToolName.find("refund-alipay-payment")).isEqualTo(ToolName.REFUND_PAY);
        assertThat(ToolName.find("refundPay")).isEqualTo(ToolName.REFUND_PAY);
        assertThat(ToolName.find("webPagePay")).isEqualTo(ToolName.WEB_PAGE_PAY);
        assertThat(ToolName.find("refundpay")).as("case matters, as upstream").isNull();
        assertThat(ToolName.find(" queryPay")).as("trimming is the caller's job").isNull();
        assertThat(ToolName.find("")).isNull();
    }
}
