package alipaymcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue;
import alipaymcp.log.EventLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The schema text blocks: what they differ from upstream's in, and their layout (so that a diff shows it). */
class SchemasTest {

    @Test
    void inputSchemas_areUpstreamsWithOnlyOurDocumentedChanges() throws Exception {
        List<JsonObject> upstream = ToolRegistryTest.upstreamToolsList();
        List<Tool> ours = ToolRegistry.all(null, SimulatedTools.DEFAULT_REFUNDS, EventLog.disabled());
        for (int i = 0; i < ours.size(); i++) {
            JsonValue theirs = without(upstream.get(i).get("inputSchema"), Set.of("multipleOf", "exclusiveMinimum",
                    "$schema"));
            JsonValue mine = without(ours.get(i).inputSchema(), Set.of("minLength"));
            assertThat(mine.toJson()).as(ours.get(i).name()).isEqualTo(theirs.toJson());
        }
    }

    @Test
    void everySchema_isLaidOutAsJsonStringifyWithTwoSpaces() throws Exception {
        for (String text : List.of(Schemas.PAYMENT_INPUT, Schemas.PAYMENT_OUTPUT, Schemas.QUERY_INPUT,
                Schemas.QUERY_OUTPUT, Schemas.REFUND_INPUT, Schemas.REFUND_OUTPUT, Schemas.REFUND_QUERY_INPUT,
                Schemas.REFUND_QUERY_OUTPUT)) {
            assertThat(text).isEqualTo(pretty(JsonParser.parse(text), "") + "\n");
        }
    }

    /** {@code value} with the members named in {@code names} removed at any depth. */
    private static JsonValue without(JsonValue value, Set<String> names) {
        if (value instanceof JsonObject object) {
            Map<String, JsonValue> out = new LinkedHashMap<>();
            object.members().forEach((k, v) -> {
                if (!names.contains(k)) {
                    out.put(k, without(v, names));
                }
            });
            return new JsonObject(out);
        }
        return value;
    }

    /** What JavaScript's JSON.stringify(value, null, 2) writes (for the values a schema holds). */
    private static String pretty(JsonValue value, String indent) {
        String inner = indent + "  ";
        List<String> items = new ArrayList<>();
        if (value instanceof JsonObject object) {
            object.members().forEach((k, v) -> items.add(inner + "\"" + k + "\": " + pretty(v, inner)));
            return "{\n" + String.join(",\n", items) + "\n" + indent + "}";
        }
        if (value instanceof JsonArray array) {
            array.elements().forEach(v -> items.add(inner + pretty(v, inner)));
            return "[\n" + String.join(",\n", items) + "\n" + indent + "]";
        }
        return value.toJson();
    }
}
