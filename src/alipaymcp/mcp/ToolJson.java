package alipaymcp.mcp;

import alipaymcp.json.JsonArray;
import alipaymcp.json.JsonObject;
import alipaymcp.json.JsonValue;
import alipaymcp.tools.Tool;
import alipaymcp.tools.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders tool listings and call results with only the fields the negotiated revision has. */
final class ToolJson {
    private ToolJson() {
    }

    /** The {@code tools/list} result: every tool in one page, in registry order, no {@code nextCursor}. */
    static JsonObject listResult(List<Tool> tools, Protocol protocol) {
        List<JsonValue> listed = new ArrayList<>(tools.size());
        for (Tool tool : tools) {
            listed.add(tool(tool, protocol));
        }
        return JsonObject.builder().put("tools", new JsonArray(listed)).build();
    }

    /** One Tool: name, [title], description, inputSchema, [outputSchema], [annotations]. */
    static JsonObject tool(Tool tool, Protocol protocol) {
        JsonObject.Builder json = JsonObject.builder().put("name", tool.name());
        if (protocol.hasStructuredOutput()) {
            json.putIfPresent("title", tool.title());
        }
        json.putIfPresent("description", tool.description());
        json.put("inputSchema", tool.inputSchema());
        if (protocol.hasStructuredOutput()) {
            json.putIfPresent("outputSchema", tool.outputSchema().orElse(null));
        }
        if (protocol.hasToolAnnotations()) {
            JsonObject annotations = annotations(tool);
            if (annotations.size() > 0) {
                json.put("annotations", annotations);
            }
        }
        return json.build();
    }

    /** {@code annotations}: the title first, then the tool's own hints in their order. */
    private static JsonObject annotations(Tool tool) {
        JsonObject.Builder json = JsonObject.builder().putIfPresent("title", tool.title());
        JsonObject hints = tool.hints();
        if (hints != null) {
            for (Map.Entry<String, JsonValue> hint : hints.members().entrySet()) {
                if (!hint.getKey().equals("title")) {
                    json.put(hint.getKey(), hint.getValue());
                }
            }
        }
        return json.build();
    }

    /** A CallToolResult: one text block, [structuredContent], [isError:true]. */
    static JsonObject callResult(ToolResult result, Protocol protocol) {
        JsonObject text = JsonObject.builder().put("type", "text").put("text", result.text()).build();
        JsonObject.Builder json = JsonObject.builder().put("content", JsonArray.of(text));
        if (protocol.hasStructuredOutput()) {
            json.putIfPresent("structuredContent", result.structuredContent());
        }
        if (result.isError()) {
            json.put("isError", true);
        }
        return json.build();
    }
}
