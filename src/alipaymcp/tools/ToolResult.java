package alipaymcp.tools;

import alipaymcp.json.JsonValue.JsonObject;
import java.util.Objects;

/**
 * What a tool call produced: one text block, the error flag, and structured content (null when the tool has no
 * output schema, or for an error that has nothing structured to say). Whatever the gateway sends, a payment
 * tool's result is {@link #bounded()} (docs/refunds.md): the text is cut at {@link #MAX_TEXT} characters, and
 * structured content larger than {@link #MAX_STRUCTURED} characters of JSON is not sent (the result says so).
 */
public record ToolResult(String text, boolean isError, JsonObject structuredContent) {
    /**
     * Large enough for a payment link with a 256-character Chinese title, percent-encoded twice in the URL
     * (subject and body: 5,473 characters of text measured), small enough that no gateway answer can flood the model.
     */
    static final int MAX_TEXT = 16_384;
    static final int MAX_STRUCTURED = 16_384;
    static final String CUT_NOTE = "… (result cut at " + MAX_TEXT + " characters)";

    public ToolResult {
        Objects.requireNonNull(text, "text");
    }

    /** This result within the bound: the same when it fits (the largest payment link uses about a third of it). */
    ToolResult bounded() {
        String t = text;
        boolean error = isError;
        JsonObject structured = structuredContent;
        if (structured != null && structured.toJson().length() > MAX_STRUCTURED) {
            t = "The result's structured content is over " + MAX_STRUCTURED + " characters, so it was not sent;"
                    + " the text follows. " + t;
            error = true;
            structured = null;
        }
        if (t.length() > MAX_TEXT) {
            int end = MAX_TEXT - CUT_NOTE.length();
            if (Character.isLowSurrogate(t.charAt(end))) {
                end--;
            }
            t = t.substring(0, end) + CUT_NOTE;
        }
        return t == text && structured == structuredContent ? this : new ToolResult(t, error, structured);
    }

    public static ToolResult success(String text, JsonObject structuredContent) {
        return new ToolResult(text, false, structuredContent);
    }

    public static ToolResult error(String text) {
        return new ToolResult(text, true, null);
    }

    /** An error that still says something a client can act on without reading the text (a refund's status). */
    static ToolResult error(String text, JsonObject structuredContent) {
        return new ToolResult(text, true, structuredContent);
    }
}
