package alipaymcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.tools.Tool.ToolResult;
import org.junit.jupiter.api.Test;

class ToolResultTest {
    @Test
    void bounded_leavesAResultThatFitsAlone() {
        ToolResult r = ToolResult.success("支付链接: [点击完成支付](https://x.example/?a=" + "%E6%B5%8B".repeat(600) + ")",
                JsonObject.builder().put("url", "https://x.example/?a=" + "%E6%B5%8B".repeat(600)).build());
        assertThat(r.bounded()).isSameAs(r);
    }

    @Test
    void bounded_cutsTheTextAtTheBound_neverSplittingASurrogatePair() {
        ToolResult r = ToolResult.error("😀".repeat(ToolResult.MAX_TEXT)).bounded();
        assertThat(r.text()).hasSizeLessThanOrEqualTo(ToolResult.MAX_TEXT).endsWith(ToolResult.CUT_NOTE);
        assertThat(Character.isHighSurrogate(r.text().charAt(r.text().length() - ToolResult.CUT_NOTE.length() - 1)))
                .isFalse();
        assertThat(r.isError()).isTrue();
    }

    @Test
    void bounded_dropsStructuredContentOverTheBound_andSaysSo() {
        ToolResult r = ToolResult.success("ok", JsonObject.builder().put("tradeNo", "9".repeat(ToolResult.MAX_STRUCTURED))
                .build()).bounded();
        assertThat(r.structuredContent()).isNull();
        assertThat(r.isError()).isTrue();
        assertThat(r.text()).startsWith("The result's structured content is over 16384 characters, so it was not sent;")
                .endsWith(" ok");
    }
}
