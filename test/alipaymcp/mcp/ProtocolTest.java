package alipaymcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.tools.Tool.ToolResult;
import alipaymcp.tools.Tool;
import org.junit.jupiter.api.Test;

class ProtocolTest {
    private final Tool shout = TestTools.named("shout").get(0);

    @Test
    void negotiate_echoesEverySupportedRevision() {
        for (Protocol p : Protocol.values()) {
            assertThat(Protocol.negotiate(p.version())).isSameAs(p);
        }
        assertThat(Protocol.values()).extracting(Protocol::version)
                .containsExactly("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25");
    }

    @Test
    void negotiate_answersAnythingElseWithTheLatest() {
        assertThat(Protocol.negotiate("2099-01-01")).isSameAs(Protocol.V2025_11_25);
        assertThat(Protocol.negotiate("2026-07-28")).isSameAs(Protocol.V2025_11_25);
        assertThat(Protocol.negotiate("2024-10-07")).isSameAs(Protocol.V2025_11_25);
        assertThat(Protocol.negotiate(" 2025-06-18")).isSameAs(Protocol.V2025_11_25);
    }

    @Test
    void gates_followTheRevisionTable() {
        assertThat(Protocol.values()).filteredOn(Protocol::allowsBatches).containsExactly(Protocol.V2025_03_26);
        assertThat(Protocol.values()).filteredOn(Protocol::hasToolAnnotations)
                .containsExactly(Protocol.V2025_03_26, Protocol.V2025_06_18, Protocol.V2025_11_25);
        assertThat(Protocol.values()).filteredOn(Protocol::hasStructuredOutput)
                .containsExactly(Protocol.V2025_06_18, Protocol.V2025_11_25);
    }

    @Test
    void listing_putsTheTitleFirstInAnnotationsThenTheHintsInOrder() {
        assertThat(Protocol.V2025_03_26.listing(shout).get("annotations").toJson())
                .isEqualTo("{\"title\":\"Shout\",\"readOnlyHint\":true,\"openWorldHint\":false}");
    }

    @Test
    void listing_sendsNoOutputSchemaOrTitleBefore2025_06_18() {
        JsonObject old = Protocol.V2025_03_26.listing(shout);
        assertThat(old.has("outputSchema")).isFalse();
        assertThat(old.has("title")).isFalse();
        JsonObject current = Protocol.V2025_06_18.listing(shout);
        assertThat(current.members().keySet())
                .containsExactly("name", "title", "description", "inputSchema", "outputSchema", "annotations");
    }

    @Test
    void callResult_dropsStructuredContentBefore2025_06_18AndMarksErrors() {
        ToolResult ok = ToolResult.success("t", JsonObject.builder().put("upper", "T").build());
        assertThat(Protocol.V2024_11_05.callResult(ok).toJson())
                .isEqualTo("{\"content\":[{\"type\":\"text\",\"text\":\"t\"}]}");
        assertThat(Protocol.V2025_11_25.callResult(ok).toJson())
                .isEqualTo("{\"content\":[{\"type\":\"text\",\"text\":\"t\"}],\"structuredContent\":{\"upper\":\"T\"}}");
        assertThat(Protocol.V2025_11_25.callResult(ToolResult.error("bad")).toJson())
                .isEqualTo("{\"content\":[{\"type\":\"text\",\"text\":\"bad\"}],\"isError\":true}");
    }
}
