package alipaymcp.tools;

import alipaymcp.json.JsonObject;
import java.util.Objects;

/**
 * What a tool call produced: one text block, the error flag, and structured content (null when the
 * result is an error or the tool has no output schema).
 */
public record ToolResult(String text, boolean isError, JsonObject structuredContent) {
    public ToolResult {
        Objects.requireNonNull(text, "text");
        if (isError && structuredContent != null) {
            throw new IllegalArgumentException("an error result carries no structured content");
        }
    }

    public static ToolResult success(String text, JsonObject structuredContent) {
        return new ToolResult(text, false, structuredContent);
    }

    public static ToolResult error(String text) {
        return new ToolResult(text, true, null);
    }
}
