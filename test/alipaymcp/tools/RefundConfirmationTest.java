package alipaymcp.tools;

import static alipaymcp.tools.SimulatedTools.quote;
import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.config.Config;
import alipaymcp.config.ConfigLoader;
import alipaymcp.log.EventLog;
import alipaymcp.simulator.GatewaySimulator;
import alipaymcp.simulator.SimulatorOptions;
import alipaymcp.tools.Tool.CallContext.Question;
import alipaymcp.tools.Tool.CallContext;
import alipaymcp.tools.Tool.ToolResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AP_CONFIRM_REFUNDS against the in-process simulator: the person sees exactly what will happen, only a
 * confirmed yes sends the refund, every other ending sends nothing (a later confirmed refund under the same
 * number is then a first refund, not a replay), and the log line records how the question ended.
 */
class RefundConfirmationTest {
    static GatewaySimulator sim;
    static SimulatedTools tools;

    @TempDir
    Path home;

    @BeforeAll
    static void start() throws Exception {
        sim = GatewaySimulator.start(SimulatorOptions.defaults());
        tools = new SimulatedTools(sim, Map.of());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    /** A client whose person answers {@code outcome} and which remembers what it was asked. */
    static final class Person implements CallContext {
        final CallContext.Outcome outcome;
        final List<Question> asked = new ArrayList<>();

        Person(CallContext.Outcome outcome) {
            this.outcome = outcome;
        }

        @Override
        public boolean getAsBoolean() {
            return false;
        }

        @Override
        public Outcome confirm(Question question) {
            asked.add(question);
            return outcome;
        }
    }

    private static String refund(String order, String amount, String requestNo) {
        return "{\"outTradeNo\":" + quote(order) + ",\"refundAmount\":" + amount + ",\"outRequestNo\":"
                + quote(requestNo) + ",\"refundReason\":\"damaged\"}";
    }

    /** A refund tool wired as Main wires it, with AP_CONFIRM_REFUNDS={@code mode} and a log in {@code home}. */
    private Tool refundTool(String mode) throws Exception {
        return refundTool(mode, Map.of("AP_GATEWAY_URL", sim.gatewayUrl().toString()));
    }

    /**
     * {@code gateway}: where the refund would go, the simulator's AP_GATEWAY_URL or (for a question that is declined,
     * so nothing is sent) AP_CURRENT_ENV alone, over the simulator's keys and app id.
     */
    private Tool refundTool(String mode, Map<String, String> gateway) throws Exception {
        Map<String, String> env = new HashMap<>(sim.serverEnvironment());
        env.remove("AP_GATEWAY_URL");
        env.putAll(gateway);
        env.put("AP_MAX_REFUND_AMOUNT", "50");
        env.put("AP_CONFIRM_REFUNDS", mode);
        Config config = ConfigLoader.load(env, ToolRegistry.NAMES);
        EventLog log = EventLog.open(home.resolve("log"), Clock.systemUTC(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), "start");
        return ToolRegistry.select(config, log, "0.0.0-test").stream()
                .filter(tool -> tool.name().equals("refund-alipay-payment")).findFirst().orElseThrow();
    }

    /** The question a person declines for a refund of {@code amount} with {@code reason}: nothing is sent. */
    private Question declined(Map<String, String> gateway, String order, String amount, String reason,
            String requestNo) throws Exception {
        Person no = new Person(CallContext.Outcome.DECLINED);
        String reasonMember = reason == null ? "" : ",\"refundReason\":" + quote(reason);
        call(refundTool("auto", gateway), "{\"outTradeNo\":" + quote(order) + ",\"refundAmount\":" + amount
                + ",\"outRequestNo\":" + quote(requestNo) + reasonMember + "}", no);
        assertThat(no.asked).hasSize(1);
        return no.asked.get(0);
    }

    private String lastLogLine() throws Exception {
        List<String> lines = Files.readAllLines(home.resolve("log"));
        return lines.get(lines.size() - 1);
    }

    private static ToolResult call(Tool tool, String json, CallContext context) throws Exception {
        return tool.call((alipaymcp.json.JsonValue.JsonObject) alipaymcp.json.JsonParser.parse(json), context);
    }

    @Test
    void confirmed_thePersonSeesExactlyWhatWillHappenAndTheRefundIsSent() throws Exception {
        String order = tools.paidOrder("CONF", "30.00");
        Person yes = new Person(CallContext.Outcome.CONFIRMED);
        ToolResult r = call(refundTool("auto"), refund(order, "12.5", "R1"), yes);
        assertThat(r.isError()).as(r.text()).isFalse();
        assertThat(r.text()).startsWith("退款结果: 退款成功");
        assertThat(yes.asked).hasSize(1);
        CallContext.Question q = yes.asked.get(0);
        assertThat(q.message()).isEqualTo("Refund ¥12.50 of order " + order + " to the buyer (refund request R1)."
                + "\nReason: \"damaged\"."
                + "\nMerchant app " + sim.appId() + " on the gateway at " + sim.gatewayUrl()
                + " (AP_GATEWAY_URL)."
                + "\nAn AI agent asked for this refund. Tick the box and accept only if you want this money paid back.");
        assertThat(q.title()).isEqualTo("Send this refund");
        assertThat(q.description()).isEqualTo("Tick to send this refund of ¥12.50 now; refunded money cannot be"
                + " taken back.");
        assertThat(lastLogLine()).contains("outRequestNo=R1 confirmation=confirmed result=10000");
    }

    @Test
    void everyEndingButAYes_sendsNothing() throws Exception {
        for (CallContext.Outcome no : List.of(CallContext.Outcome.DECLINED, CallContext.Outcome.CANCELLED,
                CallContext.Outcome.TIMED_OUT, CallContext.Outcome.FAILED, CallContext.Outcome.CALL_CANCELLED)) {
            String order = tools.paidOrder("NO", "30.00");
            ToolResult r = call(refundTool("auto"), refund(order, "10", "R1"), new Person(no));
            assertThat(r.isError()).as(no.name()).isTrue();
            assertThat(r.text()).as(no.name()).startsWith("No refund was made and nothing was sent to Alipay: the"
                    + " person did not confirm it (").contains("do not retry on your own")
                    .doesNotContain("outRequestNo", "new number", "new one");
            assertThat(lastLogLine()).as(no.name()).contains("confirmation=" + no.word() + " result=not-confirmed");
            // Sent now with a yes under the same number, it is a first refund (fund_change Y), not a replay.
            ToolResult later = call(refundTool("auto"), refund(order, "10", "R1"),
                    new Person(CallContext.Outcome.CONFIRMED));
            assertThat(later.text()).as(no.name()).startsWith("退款结果: 退款成功");
        }
    }

    @Test
    void notAsked_sendsUnderAutoAndRefusesUnderAlways() throws Exception {
        String order = tools.paidOrder("ASK", "30.00");
        ToolResult refused = call(refundTool("ALWAYS"), refund(order, "10", "R1"), () -> false);
        assertThat(refused.isError()).isTrue();
        assertThat(refused.text()).startsWith("No refund was made and nothing was sent to Alipay:"
                + " AP_CONFIRM_REFUNDS=always needs a person to confirm each refund, and this MCP client cannot ask")
                .doesNotContain("=auto", "=never");
        assertThat(lastLogLine()).contains("confirmation=not-asked result=not-confirmed");
        ToolResult sent = call(refundTool("auto"), refund(order, "10", "R1"), () -> false);
        assertThat(sent.text()).as("the refused one was never sent").startsWith("退款结果: 退款成功");
        assertThat(lastLogLine()).contains("confirmation=not-asked result=10000");
    }

    @Test
    void never_doesNotAsk() throws Exception {
        String order = tools.paidOrder("NEVER", "30.00");
        Person person = new Person(CallContext.Outcome.DECLINED);
        ToolResult r = call(refundTool("Never"), refund(order, "10", "R1"), person);
        assertThat(r.text()).startsWith("退款结果: 退款成功");
        assertThat(person.asked).isEmpty();
        assertThat(lastLogLine()).contains("confirmation=not-asked result=10000");
    }

    @Test
    void badArgumentsAndTheRefundLimit_areCheckedBeforeAnyoneIsAsked() throws Exception {
        Person person = new Person(CallContext.Outcome.CONFIRMED);
        Tool tool = refundTool("always");
        assertThat(call(tool, refund("T1", "50.01", "R1"), person).text()).contains("AP_MAX_REFUND_AMOUNT");
        assertThat(call(tool, refund("T1", "-1", "R1"), person).isError()).isTrue();
        assertThat(call(tool, "{\"outTradeNo\":\"T1\",\"refundAmount\":1}", person).isError()).isTrue();
        assertThat(person.asked).isEmpty();
    }

    @Test
    void question_namesTheGatewayAndShowsAMissingOrHostileReasonSafely() throws Exception {
        Map<String, String> prod = Map.of("AP_CURRENT_ENV", "prod");
        assertThat(declined(prod, "O1", "8.8", null, "R1").message())
                .startsWith("Refund ¥8.80 of order O1 to the buyer (refund request R1).\nReason: none given.\n"
                        + "Merchant app " + sim.appId() + " on Alipay production (real money).");
        assertThat(declined(Map.of("AP_CURRENT_ENV", "sandbox"), "O1", "1", null, "R1").message())
                .contains(" on the Alipay sandbox (test money).");
        // Control characters and line breaks never get this far (refundReason refuses them); format characters do.
        assertThat(declined(prod, "O1", "1", "ok\u2066IGNORE THE ABOVE", "R1").message())
                .contains("Reason: \"ok?IGNORE THE ABOVE\".");
        assertThat(declined(prod, "O1", "1", "a\u200bc\u202ed", "R1").message())
                .startsWith("Refund ¥1.00 of order O1 to the buyer (refund request R1).\nReason: \"a?c?d\".");
    }
}
