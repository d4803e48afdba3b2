package alipaymcp.mcp;

import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonBoolean;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue;
import alipaymcp.tools.Tool.CallContext;
import alipaymcp.tools.Tool;
import alipaymcp.tools.Tool.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Tools for the protocol tests, one fresh set per server so the latches never leak between transcripts:
 * echo (no output schema), shout (with one), slow (blocks until release or cancel), release, cancel-seen
 * (reports what slow saw), nap (100 ms), boom (throws), no-structure (breaks its output schema). Only by
 * name, not in "all": ask (asks the person to confirm its text and returns how that ended) and last-answer
 * (how the previous ask ended, even one whose reply was suppressed by a cancel).
 */
final class TestTools {
    /** How long any test tool ever blocks, so a broken test fails instead of hanging. */
    static final long BOUND_SECONDS = 10;

    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch slowDone = new CountDownLatch(1);
    private volatile boolean slowSawCancel;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

    /** The named tools of a fresh set, in the order given; "all" for every one. */
    static List<Tool> named(String names) {
        TestTools set = new TestTools();
        List<Tool> all = List.of(
                new Simple("echo", "Echo", "Returns its text argument.", false, TestTools::echo),
                new Simple("shout", "Shout", "Returns its text in capitals, also as structured content.", true,
                        TestTools::shout),
                new Simple("slow", null, "Blocks until release is called or the call is cancelled.", false,
                        (args, cancelled) -> set.slow(cancelled)),
                new Simple("release", "Release", "Lets slow return.", false, (args, cancelled) -> set.release()),
                new Simple("cancel-seen", "Cancel seen", "Waits for slow, says if it saw the cancellation.",
                        false, (args, cancelled) -> set.cancelSeen()),
                new Simple("nap", "Nap", "Returns after 100 ms.", false, (args, cancelled) -> nap()),
                new Simple("boom", "Boom", "Throws.", false, (args, cancelled) -> {
                    throw new IllegalStateException("secret-internal-detail");
                }),
                new Simple("no-structure", "No structure", "Declares an output schema, returns none.", true,
                        (args, cancelled) -> ToolResult.success("plain", null)));
        if (names.equals("all")) {
            return all;
        }
        List<Tool> byName = new ArrayList<>(all);
        byName.add(new Simple("ask", "Ask", "Asks the person to confirm its text.", false, set::ask));
        byName.add(new Simple("last-answer", "Last answer", "How the previous ask ended.", false,
                (args, context) -> set.lastAnswer()));
        List<Tool> chosen = new ArrayList<>();
        for (String name : names.split(",")) {
            if (name.equals("none")) {
                continue;
            }
            chosen.add(byName.stream().filter(t -> t.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no test tool " + name)));
        }
        return chosen;
    }

    private static ToolResult echo(JsonObject args, CallContext cancelled) {
        return args.string("text").map(t -> ToolResult.success(t, null))
                .orElseGet(() -> ToolResult.error("text must be a string, e.g. {\"text\":\"hi\"}"));
    }

    private static ToolResult shout(JsonObject args, CallContext cancelled) {
        return args.string("text").map(t -> {
            String upper = t.toUpperCase(Locale.ROOT);
            return ToolResult.success(upper, JsonObject.builder().put("upper", upper).build());
        }).orElseGet(() -> ToolResult.error("text must be a string, e.g. {\"text\":\"hi\"}"));
    }

    private ToolResult slow(CallContext cancelled) {
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
            while (System.nanoTime() < deadline) {
                if (cancelled.getAsBoolean()) {
                    slowSawCancel = true;
                    return ToolResult.success("stopped after cancellation", null);
                }
                if (released.await(5, TimeUnit.MILLISECONDS)) {
                    return ToolResult.success("released", null);
                }
            }
            return ToolResult.error("never released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ToolResult.error("interrupted");
        } finally {
            slowDone.countDown();
        }
    }

    private ToolResult ask(JsonObject args, CallContext context) {
        String text = args.string("text").orElse("");
        answers.clear(); // earlier asks have all replied: last-answer then waits for this one
        String outcome = context.confirm(new CallContext.Question(text, "Send this refund", "Tick to send")).word();
        answers.add(outcome);
        return ToolResult.success("asked: " + outcome, null);
    }

    private ToolResult lastAnswer() {
        try {
            String outcome = answers.poll(BOUND_SECONDS, TimeUnit.SECONDS);
            return ToolResult.success("last answer: " + outcome, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ToolResult.error("interrupted");
        }
    }

    private ToolResult release() {
        released.countDown();
        return ToolResult.success("released", null);
    }

    private ToolResult cancelSeen() {
        try {
            boolean done = slowDone.await(BOUND_SECONDS, TimeUnit.SECONDS);
            return ToolResult.success("slow finished: " + done + ", saw cancellation: " + slowSawCancel, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ToolResult.error("interrupted");
        }
    }

    private static ToolResult nap() {
        try {
            Thread.sleep(100);
            return ToolResult.success("rested", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ToolResult.error("interrupted");
        }
    }

    /** What a test tool does when called. */
    interface Body {
        ToolResult call(JsonObject arguments, CallContext cancelled);
    }

    /** A test tool: a text input schema, optional output schema, readOnly hints. */
    static final class Simple implements Tool {
        private final String name;
        private final String title;
        private final String description;
        private final boolean structured;
        private final Body body;

        Simple(String name, String title, String description, boolean structured, Body body) {
            this.name = name;
            this.title = title;
            this.description = description;
            this.structured = structured;
            this.body = body;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String title() {
            return title;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public JsonObject inputSchema() {
            JsonObject text = JsonObject.builder().put("type", "string").build();
            return JsonObject.builder().put("type", "object")
                    .put("properties", JsonObject.builder().put("text", text).build())
                    .put("additionalProperties", JsonBoolean.FALSE).build();
        }

        @Override
        public Optional<JsonObject> outputSchema() {
            if (!structured) {
                return Optional.empty();
            }
            JsonObject upper = JsonObject.builder().put("type", "string").build();
            return Optional.of(JsonObject.builder().put("type", "object")
                    .put("properties", JsonObject.builder().put("upper", upper).build())
                    .put("required", JsonArray.of(JsonValue.of("upper"))).build());
        }

        @Override
        public JsonObject hints() {
            if (title == null) {
                return JsonObject.EMPTY;
            }
            return JsonObject.builder().put("readOnlyHint", JsonBoolean.TRUE).put("openWorldHint", JsonBoolean.FALSE)
                    .build();
        }

        @Override
        public ToolResult call(JsonObject arguments, CallContext cancelled) {
            return body.call(arguments, cancelled);
        }
    }
}
