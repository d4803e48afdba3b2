package alipaymcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.tools.Tool.CallContext.Outcome;
import alipaymcp.tools.Tool.CallContext.Question;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Our questions to the client: the request, ids, matching, strays, duplicates, withdrawing, input end. */
class ElicitationTest {
    private static final Question QUESTION = new Question("Refund?", "Send this refund", "Tick to send");
    private final LineSink out = new LineSink();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final ExecutorService askers = Executors.newCachedThreadPool();
    private final CompletableFuture<Boolean> cancelled = new CompletableFuture<>();
    private Elicitation requests = withTimeout(600_000); // far longer than a test may take
    private String lastQuestion;

    @AfterEach
    void releaseWaiters() {
        requests.closeAll();
        askers.shutdownNow();
    }

    private Elicitation withTimeout(long millis) {
        return new Elicitation(new StdioTransport(InputStream.nullInputStream(), out, 100, diagnostics()), millis,
                diagnostics());
    }

    private PrintStream diagnostics() {
        return new PrintStream(stderr, true, StandardCharsets.UTF_8);
    }

    private static JsonObject json(String text) throws Exception {
        return (JsonObject) JsonParser.parse(text);
    }

    private String nextLine() throws InterruptedException {
        return out.next(5_000);
    }

    /** Asks on a worker, as a tool call does, and returns once the question's line is out. */
    private Future<Outcome> ask(Protocol protocol) throws InterruptedException {
        Future<Outcome> outcome = askers.submit(() -> requests.confirm(QUESTION, protocol, cancelled));
        lastQuestion = nextLine();
        return outcome;
    }

    private static Outcome outcome(Future<Outcome> asked) throws Exception {
        return asked.get(5, TimeUnit.SECONDS);
    }

    @Test
    void confirm_writesOneFormRequestLineWithOurOwnStringIds() throws Exception {
        ask(Protocol.V2025_11_25);
        assertThat(lastQuestion).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":\"alipaymcp-1\","
                + "\"method\":\"elicitation/create\",\"params\":{\"mode\":\"form\",\"message\":\"Refund?\",\"requestedSchema\":{\"type\":\"object\","
                + "\"properties\":{\"confirm\":{\"type\":\"boolean\",\"title\":\"Send this refund\","
                + "\"description\":\"Tick to send\",\"default\":false}},\"required\":[\"confirm\"]}}}");
        ask(Protocol.V2025_11_25);
        assertThat(lastQuestion).contains("\"id\":\"alipaymcp-2\"");
        ask(Protocol.V2025_06_18);
        assertThat(lastQuestion).as("no mode before 2025-11-25").contains("\"params\":{\"message\":\"Refund?\"");
    }

    @Test
    void receive_completesTheMatchingQuestionOnlyAndOnlyOnce() throws Exception {
        Future<Outcome> first = ask(Protocol.V2025_11_25);
        Future<Outcome> second = ask(Protocol.V2025_11_25);
        requests.receive(json("{\"jsonrpc\":\"2.0\",\"id\":\"alipaymcp-2\",\"result\":{\"action\":\"decline\"}}"));
        assertThat(outcome(second)).isEqualTo(Outcome.DECLINED);
        assertThat(first).isNotDone();
        requests.receive(json("{\"jsonrpc\":\"2.0\",\"id\":\"alipaymcp-2\",\"result\":{\"action\":\"accept\"}}"));
        assertThat(stderr.toString(StandardCharsets.UTF_8)).as("a duplicate is ignored")
                .contains("ignored a response to no open request of ours (id alipaymcp-2)");
        requests.receive(json("{\"id\":\"alipaymcp-1\",\"result\":{\"action\":\"accept\","
                + "\"content\":{\"confirm\":true}}}"));
        assertThat(outcome(first)).isEqualTo(Outcome.CONFIRMED);
        assertThat(out.next(100)).as("an answered question is not withdrawn").isNull();
    }

    @Test
    void receive_ignoresResponsesToIdsWeNeverSentOrOfAnotherType() throws Exception {
        Future<Outcome> open = ask(Protocol.V2025_11_25);
        for (String stray : List.of("{\"id\":\"alipaymcp-9\",\"result\":{}}", "{\"id\":1,\"result\":{}}",
                "{\"id\":\"1\",\"result\":{}}", "{\"id\":null,\"error\":{}}", "{\"result\":{}}",
                "{\"id\":\"alipaymcp-1 \",\"result\":{}}", "{\"id\":\"ALIPAYMCP-1\",\"result\":{}}")) {
            requests.receive(json(stray));
        }
        assertThat(open).isNotDone();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("(id alipaymcp-9)", "(id not one of ours)",
                "(id missing)").doesNotContain("ALIPAYMCP");
    }

    @Test
    void confirm_withNoAnswerTimesOutWithdrawsOnceAndIgnoresALateAnswer() throws Exception {
        requests = withTimeout(200);
        Future<Outcome> asked = ask(Protocol.V2025_11_25);
        assertThat(outcome(asked)).isEqualTo(Outcome.TIMED_OUT);
        assertThat(nextLine()).isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":"
                + "{\"requestId\":\"alipaymcp-1\",\"reason\":\"no answer within 200 ms\"}}");
        assertThat(out.next(100)).as("withdrawn once").isNull();
        requests.receive(json("{\"id\":\"alipaymcp-1\",\"result\":{\"action\":\"accept\"}}"));
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("(id alipaymcp-1)");
    }

    @Test
    void confirm_endsAtOnceWhenTheCallIsCancelled_andAsksNothingOnceItWas() throws Exception {
        Future<Outcome> asked = ask(Protocol.V2025_11_25);
        cancelled.complete(true);
        assertThat(outcome(asked)).isEqualTo(Outcome.CALL_CANCELLED);
        assertThat(nextLine()).contains("\"method\":\"notifications/cancelled\"",
                "\"reason\":\"the tool call was cancelled\"");
        assertThat(requests.confirm(QUESTION, Protocol.V2025_11_25, cancelled)).isEqualTo(Outcome.CALL_CANCELLED);
        assertThat(out.next(100)).as("no question to withdraw").isNull();
    }

    @Test
    void closeAll_releasesEveryWaiterAndSendsNothingMore() throws Exception {
        Future<Outcome> asked = ask(Protocol.V2025_11_25);
        requests.closeAll();
        assertThat(outcome(asked)).isEqualTo(Outcome.FAILED);
        assertThat(requests.confirm(QUESTION, Protocol.V2025_11_25, cancelled)).isEqualTo(Outcome.FAILED);
        assertThat(out.next(100)).as("no client is left to ask or tell").isNull();
    }
}
