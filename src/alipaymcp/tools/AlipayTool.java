package alipaymcp.tools;

import alipaymcp.alipay.AlipayException;
import alipaymcp.alipay.AlipayResponse;
import alipaymcp.json.JsonObject;
import alipaymcp.json.JsonWriter;
import alipaymcp.log.EventLog;
import java.util.Optional;

/**
 * The shape every payment tool shares: check the arguments, do the one gateway step, turn every failure
 * into an {@code isError} result with a message that says what happened, and log one line per call.
 */
abstract class AlipayTool implements Tool {
    private final ToolSpec spec;
    final Gateway gateway;
    private final EventLog log;
    private JsonObject inputSchema; // parsed on first listing, not at start
    private JsonObject outputSchema;

    AlipayTool(ToolSpec spec, Gateway gateway, EventLog log) {
        this.spec = spec;
        this.gateway = gateway;
        this.log = log;
    }

    /** The tool's own step, with checked arguments. */
    abstract ToolResult run(Arguments arguments, CallContext cancelled, CallRecord record)
            throws ArgumentException, AlipayException;

    @Override
    public final ToolResult call(JsonObject arguments, CallContext cancelled) {
        CallRecord record = new CallRecord(spec.name());
        ToolResult result;
        try {
            result = run(Arguments.of(arguments, spec.argumentNames()), cancelled, record);
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

    /** Records the gateway's code (and sub_code) of a verified answer. */
    static void recordCode(CallRecord record, AlipayResponse response) {
        String subCode = response.subCode();
        record.result(subCode == null ? String.valueOf(response.code()) : response.code() + "/" + subCode);
    }

    /** Upstream's failure JSON: the response object as shown (redacted, capped), camel-cased keys, order kept. */
    static String failureJson(AlipayResponse response) {
        return JsonWriter.write(CamelCase.keys(response.shown()));
    }

    /** A template value as JavaScript prints it: a missing field is "undefined". */
    static String js(String value) {
        return value == null ? "undefined" : value;
    }

    @Override
    public final String name() {
        return spec.name();
    }

    @Override
    public final String title() {
        return spec.title();
    }

    @Override
    public final String description() {
        return spec.description();
    }

    @Override
    public final synchronized JsonObject inputSchema() {
        if (inputSchema == null) {
            inputSchema = Schemas.parse(spec.inputSchema());
        }
        return inputSchema;
    }

    @Override
    public final synchronized Optional<JsonObject> outputSchema() {
        if (outputSchema == null) {
            outputSchema = Schemas.parse(spec.outputSchema());
        }
        return Optional.of(outputSchema);
    }

    @Override
    public final JsonObject hints() {
        return spec.hints();
    }
}
