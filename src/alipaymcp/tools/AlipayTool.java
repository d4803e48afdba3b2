package alipaymcp.tools;

import alipaymcp.alipay.AlipayException;
import alipaymcp.alipay.AlipayResponse;
import alipaymcp.alipay.GatewayClient;
import alipaymcp.json.JsonException;
import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonNumber;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue;
import alipaymcp.log.EventLog;
import alipaymcp.tools.Arguments.ArgumentException;
import alipaymcp.tools.ToolRegistry.ToolName;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every payment tool shares: its listing, and per call: check the arguments, do the one gateway step, turn
 * every failure into an {@code isError} result that says what happened, and log one line ({@link CallRecord}).
 */
abstract class AlipayTool implements Tool {
    private final ToolName name;
    private final String title;
    private final String description;
    private final JsonObject inputSchema;
    private final JsonObject outputSchema;
    private final JsonObject hints;
    final GatewayClient gateway;
    private final EventLog log;

    /** The schemas are texts from {@link Schemas}. */
    AlipayTool(ToolName name, String title, String description, String inputSchema, String outputSchema,
            JsonObject hints, GatewayClient gateway, EventLog log) {
        this.name = name;
        this.title = title;
        this.description = description;
        this.inputSchema = schema(inputSchema);
        this.outputSchema = schema(outputSchema);
        this.hints = hints;
        this.gateway = gateway;
        this.log = log;
    }

    abstract ToolResult run(Arguments arguments, CallContext context, CallRecord record)
            throws ArgumentException, AlipayException;

    @Override
    public final ToolResult call(JsonObject arguments, CallContext context) {
        CallRecord record = new CallRecord(name());
        ToolResult result;
        try {
            result = run(new Arguments(arguments, inputSchema), context, record);
        } catch (ArgumentException e) {
            record.result = "invalid-arguments";
            result = ToolResult.error(e.getMessage());
        } catch (AlipayException e) {
            record.result = e.kind().name();
            result = ToolResult.error(e.getMessage());
        }
        record.writeTo(log);
        return result.bounded();
    }

    /** MCP behaviour hints (2025-03-26): every tool talks to Alipay, so openWorldHint is always true. */
    static JsonObject hints(boolean readOnly, boolean destructive, boolean idempotent) {
        JsonObject.Builder hints = JsonObject.builder().put("readOnlyHint", readOnly);
        if (!readOnly) {
            hints.put("destructiveHint", destructive).put("idempotentHint", idempotent);
        }
        return hints.put("openWorldHint", true).build();
    }

    /** Upstream's failure JSON: the response as shown (redacted, capped), keys deeply camel-cased, order kept. */
    static String failureJson(AlipayResponse response) {
        return camelCaseKeys(response.shown()).toJson();
    }

    /** {@code sub_code} becomes {@code subCode}; depth is bounded by the JSON parser's limit. */
    private static JsonValue camelCaseKeys(JsonValue value) {
        if (value instanceof JsonObject object) {
            Map<String, JsonValue> out = new LinkedHashMap<>();
            object.members().forEach((key, member) -> out.putIfAbsent(camelCase(key), camelCaseKeys(member)));
            return new JsonObject(out);
        }
        if (value instanceof JsonArray array) {
            return new JsonArray(array.elements().stream().map(AlipayTool::camelCaseKeys).toList());
        }
        return value;
    }

    /** Drops each '_' and upper-cases the character after it. */
    private static String camelCase(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c != '_') {
                out.append(i > 0 && key.charAt(i - 1) == '_' ? Character.toUpperCase(c) : c);
            }
        }
        return out.toString();
    }

    /** A template value as JavaScript prints it: a missing field is "undefined". */
    static String js(String value) {
        return value == null ? "undefined" : value;
    }

    /** A gateway amount ("88.88") as an exact JSON number; null (field omitted) when absent or not plain decimal. */
    static JsonNumber gatewayAmount(String text) {
        if (text == null || !text.matches("[0-9.]{1,32}")) {
            return null;
        }
        try {
            return JsonNumber.of(new BigDecimal(text));
        } catch (NumberFormatException e) { // "1.2.3", "."
            return null;
        }
    }

    /** Fixed text, so a failure is a programming error. */
    private static JsonObject schema(String schema) {
        try {
            return (JsonObject) JsonParser.parse(schema);
        } catch (JsonException e) {
            throw new IllegalStateException("built-in schema is not valid JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public final String name() {
        return name.longName;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final JsonObject inputSchema() {
        return inputSchema;
    }

    @Override
    public final Optional<JsonObject> outputSchema() {
        return Optional.of(outputSchema);
    }

    @Override
    public final JsonObject hints() {
        return hints;
    }

    /** One call's log line: only these fields, never an argument text, a URL (it is signed), a key or a token. */
    static final class CallRecord {
        private final String tool;
        private final long startNanos = System.nanoTime();
        String outTradeNo = "";
        String outRequestNo; // refund tools only
        String confirmation; // refunds: confirmed, declined, cancelled, timed-out, failed, call-cancelled, not-asked
        /** Our own outcome word, an {@link AlipayException}'s kind, or the gateway's codes ({@link #answered}). */
        String result = "";

        CallRecord(String tool) {
            this.tool = tool;
        }

        /** The gateway's code and sub_code of a verified answer: {@code 10000}, {@code 40004/ACQ.TRADE_NOT_EXIST}. */
        void answered(AlipayResponse response) {
            String subCode = response.subCode();
            result = subCode == null ? String.valueOf(response.code()) : response.code() + "/" + subCode;
        }

        void writeTo(EventLog log) {
            List<Object> fields = new ArrayList<>(List.of("tool", tool, "outTradeNo", outTradeNo));
            if (outRequestNo != null) {
                fields.addAll(List.of("outRequestNo", outRequestNo));
            }
            if (confirmation != null) {
                fields.addAll(List.of("confirmation", confirmation));
            }
            fields.addAll(List.of("result", result, "ms", (System.nanoTime() - startNanos) / 1_000_000));
            log.event("call", fields.toArray());
        }
    }
}
