package alipaymcp.tools;

import alipaymcp.alipay.AlipayException;
import alipaymcp.alipay.AlipayResponse;
import alipaymcp.alipay.GatewayClient;
import alipaymcp.alipay.GatewayClient.RequestSettings;
import alipaymcp.config.Config;
import alipaymcp.json.JsonException;
import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonBoolean;
import alipaymcp.json.JsonValue.JsonNumber;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue;
import alipaymcp.log.EventLog;
import alipaymcp.tools.Arguments.ArgumentException;
import alipaymcp.tools.Tool.CallContext;
import alipaymcp.tools.ToolRegistry.ToolName;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shape every payment tool shares: its listing (upstream's name and description, our title, hints and
 * {@link Schemas}), then per call: check the arguments, do the one gateway step, turn every failure into an
 * {@code isError} result with a message that says what happened, and log one line ({@link CallRecord}).
 */
abstract class AlipayTool implements Tool {
    private final ToolName name;
    private final String title;
    private final String description;
    private final JsonObject inputSchema;
    private final JsonObject outputSchema;
    private final JsonObject hints;
    private final List<String> argumentNames; // the input schema's properties, in its order
    final Gateway gateway;
    private final EventLog log;

    /** {@code inputSchema}, {@code outputSchema}: JSON text from {@link Schemas}. */
    AlipayTool(ToolName name, String title, String description, String inputSchema, String outputSchema,
            JsonObject hints, Gateway gateway, EventLog log) {
        this.name = name;
        this.title = title;
        this.description = description;
        this.inputSchema = parse(inputSchema);
        this.outputSchema = parse(outputSchema);
        this.hints = hints;
        this.argumentNames = List.copyOf(this.inputSchema.object("properties").orElseThrow().members().keySet());
        this.gateway = gateway;
        this.log = log;
    }

    /** The tool's own step, with checked arguments. */
    abstract ToolResult run(Arguments arguments, CallContext context, CallRecord record)
            throws ArgumentException, AlipayException;

    @Override
    public final ToolResult call(JsonObject arguments, CallContext context) {
        CallRecord record = new CallRecord(name());
        ToolResult result;
        try {
            result = run(Arguments.of(arguments, argumentNames), context, record);
        } catch (ArgumentException e) {
            record.result("invalid-arguments");
            result = ToolResult.error(e.getMessage());
        } catch (AlipayException e) {
            record.result(e.kind().name());
            result = ToolResult.error(e.getMessage());
        }
        record.writeTo(log);
        return result.bounded();
    }

    /** MCP behaviour hints (2025-03-26): every tool talks to Alipay, so openWorldHint is always true. */
    static JsonObject hints(boolean readOnly, boolean destructive, boolean idempotent) {
        JsonObject.Builder hints = JsonObject.builder().put("readOnlyHint", JsonBoolean.of(readOnly));
        if (!readOnly) {
            hints.put("destructiveHint", JsonBoolean.of(destructive));
            hints.put("idempotentHint", JsonBoolean.of(idempotent));
        }
        return hints.put("openWorldHint", JsonBoolean.TRUE).build();
    }

    /** Upstream's failure JSON: the response object as shown (redacted, capped), camel-cased keys, order kept. */
    static String failureJson(AlipayResponse response) {
        return camelCaseKeys(response.shown()).toJson();
    }

    /**
     * Upstream prints failed responses after a deep camel-casing of the keys ({@code sub_code} becomes
     * {@code subCode}); key order and value tokens are kept. Depth is bounded by the JSON parser's limit.
     */
    private static JsonValue camelCaseKeys(JsonValue value) {
        if (value instanceof JsonObject object) {
            Map<String, JsonValue> out = new LinkedHashMap<>();
            object.members().forEach((key, member) -> out.putIfAbsent(camelCase(key), camelCaseKeys(member)));
            return new JsonObject(out);
        }
        if (value instanceof JsonArray array) {
            List<JsonValue> out = new ArrayList<>(array.size());
            array.elements().forEach(element -> out.add(camelCaseKeys(element)));
            return new JsonArray(out);
        }
        return value;
    }

