package alipaymcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.TestConfig;
import alipaymcp.config.Config;
import alipaymcp.config.ConfigLoader;
import alipaymcp.json.JsonObject;
import alipaymcp.log.EventLog;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SelectedToolsTest {
    private static Config config;

    @BeforeAll
    static void setUp() throws Exception {
        config = ConfigLoader.load(TestConfig.env());
    }

    @Test
    void get_buildsTheChosenToolsInUpstreamsOrder_once() {
        SelectedTools selected = new SelectedTools(Set.of("query-alipay-refund", "create-mobile-alipay-payment"),
                config, EventLog.disabled(), "0.0.0-test");
        List<Tool> tools = selected.get();
        assertThat(ToolRegistryTest.names(tools)).containsExactly("create-mobile-alipay-payment", "query-alipay-refund");
        assertThat(selected.get()).isSameAs(tools);
    }

    @Test
    void prepare_neverThrows_andLeavesEveryCallAsItWas() {
        List<Tool> tools = new SelectedTools(Set.copyOf(ToolRegistryTest.UPSTREAM_ORDER), config, EventLog.disabled(),
                "0.0.0-test").get();
        for (Tool tool : tools) {
            tool.prepare();
            tool.prepare();
        }
        for (Tool tool : ToolRegistry.all(null, null, EventLog.disabled())) {
            tool.prepare(); // an injected client (here none): nothing to build, nothing touched
        }
        ToolResult link = tools.get(1).call(JsonObject.builder().put("outTradeNo", "PREPARED1")
                .put("totalAmount", alipaymcp.json.JsonNumber.of(new java.math.BigDecimal("1.00"))).put("orderTitle", "t").build(), () -> false);
        assertThat(link.isError()).as(link.text()).isFalse();
        assertThat(link.text()).contains("gateway.do?");
    }
}
