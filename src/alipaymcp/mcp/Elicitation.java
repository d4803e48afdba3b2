package alipaymcp.mcp;

import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonBoolean;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue;
import alipaymcp.tools.Tool.CallContext.Outcome;
import alipaymcp.tools.Tool.CallContext.Question;
import alipaymcp.tools.Tool.CallContext;

/**
 * A yes-or-no question as a form-mode {@code elicitation/create} (revisions 2025-06-18 and 2025-11-25): the
 * form is one boolean, so no sensitive data is ever requested, and only {@code accept} with it true is a yes.
 */
final class Elicitation {
    static final String METHOD = "elicitation/create";
    /** The one field of the form. */
    static final String FIELD = "confirm";

    private Elicitation() {
    }

    /**
     * Whether a client with these initialize {@code capabilities} can be asked under {@code protocol}: it declared
     * {@code elicitation}, empty (form mode, as 2025-06-18 declares it) or with {@code form}; a client that
     * declared only {@code url} mode cannot show a form.
     */
    static boolean canAsk(Protocol protocol, JsonValue capabilities) {
        if (!protocol.hasElicitation() || !(capabilities instanceof JsonObject declared)) {
            return false;
        }
        return declared.get("elicitation") instanceof JsonObject elicitation
                && (elicitation.size() == 0 || elicitation.get("form") instanceof JsonObject);
    }

    /** The request's params; {@code mode} is named only where the revision knows it (2025-11-25). */
    static JsonObject params(Question question, Protocol protocol) {
        JsonObject confirm = JsonObject.builder()
                .put("type", "boolean")
                .put("title", question.title())
                .put("description", question.description())
                .put("default", false)
                .build();
        JsonObject schema = JsonObject.builder()
                .put("type", "object")
                .put("properties", JsonObject.builder().put(FIELD, confirm).build())
                .put("required", JsonArray.of(JsonValue.of(FIELD)))
                .build();
        JsonObject.Builder params = JsonObject.builder();
        if (protocol.namesElicitationMode()) {
            params.put("mode", "form");
        }
        return params.put("message", question.message()).put("requestedSchema", schema).build();
    }

    /** The client's response: a yes only for {@code accept} with the field exactly true. */
    static Outcome read(JsonObject response) {
        if (response.has("error") || !(response.get("result") instanceof JsonObject result)) {
            return Outcome.FAILED; // an error response (even beside a result), or a result that is not an object
        }
        String action = result.string("action").orElse("");
        switch (action) {
            case "accept": {
                JsonValue answer = result.object("content").map(c -> c.get(FIELD)).orElse(null);
                if (JsonBoolean.TRUE.equals(answer)) {
                    return Outcome.CONFIRMED;
                }
                return JsonBoolean.FALSE.equals(answer) ? Outcome.DECLINED : Outcome.FAILED;
            }
            case "decline":
                return Outcome.DECLINED;
            case "cancel":
                return Outcome.CANCELLED;
            default:
                return Outcome.FAILED;
        }
    }
}