    /** Deletes each '_' and upper-cases the character after it. */
    private static String camelCase(String key) {
        StringBuilder out = new StringBuilder(key.length());
        boolean upper = false;
        for (char c : key.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    /** A template value as JavaScript prints it: a missing field is "undefined". */
    static String js(String value) {
        return value == null ? "undefined" : value;
    }

    /**
     * An amount the gateway sends as a string ("88.88") as an exact JSON number for structured content; null
     * when absent or not plain decimal text (then the field is omitted).
     */
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

    /** Parses a schema from {@link Schemas}: fixed text, so a failure is a programming error. */
    private static JsonObject parse(String schema) {
        try {
            return (JsonObject) JsonParser.parse(schema);
        } catch (JsonException e) {
            throw new IllegalStateException("built-in schema is not valid JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public final String name() {
        return name.longName();
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

    /**
     * What one tool call leaves in the log: tool, order number(s), confirmation (refunds), result and duration.
     * Only these fields: never an argument text, a URL (it carries the signature), a key or a token.
     */
    static final class CallRecord {
        private final String tool;
        private final long startNanos = System.nanoTime();
        private String outTradeNo = "";
        private String outRequestNo;
        private String result = "";
        private String confirmation; // refunds only: how the person's confirmation ended

        CallRecord(String tool) {
            this.tool = tool;
        }

        void outTradeNo(String value) {
            outTradeNo = value;
        }

        void outRequestNo(String value) {
            outRequestNo = value;
        }

        /** Our own outcome word, or an {@link AlipayException}'s kind. */
        void result(String value) {
            result = value;
        }

        /** The gateway's code and sub_code of a verified answer: {@code 10000}, {@code 40004/ACQ.TRADE_NOT_EXIST}. */
        void result(AlipayResponse response) {
            String subCode = response.subCode();
            result = subCode == null ? String.valueOf(response.code()) : response.code() + "/" + subCode;
        }

        /** AP_CONFIRM_REFUNDS: confirmed, declined, cancelled, timed-out, failed, call-cancelled or not-asked. */
        void confirmation(String value) {
            confirmation = value;
        }

        void writeTo(EventLog log) {
            long ms = (System.nanoTime() - startNanos) / 1_000_000;
            if (outRequestNo == null) {
                log.event("call", "tool", tool, "outTradeNo", outTradeNo, "result", result, "ms", ms);
            } else if (confirmation == null) {
                log.event("call", "tool", tool, "outTradeNo", outTradeNo, "outRequestNo", outRequestNo,
                        "result", result, "ms", ms);
            } else {
                log.event("call", "tool", tool, "outTradeNo", outTradeNo, "outRequestNo", outRequestNo,
                        "confirmation", confirmation, "result", result, "ms", ms);
            }
        }
    }

    /**
     * The one gateway client of the process, shared by the five tools and built by the first call that needs it
     * (tests inject theirs, with upstream's tags and a fixed clock).
     */
    static final class Gateway {
        private final Config config;
        private final String version;
        private GatewayClient client; // guarded by this

        /** A client built later from the configuration; {@code version} names us in the request tags. */
        Gateway(Config config, String version) {
            this.config = config;
            this.version = version;
        }

        /** An already built client (tests inject upstream's tags and a fixed clock through it). */
        Gateway(GatewayClient client) {
            this.config = null;
            this.version = null;
            this.client = client;
        }

        synchronized GatewayClient client() {
            if (client == null) {
                RequestSettings settings = new RequestSettings(config.appId(), config.signType(), config.appAuthToken(),
                        config.notifyUrl(), config.returnUrl(), "mcp-server-alipay-java-" + version, "mcp_" + version,
                        config.certificates(), config.encryption());
                client = new GatewayClient(config.gatewayUrl(), settings, config.appKey(), config.alipayPublicKey(),
                        config.timeout(), Clock.systemUTC());
            }
            return client;
        }
    }
}
