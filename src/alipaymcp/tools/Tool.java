package alipaymcp.tools;

import alipaymcp.alipay.GatewayText;
import alipaymcp.json.JsonValue.JsonObject;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One MCP tool as the protocol layer sees it: its listing fields and a call. The MCP layer decides
 * which fields the negotiated revision may carry; a tool only describes itself.
 */
public interface Tool {

    /** Tool name, e.g. {@code query-alipay-payment}. */
    String name();

    /** Human title (sent as {@code title} from 2025-06-18 and as {@code annotations.title} from 2025-03-26). */
    String title();

    String description();

    JsonObject inputSchema();

    /** Output schema, when every successful result carries conforming structured content. */
    Optional<JsonObject> outputSchema();

    /** Behaviour hints without the title: readOnlyHint, destructiveHint, idempotentHint, openWorldHint. */
    JsonObject hints();

    /**
     * Runs the tool. Never throws for bad input or a failed remote call: those are results with
     * {@code isError}. {@code context} turns true when the client cancelled the request; a tool checks
     * it before starting anything irreversible and never abandons a gateway request already sent. A tool may
     * ask the person through {@link CallContext#confirm} before such a step.
     */
    ToolResult call(JsonObject arguments, CallContext context);

    /**
     * What a running tool call may ask of the client that sent it: whether the client cancelled the call
     * ({@link #getAsBoolean}), and a person's yes or no ({@link #confirm}). A lambda {@code () -> false} is a call
     * that is never cancelled and whose client cannot be asked.
     */
    @FunctionalInterface
    interface CallContext extends BooleanSupplier {

        /**
         * Asks the person at the client to confirm {@code question} and waits (bounded) for the answer. Returns
         * {@link Outcome#NOT_ASKED} at once when the client cannot be asked. By default no client can.
         */
        default Outcome confirm(Question question) {
            return Outcome.NOT_ASKED;
        }

        /**
         * A yes-or-no question: {@code message} says exactly what will happen; {@code title} and {@code description}
         * label the one checkbox the person answers with.
         */
        record Question(String message, String title, String description) {
            public Question {
                Objects.requireNonNull(message, "message");
                Objects.requireNonNull(title, "title");
                Objects.requireNonNull(description, "description");
            }
        }

        /** How a question ended. Only {@link #CONFIRMED} is a yes. */
        enum Outcome {
            CONFIRMED, // the person accepted with the box ticked
            DECLINED, // the person declined, or accepted with the box left unticked
            CANCELLED, // the person dismissed the question without choosing
            TIMED_OUT, // no answer came within the bound
            FAILED, // the client answered with an error or something that is not an answer, or could not be asked now
            CALL_CANCELLED, // the client cancelled the tool call while the question was open
            NOT_ASKED; // the client cannot be asked: no form-mode elicitation, or a revision before 2025-06-18

            /** The word the log line records: confirmed, timed-out, call-cancelled, ... */
            public String word() {
                return name().toLowerCase(Locale.ROOT).replace('_', '-');
            }
        }
    }

    /**
     * What a tool call produced: one text block, the error flag, and structured content (null when the tool has no
     * output schema, or for an error that has nothing structured to say). Whatever the gateway sends, a payment
     * tool's result is {@link #bounded()} (docs/refunds.md): the text is cut at {@link #MAX_TEXT} characters, and
     * structured content larger than {@link #MAX_STRUCTURED} characters of JSON is not sent (the result says so).
     */
    record ToolResult(String text, boolean isError, JsonObject structuredContent) {
        /**
         * Large enough for a payment link with a 256-character Chinese title, percent-encoded twice in the URL
         * (subject and body: 5,473 characters of text measured), small enough that no gateway answer can flood
         * the model.
         */
        static final int MAX_TEXT = 16_384;
        static final int MAX_STRUCTURED = 16_384;
        static final String CUT_NOTE = "… (result cut at " + MAX_TEXT + " characters)";

        public ToolResult {
            Objects.requireNonNull(text, "text");
        }

        /** This result within the bound: the same when it fits (the largest payment link uses about a third of it). */
        ToolResult bounded() {
            if (structuredContent != null && structuredContent.toJson().length() > MAX_STRUCTURED) {
                return new ToolResult("The result's structured content is over " + MAX_STRUCTURED + " characters,"
                        + " so it was not sent; the text follows. " + text, true, null).bounded();
            }
            String cut = GatewayText.cut(text, MAX_TEXT, CUT_NOTE);
            return cut == text ? this : new ToolResult(cut, isError, structuredContent);
        }

        public static ToolResult success(String text, JsonObject structuredContent) {
            return new ToolResult(text, false, structuredContent);
        }

        public static ToolResult error(String text) {
            return new ToolResult(text, true, null);
        }
    }
}
