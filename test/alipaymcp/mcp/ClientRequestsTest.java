package alipaymcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The table of our requests to the client: ids, matching, strays, duplicates, the bound, abandoning, input end. */
class ClientRequestsTest {
    private final LineSink out = new LineSink();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final ClientRequests requests = new ClientRequests(new LineWriter(out, diagnostics()), diagnostics());

    private PrintStream diagnostics() {
        return new PrintStream(stderr, true, StandardCharsets.UTF_8);
    }

    private static JsonObject json(String text) throws Exception {
        return (JsonObject) JsonParser.parse(text);
    }

    private String nextLine() throws InterruptedException {
        return out.next(5_000);
    }

    @Test
    void send_writesOneRequestLineWithOurOwnStringIds() throws Exception {
        ClientRequests.Pending first = requests.send("elicitation/create", JsonObject.EMPTY);
        ClientRequests.Pending second = requests.send("elicitation/create", JsonObject.EMPTY);
        assertThat(first.id()).isEqualTo("alipaymcp-1");
        assertThat(second.id()).isEqualTo("alipaymcp-2");
        assertThat(nextLine()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":\"alipaymcp-1\",\"method\":\"elicitation/create\","
                + "\"params\":{}}");
        assertThat(nextLine()).contains("\"id\":\"alipaymcp-2\"");
        assertThat(requests.open()).isEqualTo(2);
    }

    @Test
    void receive_completesTheMatchingRequestOnlyAndOnlyOnce() throws Exception {
        ClientRequests.Pending first = requests.send("m", JsonObject.EMPTY);
        ClientRequests.Pending second = requests.send("m", JsonObject.EMPTY);
        JsonObject answer = json("{\"jsonrpc\":\"2.0\",\"id\":\"alipaymcp-2\",\"result\":{\"action\":\"decline\"}}");
        requests.receive(answer);
        assertThat(second.response().get(1, TimeUnit.SECONDS)).isEqualTo(answer);
        assertThat(first.response()).isNotDone();
        requests.receive(json("{\"jsonrpc\":\"2.0\",\"id\":\"alipaymcp-2\",\"result\":{\"action\":\"accept\"}}"));
        assertThat(second.response().get()).as("a duplicate changes nothing").isEqualTo(answer);
        assertThat(requests.open()).isEqualTo(1);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("ignored a response to no open request of ours"
                + " (id alipaymcp-2)");
    }

    @Test
    void receive_ignoresResponsesToIdsWeNeverSentOrOfAnotherType() throws Exception {
        ClientRequests.Pending open = requests.send("m", JsonObject.EMPTY);
        for (String stray : List.of("{\"id\":\"alipaymcp-9\",\"result\":{}}", "{\"id\":1,\"result\":{}}",
                "{\"id\":\"1\",\"result\":{}}", "{\"id\":null,\"error\":{}}", "{\"result\":{}}",
                "{\"id\":\"alipaymcp-1 \",\"result\":{}}", "{\"id\":\"ALIPAYMCP-1\",\"result\":{}}")) {
            requests.receive(json(stray));
        }
        assertThat(open.response()).isNotDone();
        assertThat(requests.open()).isEqualTo(1);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("(id alipaymcp-9)", "(id not one of ours)",
                "(id missing)").doesNotContain("ALIPAYMCP");
    }

    @Test
    void send_refusesPastTheBoundUntilAnEntryIsGone() throws Exception {
        List<ClientRequests.Pending> open = new ArrayList<>();
        for (int i = 0; i < ClientRequests.MAX_PENDING; i++) {
            open.add(requests.send("m", JsonObject.EMPTY));
        }
        assertThat(open).doesNotContainNull();
        assertThat(requests.send("m", JsonObject.EMPTY)).as("one past the bound is not sent").isNull();
        for (int i = 0; i < ClientRequests.MAX_PENDING; i++) {
            nextLine();
        }
        assertThat(out.next(100)).as("nothing was written for the refused one").isNull();
        requests.abandon(open.get(0), "no answer within 1 ms");
        assertThat(requests.send("m", JsonObject.EMPTY)).isNotNull();
    }

    @Test
    void abandon_forgetsTheRequestTellsTheClientOnceAndIgnoresALateAnswer() throws Exception {
        ClientRequests.Pending asked = requests.send("m", JsonObject.EMPTY);
        nextLine();
        requests.abandon(asked, "no answer within 300 ms");
        requests.abandon(asked, "no answer within 300 ms");
        assertThat(nextLine()).isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":"
                + "{\"requestId\":\"alipaymcp-1\",\"reason\":\"no answer within 300 ms\"}}");
        assertThat(out.next(100)).as("withdrawn once").isNull();
        requests.receive(json("{\"id\":\"alipaymcp-1\",\"result\":{\"action\":\"accept\"}}"));
        assertThat(asked.response()).isNotDone();
        assertThat(requests.open()).isZero();
    }

    @Test
    void abandon_afterTheAnswerCameSendsNothing() throws Exception {
        ClientRequests.Pending asked = requests.send("m", JsonObject.EMPTY);
        nextLine();
        requests.receive(json("{\"id\":\"alipaymcp-1\",\"result\":{\"action\":\"accept\"}}"));
        requests.abandon(asked, "late");
        assertThat(out.next(100)).isNull();
    }

    @Test
    void closeAll_releasesEveryWaiterAndSendsNothingMore() throws Exception {
        ClientRequests.Pending asked = requests.send("m", JsonObject.EMPTY);
        requests.closeAll();
        assertThat(asked.response()).isCompletedExceptionally();
        assertThat(requests.open()).isZero();
        assertThat(requests.send("m", JsonObject.EMPTY)).isNull();
        assertThatThrownBy(() -> asked.response().get()).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("input ended");
    }
}
