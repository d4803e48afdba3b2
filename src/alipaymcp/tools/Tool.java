package alipaymcp.tools;

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

        /** True once the client cancelled this call. */
        @Override
        boolean getAsBoolean();

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
            /** The person accepted with the box ticked. */
            CONFIRMED,
            /** The person declined, or accepted with the box left unticked. */
            DECLINED,
            /** The person dismissed the question without choosing. */
            CANCELLED,
            /** No answer came within the bound. */
            TIMED_OUT,
            /** The client answered with an error or something that is not an answer, or could not be asked now. */
            FAILED,
            /** The client cancelled the tool call while the question was open. */
            CALL_CANCELLED,
            /** The client cannot be asked: no form-mode elicitation capability, or a revision before 2025-06-18. */
            NOT_ASKED;

            /** The word the log line records: confirmed, timed-out, call-cancelled, ... */
            public String word() {
                return name().toLowerCase(Locale.ROOT).replace('_', '-');
            }
        }
    }
}
