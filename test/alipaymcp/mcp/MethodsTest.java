package alipaymcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.tools.Tool;
import alipaymcp.tools.Tool.ToolResult;
import org.junit.jupiter.api.Test;

class MethodsTest {
    private final Tool shout = TestTools.named("shout").get(0);

    @Test
    void tool_putsTheTitleFirstInAnnotationsThenTheHintsInOrder() {
        assertThat(Methods.tool(shout, Protocol.V2025_03_26).get("annotations").toJson())
                .isEqualTo("{\"title\":\"Shout\",\"readOnlyHint\":true,\"openWorldHint\":false}");
    }

    @Test
    void tool_sendsNoOutputSchemaOrTitleBefore2025_06_18() {
        JsonObject old = Methods.tool(shout, Protocol.V2025_03_26);
        assertThat(old.has("outputSchema")).isFalse();
        assertThat(old.has("title")).isFalse();
        JsonObject current = Methods.tool(shout, Protocol.V2025_06_18);
        assertThat(current.members().keySet())
                .containsExactly("name", "title", "description", "inputSchema", "outputSchema", "annotations");
    }

    @Test
    void callResult_dropsStructuredContentBefore2025_06_18AndMarksErrors() {
        ToolResult ok = ToolResult.success("t", JsonObject.builder().put("upper", "T").build());
        assertThat(Methods.callResult(ok, Protocol.V2024_11_05).toJson())
                .isEqualTo("{\"content\":[{\"type\":\"text\",\"text\":\"t\"}]}");
        assertThat(Methods.callResult(ok, Protocol.V2025_11_25).toJson())
                .isEqualTo("{\"content\":[{\"type\":\"text\",\"text\":\"t\"}],\"structuredContent\":{\"upper\":\"T\"}}");
        assertThat(Methods.callResult(ToolResult.error("bad"), Protocol.V2025_11_25).toJson())
                .isEqualTo("{\"content\":[{\"type\":\"text\",\"text\":\"bad\"}],\"isError\":true}");
    }
}
