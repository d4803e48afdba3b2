package alipaymcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.json.JsonValue.JsonNumber;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue;
import alipaymcp.tools.Tool.CallContext;
import alipaymcp.tools.Tool;
import alipaymcp.tools.Tool.ToolResult;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ToolCallsTest {
    private final ToolCalls calls = new ToolCalls(null,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    private final CopyOnWriteArrayList<JsonObject> replies = new CopyOnWriteArrayList<>();
    private final McpServer.Reply sink = replies::add;

    @Test
    void start_runsCallsAtTheSameTime() {
        CyclicBarrier barrier = new CyclicBarrier(4);
        Tool meet = tool((args, cancelled) -> {
            try {
                barrier.await(5, TimeUnit.SECONDS); // only passes if all four run concurrently
                return ToolResult.success("met", null);
            } catch (Exception e) {
                return ToolResult.error("not concurrent");
            }
        });
        for (int i = 0; i < 4; i++) {
            calls.start(JsonNumber.of(i), meet, JsonObject.EMPTY, Protocol.V2025_11_25, false, sink);
        }
        calls.awaitIdle(10_000);
        assertThat(replies).hasSize(4).allSatisfy(r -> assertThat(r.toJson()).contains("\"text\":\"met\""));
    }

    @Test
    void start_runsOnAFixedPoolOf16DaemonThreads_withTheLimitsReadmeStates() throws Exception {
        assertThat(ToolCalls.WORKERS).isEqualTo(16);
        assertThat(ToolCalls.MAX_IN_FLIGHT).isEqualTo(256);
        assertThat(McpServer.DEFAULT_DRAIN_MILLIS).isEqualTo(20_000);
        CountDownLatch hold = new CountDownLatch(1);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        Tool blocked = tool((args, cancelled) -> {
            threads.add(Thread.currentThread());
            try {
                hold.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ToolResult.success("done", null);
        });
        for (int i = 0; i < ToolCalls.WORKERS + 4; i++) {
            calls.start(JsonValue.of("p" + i), blocked, JsonObject.EMPTY, Protocol.V2025_11_25, false, sink);
        }
        for (int i = 0; i < 500 && threads.size() < ToolCalls.WORKERS; i++) {
            Thread.sleep(10);
        }
        hold.countDown();
        calls.awaitIdle(10_000);
        assertThat(replies).hasSize(ToolCalls.WORKERS + 4);
        assertThat(threads).as("the four extra calls waited for a worker").hasSize(ToolCalls.WORKERS)
                .allSatisfy(thread -> assertThat(thread.isDaemon()).isTrue());
    }

    @Test
    void start_refusesCallsPastTheLimit() {
        CountDownLatch hold = new CountDownLatch(1);
        Tool blocked = tool((args, cancelled) -> {
            try {
                hold.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ToolResult.success("done", null);
        });
        for (int i = 0; i < ToolCalls.MAX_IN_FLIGHT; i++) {
            calls.start(JsonValue.of("c" + i), blocked, JsonObject.EMPTY, Protocol.V2025_11_25, false, sink);
        }
        calls.start(JsonValue.of("c0"), blocked, JsonObject.EMPTY, Protocol.V2025_11_25, false, sink);
        assertThat(replies).singleElement().satisfies(refused -> assertThat(refused.toJson()) // the limit is checked first
                .startsWith("{\"jsonrpc\":\"2.0\",\"id\":\"c0\",\"error\":{\"code\":-32603,"));
        hold.countDown();
        calls.awaitIdle(10_000);
        assertThat(replies).hasSize(ToolCalls.MAX_IN_FLIGHT + 1);
    }

    @Test
    void cancel_suppressesTheReplyAndTheToolSeesIt() {
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger sawCancel = new AtomicInteger();
        calls.start(JsonNumber.of(7), untilCancelled(started, sawCancel), JsonObject.EMPTY, Protocol.V2025_11_25, false, sink);
        await(started);
        calls.cancel(JsonNumber.of(7));
        calls.awaitIdle(10_000);
        assertThat(sawCancel).hasValue(1);
        assertThat(replies).containsExactly((JsonObject) null);
    }

    @Test
    void cancelAll_letsEveryCallInFlightSeeCancellation() {
        CountDownLatch started = new CountDownLatch(2);
        AtomicInteger sawCancel = new AtomicInteger();
        Tool waits = untilCancelled(started, sawCancel);
        calls.start(JsonNumber.of(1), waits, JsonObject.EMPTY, Protocol.V2025_11_25, false, sink);
        calls.start(JsonNumber.of(2), waits, JsonObject.EMPTY, Protocol.V2025_11_25, false, sink);
        await(started);
        long start = System.nanoTime();
        calls.cancelAll();
        calls.awaitIdle(10_000);
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(4));
        assertThat(sawCancel).hasValue(2);
        assertThat(replies).containsExactly(null, null);
    }

    @Test
    void cancel_afterTheCallFinishedChangesNothing() {
        calls.start(JsonNumber.of(1), tool((args, cancelled) -> ToolResult.success("quick", null)), JsonObject.EMPTY,
                Protocol.V2025_11_25, false, sink);
        calls.awaitIdle(10_000);
        calls.cancel(JsonNumber.of(1));
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0).toJson()).contains("quick");
    }

    @Test
    void confirm_withNoAnswerTimesOutWithdrawsTheQuestionAndFreesTheTable() throws Exception {
        LineSink out = new LineSink();
        Elicitation requests = questions(out, 200);
        ToolCalls asking = new ToolCalls(requests, quiet());
        asking.start(JsonNumber.of(1), askTool(), JsonObject.EMPTY, Protocol.V2025_11_25, true, sink);
        assertThat(out.next(5_000)).contains("\"method\":\"elicitation/create\"");
        assertThat(out.next(5_000)).isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                + "\"params\":{\"requestId\":\"alipaymcp-1\",\"reason\":\"no answer within 200 ms\"}}");
        asking.awaitIdle(10_000);
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0).toJson()).contains("asked: timed-out");
    }

    @Test
    void confirm_endsAtOnceWhenTheCallIsCancelled_andNoReplyIsSent() throws Exception {
        LineSink out = new LineSink();
        Elicitation requests = questions(out, 600_000); // far longer than this test may take
        ToolCalls asking = new ToolCalls(requests, quiet());
        asking.start(JsonNumber.of(1), askTool(), JsonObject.EMPTY, Protocol.V2025_06_18, true, sink);
        String question = out.next(5_000);
        assertThat(question).contains("\"method\":\"elicitation/create\"").doesNotContain("\"mode\"");
        asking.cancel(JsonNumber.of(1));
        assertThat(out.next(5_000)).contains("\"method\":\"notifications/cancelled\"",
                "\"reason\":\"the tool call was cancelled\"");
        asking.awaitIdle(10_000);
        assertThat(replies).containsExactly((JsonObject) null);
    }

    @Test
    void confirm_sendsNothingWhenTheClientCannotBeAsked() throws Exception {
        LineSink out = new LineSink();
        Elicitation requests = questions(out, 600_000);
        ToolCalls asking = new ToolCalls(requests, quiet());
        asking.start(JsonNumber.of(1), askTool(), JsonObject.EMPTY, Protocol.V2025_11_25, false, sink);
        asking.awaitIdle(10_000);
        assertThat(replies.get(0).toJson()).contains("asked: not-asked");
        assertThat(out.next(100)).isNull();
    }

    @Test
    void confirm_endsAsFailedAtOnceWhenInputEnds_andTheCallIsStillAnswered() throws Exception {
        LineSink out = new LineSink();
        Elicitation requests = questions(out, 600_000); // far longer than this test may take
        ToolCalls asking = new ToolCalls(requests, quiet());
        asking.start(JsonNumber.of(1), askTool(), JsonObject.EMPTY, Protocol.V2025_11_25, true, sink);
        assertThat(out.next(5_000)).contains("\"method\":\"elicitation/create\"");
        requests.closeAll(); // what McpServer.run does at end of input
        asking.awaitIdle(10_000);
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0).toJson()).contains("asked: failed");
        assertThat(out.next(100)).as("no client is left to tell").isNull();
    }

    @Test
    void confirm_afterTheCallWasCancelledAsksNothing() throws Exception {
        LineSink out = new LineSink();
        Elicitation requests = questions(out, 600_000);
        ToolCalls asking = new ToolCalls(requests, quiet());
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<String> outcome = new AtomicReference<>();
        Tool asksLate = tool((args, context) -> {
            started.countDown();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!context.getAsBoolean() && System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            outcome.set(context.confirm(new CallContext.Question("Refund?", "Send this refund", "Tick")).word());
            return ToolResult.success("asked", null);
        });
        asking.start(JsonNumber.of(1), asksLate, JsonObject.EMPTY, Protocol.V2025_11_25, true, sink);
        await(started);
        asking.cancel(JsonNumber.of(1));
        asking.awaitIdle(10_000);
        assertThat(outcome).hasValue("call-cancelled");
        assertThat(replies).containsExactly((JsonObject) null);
        assertThat(out.next(100)).as("no question, so nothing to withdraw").isNull();
    }

    @Test
    void cancelRacingTheEnd_answersEachCallOnce_andNeverOneThatSawItsCancel() {
        int count = 200; // below MAX_IN_FLIGHT, so none is refused
        Map<Integer, List<JsonObject>> repliesById = new ConcurrentHashMap<>();
        Set<Integer> sawCancel = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < count; i++) {
            int id = i;
            List<JsonObject> got = new CopyOnWriteArrayList<>();
            repliesById.put(id, got);
            Tool quick = tool((args, cancelled) -> {
                Thread.yield();
                if (cancelled.getAsBoolean()) {
                    sawCancel.add(id);
                }
                return ToolResult.success("done", null);
            });
            calls.start(JsonNumber.of(id), quick, JsonObject.EMPTY, Protocol.V2025_11_25, false, got::add);
            calls.cancel(JsonNumber.of(id)); // lands before, during or after the call: each order must hold
        }
        calls.awaitIdle(30_000);
        repliesById.forEach((id, got) -> {
            assertThat(got).as("replies to call %d", id).hasSize(1);
            if (sawCancel.contains(id)) {
                assertThat(got.get(0)).as("call %d saw its cancel, so it gets no reply", id).isNull();
            }
        });
    }

    /** Questions written to {@code out}, each waiting at most {@code timeoutMillis} for its answer. */
    private static Elicitation questions(LineSink out, long timeoutMillis) {
        return new Elicitation(new StdioTransport(InputStream.nullInputStream(), out, 100, quiet()), timeoutMillis,
                quiet());
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** A tool that asks the person once and returns how it ended. */
    private static Tool askTool() {
        return tool((args, context) -> ToolResult.success("asked: " + context.confirm(
                new CallContext.Question("Refund?", "Send this refund", "Tick to send")).word(), null));
    }

    @Test
    void awaitIdle_returnsAtOnceWhenNoCallWasEverMade() {
        long start = System.nanoTime();
        calls.awaitIdle(10_000);
        assertThat(System.nanoTime() - start).as("far below the 10 s bound").isLessThan(TimeUnit.SECONDS.toNanos(3));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** A tool that counts down {@code started}, then waits (at most 5 s) until its call is cancelled. */
    private static Tool untilCancelled(CountDownLatch started, AtomicInteger sawCancel) {
        return tool((args, cancelled) -> {
            started.countDown();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!cancelled.getAsBoolean() && System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            if (cancelled.getAsBoolean()) {
                sawCancel.incrementAndGet();
            }
            return ToolResult.success("stopped", null);
        });
    }

    private static Tool tool(TestTools.Body body) {
        return new TestTools.Simple("t", null, "test", false, body);
    }
}
