package alipaymcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alipaymcp.tools.Tool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
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
        CountDownLatch go = new CountDownLatch(1);
        List<List<Tool>> seen = new CopyOnWriteArrayList<>();
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

    private static List<Tool> awaitThenList(CountDownLatch go, ToolTable table) {
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
        AtomicInteger good = new AtomicInteger();
        AtomicInteger bad = new AtomicInteger();
        AtomicInteger after = new AtomicInteger();
        Tool failing = TestTools.preparing("bad", () -> {
            bad.incrementAndGet();
            throw new IllegalStateException("secret detail");
        });
        new ToolTable(List.of(TestTools.preparing("good", good::incrementAndGet), failing,
                TestTools.preparing("after", after::incrementAndGet)), diagnostics).run();
        assertThat(good).hasValue(1);
        assertThat(bad).hasValue(1);
        assertThat(after).as("a fault stops the warm-up; the calls do the work later").hasValue(0);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("preparing the tools failed (java.lang.IllegalStateException)\n")
                .doesNotContain("secret");
    }
}
