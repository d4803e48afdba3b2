package alipaymcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.tools.Tool.CallContext.Question;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Our questions to the client: the request, ids, matching, strays, duplicates, abandoning, input end. */
class ElicitationTest {
    private static final Question QUESTION = new Question("Refund?", "Send this refund", "Tick to send");
    private final LineSink out = new LineSink();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final Elicitation requests = new Elicitation(
            new StdioTransport(InputStream.nullInputStream(), out, 100, diagnostics()), diagnostics());

    private PrintStream diagnostics() {
        return new PrintStream(stderr, true, StandardCharsets.UTF_8);
    }

    private static JsonObject json(String text) throws Exception {
        return (JsonObject) JsonParser.parse(text);
    }

    private String nextLine() throws InterruptedException {
        return out.next(5_000);
    }

    private Elicitation.Pending ask() {
        return requests.ask(QUESTION, Protocol.V2025_11_25);
    }

    @Test
    void ask_writesOneFormRequestLineWithOurOwnStringIds() throws Exception {
        Elicitation.Pending first = ask();
        Elicitation.Pending second = ask();
        assertThat(first.id()).isEqualTo("alipaymcp-1");
        assertThat(second.id()).isEqualTo("alipaymcp-2");
        assertThat(nextLine()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":\"alipaymcp-1\","
                + "\"method\":\"elicitation/create\",\"params\":{\"mode\":\"form\",\"message\":\"Refund?\",\"requestedSchema\":{\"type\":\"object\","
                + "\"properties\":{\"confirm\":{\"type\":\"boolean\",\"title\":\"Send this refund\","
                + "\"description\":\"Tick to send\",\"default\":false}},\"required\":[\"confirm\"]}}}");
        assertThat(nextLine()).contains("\"id\":\"alipaymcp-2\"");
        assertThat(requests.ask(QUESTION, Protocol.V2025_06_18)).isNotNull();
        assertThat(nextLine()).as("no mode before 2025-11-25").contains("\"params\":{\"message\":\"Refund?\"");
    }

    @Test
    void receive_completesTheMatchingRequestOnlyAndOnlyOnce() throws Exception {
        Elicitation.Pending first = ask();
        Elicitation.Pending second = ask();
        JsonObject answer = json("{\"jsonrpc\":\"2.0\",\"id\":\"alipaymcp-2\",\"result\":{\"action\":\"decline\"}}");
        requests.receive(answer);
        assertThat(second.response().get(1, TimeUnit.SECONDS)).isEqualTo(answer);
        assertThat(first.response()).isNotDone();
        requests.receive(json("{\"jsonrpc\":\"2.0\",\"id\":\"alipaymcp-2\",\"result\":{\"action\":\"accept\"}}"));
        assertThat(second.response().get()).as("a duplicate changes nothing").isEqualTo(answer);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("ignored a response to no open request of ours"
                + " (id alipaymcp-2)");
    }

    @Test
    void receive_ignoresResponsesToIdsWeNeverSentOrOfAnotherType() throws Exception {
        Elicitation.Pending open = ask();
        for (String stray : List.of("{\"id\":\"alipaymcp-9\",\"result\":{}}", "{\"id\":1,\"result\":{}}",
                "{\"id\":\"1\",\"result\":{}}", "{\"id\":null,\"error\":{}}", "{\"result\":{}}",
                "{\"id\":\"alipaymcp-1 \",\"result\":{}}", "{\"id\":\"ALIPAYMCP-1\",\"result\":{}}")) {
            requests.receive(json(stray));
        }
        assertThat(open.response()).isNotDone();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("(id alipaymcp-9)", "(id not one of ours)",
                "(id missing)").doesNotContain("ALIPAYMCP");
    }

    @Test
    void abandon_forgetsTheRequestTellsTheClientOnceAndIgnoresALateAnswer() throws Exception {
        Elicitation.Pending asked = ask();
        nextLine();
        requests.abandon(asked, "no answer within 300 ms");
        requests.abandon(asked, "no answer within 300 ms");
        assertThat(nextLine()).isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":"
                + "{\"requestId\":\"alipaymcp-1\",\"reason\":\"no answer within 300 ms\"}}");
        assertThat(out.next(100)).as("withdrawn once").isNull();
        requests.receive(json("{\"id\":\"alipaymcp-1\",\"result\":{\"action\":\"accept\"}}"));
        assertThat(asked.response()).isNotDone();
    }

    @Test
    void abandon_afterTheAnswerCameSendsNothing() throws Exception {
        Elicitation.Pending asked = ask();
        nextLine();
        requests.receive(json("{\"id\":\"alipaymcp-1\",\"result\":{\"action\":\"accept\"}}"));
        requests.abandon(asked, "late");
        assertThat(out.next(100)).isNull();
    }

    @Test
    void closeAll_releasesEveryWaiterAndSendsNothingMore() throws Exception {
        Elicitation.Pending asked = ask();
        requests.closeAll();
        assertThat(asked.response()).isCompletedExceptionally();
        assertThat(ask()).isNull();
        assertThatThrownBy(() -> asked.response().get()).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("input ended");
    }
}
