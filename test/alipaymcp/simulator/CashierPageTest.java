package alipaymcp.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CashierPageTest {
    @Test
    void escape_coversTextAndAttributes() {
        assertThat(CashierPage.escape("<a href=\"x\">'&'</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assertThat(CashierPage.escape("咖啡")).isEqualTo("咖啡");
    }

    @Test
    void error_escapesTitleAndDetail() {
        assertThat(CashierPage.error("<t>", "<d>")).contains("&lt;t&gt;", "&lt;d&gt;").doesNotContain("<t>", "<d>");
    }
}
