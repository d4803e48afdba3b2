package alipaymcp.tools;

import java.util.Locale;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * What a running tool call may ask of the client that sent it: whether the client cancelled the call
 * ({@link #getAsBoolean}), and a person's yes or no ({@link #confirm}). A lambda {@code () -> false} is a call
 * that is never cancelled and whose client cannot be asked.
 */
@FunctionalInterface
public interface CallContext extends BooleanSupplier {

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
