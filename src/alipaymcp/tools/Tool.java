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
    String name();

    /** Sent as {@code title} from 2025-06-18 and as {@code annotations.title} from 2025-03-26. */
    String title();

    String description();

    JsonObject inputSchema();

    /** Output schema, when every successful result carries conforming structured content. */
    Optional<JsonObject> outputSchema();

    /** readOnlyHint, destructiveHint, idempotentHint, openWorldHint: the annotations without the title. */
    JsonObject hints();

    /**
     * Never throws for bad input or a failed remote call: those are results with {@code isError}. A tool checks
     * {@code context} (true once the client cancelled) before anything irreversible, and never abandons a gateway
     * request already sent.
     */
    ToolResult call(JsonObject arguments, CallContext context);

    /**
     * What a running call may ask of its client: whether it cancelled the call ({@link #getAsBoolean}), and a
     * person's yes or no ({@link #confirm}). {@code () -> false} is never cancelled and cannot ask.
     */
    @FunctionalInterface
    interface CallContext extends BooleanSupplier {
        /** Asks the person and waits (bounded); {@link Outcome#NOT_ASKED} at once when the client cannot be asked. */
        default Outcome confirm(Question question) {
            return Outcome.NOT_ASKED;
        }

        /** {@code message} says exactly what will happen; {@code title} and {@code description} label the checkbox. */
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

            /** As the log line records it: timed-out, call-cancelled, ... */
            public String word() {
                return name().toLowerCase(Locale.ROOT).replace('_', '-');
            }
        }
    }

    /**
     * One text block, the error flag, and structured content (null for an error with nothing structured to say).
     * Whatever the gateway sends, a payment tool's result is {@link #bounded()} (docs/refunds.md).
     */
    record ToolResult(String text, boolean isError, JsonObject structuredContent) {
        /**
         * Fits a payment link with a 256-character Chinese title, percent-encoded twice (5,473 characters of text
         * measured); small enough that no gateway answer can flood the model.
         */
        static final int MAX_TEXT = 16_384;
        static final int MAX_STRUCTURED = 16_384;
        static final String CUT_NOTE = "… (result cut at " + MAX_TEXT + " characters)";

        public ToolResult {
            Objects.requireNonNull(text, "text");
        }

        /** Text cut at {@link #MAX_TEXT}; structured content over {@link #MAX_STRUCTURED} is dropped, saying so. */
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
