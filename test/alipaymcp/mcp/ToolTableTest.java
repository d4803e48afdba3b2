package alipaymcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alipaymcp.json.JsonObject;
import alipaymcp.tools.Tool;
import alipaymcp.tools.ToolResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ToolTableTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream diagnostics = new PrintStream(err, true, StandardCharsets.UTF_8);

    @Test
    void supplier_isAskedOnFirstUseOnly_andOnce() {
        AtomicInteger asked = new AtomicInteger();
        Supplier<List<Tool>> source = () -> {
            asked.incrementAndGet();
            return TestTools.named("echo,shout");
        };
        ToolTable table = new ToolTable(source, diagnostics);
        assertThat(asked).hasValue(0);
        assertThat(table.byName("shout").name()).isEqualTo("shout");
        assertThat(table.list()).extracting(Tool::name).containsExactly("echo", "shout");
        assertThat(table.byName("nope")).isNull();
        assertThat(asked).hasValue(1);
    }

    @Test
    void list_fromTwoThreadsAtOnce_asksTheSupplierOnce() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        List<Tool> built = TestTools.named("echo");
        ToolTable table = new ToolTable(() -> {
            asked.incrementAndGet();
            try {
                Thread.sleep(100); // keep the second caller waiting while the first one builds
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return built;
        }, diagnostics);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<List<Tool>> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> threads = List.of(new Thread(() -> seen.add(awaitThenList(go, table))),
                new Thread(() -> seen.add(awaitThenList(go, table))));
        threads.forEach(Thread::start);
        go.countDown();
        for (Thread thread : threads) {
            thread.join(TestTools.BOUND_SECONDS * 1000);
        }
        assertThat(asked).hasValue(1);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).isSameAs(seen.get(1)).extracting(Tool::name).containsExactly("echo");
    }

    private static List<Tool> awaitThenList(java.util.concurrent.CountDownLatch go, ToolTable table) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return table.list();
    }

    @Test
    void suppliedTools_withOneNameTwice_failWhenFirstUsed() {
        ToolTable table = new ToolTable(() -> List.of(TestTools.named("echo").get(0), TestTools.named("echo").get(0)),
                diagnostics);
        assertThatThrownBy(table::list).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("echo");
    }

    @Test
    void builtTools_withOneNameTwice_failAtConstruction() {
        List<Tool> twice = List.of(TestTools.named("echo").get(0), TestTools.named("echo").get(0));
        assertThatThrownBy(() -> new ToolTable(twice, diagnostics)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void run_preparesEachToolInOrder_stopsAtAFault_andReportsItWithoutThrowing() {
        Prepared good = new Prepared("good", false);
        Prepared bad = new Prepared("bad", true);
        Prepared after = new Prepared("after", false);
        new ToolTable(List.of(good, bad, after), diagnostics).run();
        assertThat(good.prepared).hasValue(1);
        assertThat(bad.prepared).hasValue(1);
        assertThat(after.prepared).as("a fault stops the warm-up; the calls do the work later").hasValue(0);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("preparing the tools failed (java.lang.IllegalStateException)\n")
                .doesNotContain("secret");
    }

    /** A tool that counts its prepare calls and may fail in them. */
    static final class Prepared implements Tool {
        final AtomicInteger prepared = new AtomicInteger();
        private final String name;
        private final boolean fails;

        Prepared(String name, boolean fails) {
            this.name = name;
            this.fails = fails;
        }

        @Override
        public void prepare() {
            prepared.incrementAndGet();
            if (fails) {
                throw new IllegalStateException("secret detail");
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String title() {
            return null;
        }

        @Override
        public String description() {
            return name;
        }

        @Override
        public JsonObject inputSchema() {
            return JsonObject.builder().put("type", "object").build();
        }

        @Override
        public Optional<JsonObject> outputSchema() {
            return Optional.empty();
        }

        @Override
        public JsonObject hints() {
            return JsonObject.EMPTY;
        }

        @Override
        public ToolResult call(JsonObject arguments, BooleanSupplier cancelled) {
            return ToolResult.success(name, null);
        }
    }
}
