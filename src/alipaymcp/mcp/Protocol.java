package alipaymcp.mcp;

import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonBoolean;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.tools.Tool.ToolResult;
import alipaymcp.tools.Tool;

/**
 * The handshake revisions this server speaks, oldest first, and what each one may carry. Output is
 * gated by the negotiated revision: a client of an older revision never sees fields it does not know.
 */
enum Protocol {
    V2024_11_05,
    V2025_03_26,
    V2025_06_18,
    V2025_11_25;

    /** The revision as the handshake spells it: the constant's name, V2025_06_18 is "2025-06-18". */
    String version() {
        return name().substring(1).replace('_', '-');
    }

    /** The requested revision when we speak it, else our latest (as the spec says); never an error. */
    static Protocol negotiate(String requested) {
        for (Protocol p : values()) {
            if (p.version().equals(requested)) {
                return p;
            }
        }
        return V2025_11_25;
    }

    /** JSON-RPC batches exist only in 2025-03-26 (added there, removed in 2025-06-18). */
    boolean allowsBatches() {
        return this == V2025_03_26;
    }

    /** Tool {@code annotations}: from 2025-03-26. */
    boolean hasToolAnnotations() {
        return compareTo(V2025_03_26) >= 0;
    }

    /** Tool {@code title}, {@code outputSchema} and result {@code structuredContent}: from 2025-06-18. */
    boolean hasStructuredOutput() {
        return compareTo(V2025_06_18) >= 0;
    }

    /** A server may ask the person through {@code elicitation/create}: from 2025-06-18. */
    boolean hasElicitation() {
        return compareTo(V2025_06_18) >= 0;
    }

    /** {@code elicitation/create} names its {@code mode} ("form" or "url"): from 2025-11-25. */
    boolean namesElicitationMode() {
        return compareTo(V2025_11_25) >= 0;
    }

    /** One Tool: name, [title], description, inputSchema, [outputSchema], [annotations]. */
    JsonObject listing(Tool tool) {
        JsonObject.Builder json = JsonObject.builder().put("name", tool.name())
                .putIfPresent("title", hasStructuredOutput() ? tool.title() : null)
                .putIfPresent("description", tool.description())
                .put("inputSchema", tool.inputSchema())
                .putIfPresent("outputSchema", hasStructuredOutput() ? tool.outputSchema().orElse(null) : null);
        if (hasToolAnnotations()) {
            // the title first, then the tool's own hints in their order
            JsonObject.Builder annotations = JsonObject.builder().putIfPresent("title", tool.title());
            if (tool.hints() != null) {
                tool.hints().members().forEach((hint, value) -> {
                    if (!hint.equals("title")) {
                        annotations.put(hint, value);
                    }
                });
            }
            JsonObject built = annotations.build();
            json.putIfPresent("annotations", built.members().isEmpty() ? null : built);
        }
        return json.build();
    }

    /** A CallToolResult: one text block, [structuredContent], [isError:true]. */
    JsonObject callResult(ToolResult result) {
        JsonObject text = JsonObject.builder().put("type", "text").put("text", result.text()).build();
        JsonObject.Builder json = JsonObject.builder().put("content", JsonArray.of(text))
                .putIfPresent("structuredContent", hasStructuredOutput() ? result.structuredContent() : null);
        return (result.isError() ? json.put("isError", JsonBoolean.TRUE) : json).build();
    }
}
