package alipaymcp.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alipaymcp.TestConfig;
import alipaymcp.config.ConfigException;
import alipaymcp.config.ConfigLoader;
import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonBoolean;
import alipaymcp.json.JsonValue.JsonNumber;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue;
import alipaymcp.log.EventLog;
import alipaymcp.tools.Tool.ToolResult;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** AP_SELECT_TOOLS resolution, upstream's order, and the listing fields compared with upstream's tools/list. */
class ToolRegistryTest {
    static final List<String> UPSTREAM_ORDER = List.of("create-mobile-alipay-payment", "create-web-page-alipay-payment",
            "query-alipay-payment", "refund-alipay-payment", "query-alipay-refund");
    static List<JsonObject> upstreamTools;

    @BeforeAll
    static void setUp() throws Exception {
        upstreamTools = upstreamToolsList();
    }

    @Test
    void selectedNames_resolvesShortAndLongNamesInUpstreamsOrder() throws Exception {
        assertThat(ToolRegistry.selectedNames(List.of("all"))).containsExactlyElementsOf(UPSTREAM_ORDER);
        assertThat(ToolRegistry.selectedNames(List.of("queryPay", "refund-alipay-payment")))
                .containsExactlyInAnyOrder("query-alipay-payment", "refund-alipay-payment");
        assertThat(ToolRegistry.selectedNames(List.of("mobilePay", "webPagePay", "queryPay", "refundPay", "refundQuery")))
                .containsExactlyElementsOf(UPSTREAM_ORDER);
        assertThat(ToolRegistry.selectedNames(List.of("queryPay", "query-alipay-payment", "queryPay")))
                .containsExactly("query-alipay-payment");
    }

    @Test
    void selectedNames_allAnywhereSelectsEverything() throws Exception {
        assertThat(ToolRegistry.selectedNames(List.of("queryPay", "all"))).containsExactlyInAnyOrderElementsOf(UPSTREAM_ORDER);
        assertThat(ToolRegistry.selectedNames(List.of("all", "refundPay"))).containsExactlyInAnyOrderElementsOf(UPSTREAM_ORDER);
    }

    @Test
    void selectedNames_acceptsAnyLetterCase() throws Exception {
        assertThat(ToolRegistry.selectedNames(List.of("mobilepay", "QUERY-ALIPAY-PAYMENT")))
                .containsExactly("create-mobile-alipay-payment", "query-alipay-payment");
        assertThat(ToolRegistry.selectedNames(List.of("ALL"))).containsExactlyElementsOf(UPSTREAM_ORDER);
        assertThat(ToolRegistry.NAMES.problem("refundpay")).isNull();
        assertThat(ToolRegistry.NAMES.problem("refundPays")).startsWith("AP_SELECT_TOOLS names an unknown tool");
    }

