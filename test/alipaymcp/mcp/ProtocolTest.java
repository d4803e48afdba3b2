package alipaymcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProtocolTest {

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
}