    @Test
    void selectedNames_unknownNameIsAConfigErrorNamingIt() {
        assertThatThrownBy(() -> ToolRegistry.selectedNames(List.of("queryPay", "refundPays")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("AP_SELECT_TOOLS names an unknown tool 'refundPays': use all, or any of ")
                .hasMessageContaining("refundPay (refund-alipay-payment)")
                .hasMessageContaining("mobilePay (create-mobile-alipay-payment)");
        assertThatThrownBy(() -> ToolRegistry.selectedNames(List.of("create-alipay-payment-agent")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'create-alipay-payment-agent'");
    }

    @Test
    void select_wiresTheToolsToTheConfiguredGateway() throws Exception {
        ToolResult link = select("webPagePay").get(0).call(JsonObject.builder().put("outTradeNo", "SELECTED1")
                .put("totalAmount", JsonNumber.of(new BigDecimal("1.00"))).put("orderTitle", "t").build(), () -> false);
        assertThat(link.isError()).as(link.text()).isFalse();
        assertThat(link.text()).contains("gateway.do?");
    }

    @Test
    void select_trimsItemsAndKeepsUpstreamsOrder() throws Exception {
        assertThat(names(select("refundQuery , mobilePay"))).containsExactly("create-mobile-alipay-payment",
                "query-alipay-refund");
        assertThat(names(select("queryPay, refundPay"))).as("upstream silently dropped ' refundPay'")
                .containsExactly("query-alipay-payment", "refund-alipay-payment");
        assertThat(names(select(" all"))).containsExactlyElementsOf(UPSTREAM_ORDER);
        assertThat(names(select(null))).containsExactlyElementsOf(UPSTREAM_ORDER);
        assertThat(names(select(""))).as("empty means unset").containsExactlyElementsOf(UPSTREAM_ORDER);
        assertThat(names(select("query-alipay-refund,create-web-page-alipay-payment")))
                .containsExactly("create-web-page-alipay-payment", "query-alipay-refund");
    }

    @Test
    void select_unknownOrEmptyItemStopsTheStart() {
        assertThatThrownBy(() -> select("queryPay, foo")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'foo'");
        assertThatThrownBy(() -> select("queryPay,")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("AP_SELECT_TOOLS");
    }

    @Test
    void listing_namesDescriptionsAndArgumentsAreUpstreams() {
        List<Tool> ours = ToolRegistry.all(null, SimulatedTools.DEFAULT_REFUNDS, EventLog.disabled());
        assertThat(names(ours)).containsExactlyElementsOf(UPSTREAM_ORDER);
        assertThat(upstreamTools).hasSize(5);
        for (int i = 0; i < ours.size(); i++) {
            Tool tool = ours.get(i);
            JsonObject upstream = upstreamTools.get(i);
            assertThat(tool.name()).isEqualTo(upstream.string("name").orElseThrow());
            assertThat(tool.description()).as(tool.name()).isEqualTo(upstream.string("description").orElseThrow());
            JsonObject theirInput = upstream.object("inputSchema").orElseThrow();
            JsonObject ourInput = tool.inputSchema();
            assertThat(ourInput.get("required")).as(tool.name() + " required").isEqualTo(theirInput.get("required"));
            assertThat(ourInput.get("additionalProperties")).isEqualTo(JsonBoolean.FALSE);
            assertThat(ourInput.string("type")).hasValue("object");
            JsonObject ourProps = ourInput.object("properties").orElseThrow();
            JsonObject theirProps = theirInput.object("properties").orElseThrow();
            assertThat(new ArrayList<>(ourProps.members().keySet())).as(tool.name() + " argument names and order")
                    .containsExactlyElementsOf(theirProps.members().keySet());
            for (String arg : theirProps.members().keySet()) {
                JsonObject ourArg = ourProps.object(arg).orElseThrow();
                JsonObject theirArg = theirProps.object(arg).orElseThrow();
                for (String field : List.of("type", "description", "maxLength", "minimum", "maximum")) {
                    assertThat(ourArg.get(field)).as(tool.name() + "." + arg + "." + field).isEqualTo(theirArg.get(field));
                }
            }
        }
    }

    @Test
    void listing_schemasHaveNoMultipleOfAndOutputSchemasAreConsistent() {
        for (Tool tool : ToolRegistry.all(null, SimulatedTools.DEFAULT_REFUNDS, EventLog.disabled())) {
            assertThat(keysAnywhere(tool.inputSchema())).as(tool.name()).doesNotContain("multipleOf", "exclusiveMinimum");
            JsonObject output = tool.outputSchema().orElseThrow();
            assertThat(keysAnywhere(output)).as(tool.name()).doesNotContain("multipleOf", "exclusiveMinimum");
            assertThat(output.string("type")).hasValue("object");
            assertThat(output.get("additionalProperties")).isEqualTo(JsonBoolean.FALSE);
            JsonObject properties = output.object("properties").orElseThrow();
            for (JsonValue required : ((JsonArray) output.get("required")).elements()) {
                assertThat(properties.members()).as(tool.name() + " required " + required)
                        .containsKey(((alipaymcp.json.JsonValue.JsonString) required).value());
            }
        }
        JsonObject url = ToolRegistry.all(null, SimulatedTools.DEFAULT_REFUNDS, EventLog.disabled()).get(0).outputSchema().orElseThrow()
                .object("properties").orElseThrow().object("url").orElseThrow();
        assertThat(url.string("format")).hasValue("uri");
    }

    @Test
    void listing_titlesAndHints() {
        Map<String, Tool> byName = new HashMap<>();
        for (Tool tool : ToolRegistry.all(null, SimulatedTools.DEFAULT_REFUNDS, EventLog.disabled())) {
            byName.put(tool.name(), tool);
            assertThat(tool.title()).as(tool.name()).isNotBlank();
            assertThat(tool.hints().get("openWorldHint")).as(tool.name()).isEqualTo(JsonBoolean.TRUE);
        }
        for (String query : List.of("query-alipay-payment", "query-alipay-refund")) {
            assertThat(byName.get(query).hints().get("readOnlyHint")).isEqualTo(JsonBoolean.TRUE);
        }
        JsonObject refund = byName.get("refund-alipay-payment").hints();
        assertThat(refund.get("readOnlyHint")).isEqualTo(JsonBoolean.FALSE);
        assertThat(refund.get("destructiveHint")).isEqualTo(JsonBoolean.TRUE);
        assertThat(refund.get("idempotentHint")).isEqualTo(JsonBoolean.TRUE);
        for (String create : List.of("create-mobile-alipay-payment", "create-web-page-alipay-payment")) {
            assertThat(byName.get(create).hints().get("readOnlyHint")).isEqualTo(JsonBoolean.FALSE);
            assertThat(byName.get(create).hints().get("destructiveHint")).isEqualTo(JsonBoolean.FALSE);
        }
    }

    static List<Tool> select(String selectTools) throws ConfigException {
        Map<String, String> env = new HashMap<>(TestConfig.env());
        if (selectTools != null) {
            env.put("AP_SELECT_TOOLS", selectTools);
        }
        return ToolRegistry.select(ConfigLoader.load(env, ToolRegistry.NAMES), EventLog.disabled(), "0.0.0-test");
    }

    static List<String> names(List<Tool> tools) {
        List<String> out = new ArrayList<>();
        tools.forEach(t -> out.add(t.name()));
        return out;
    }

    static List<String> keysAnywhere(JsonValue value) {
        List<String> out = new ArrayList<>();
        if (value instanceof JsonObject o) {
            for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
                out.add(e.getKey());
                out.addAll(keysAnywhere(e.getValue()));
            }
        } else if (value instanceof JsonArray a) {
            a.elements().forEach(e -> out.addAll(keysAnywhere(e)));
        }
        return out;
    }

    /** The tools/list result of upstream 1.4.0, exact bytes as observed (test/vectors/upstream-tools-list.json). */
    static List<JsonObject> upstreamToolsList() throws Exception {
        Path file = Path.of(System.getProperty("repo.dir", "."), "test", "vectors", "upstream-tools-list.json");
        String json = Files.readString(file, StandardCharsets.UTF_8);
        List<JsonObject> out = new ArrayList<>();
        for (JsonValue tool : ((JsonArray) ((JsonObject) JsonParser.parse(json)).get("tools")).elements()) {
            out.add((JsonObject) tool);
        }
        return out;
    }
}
