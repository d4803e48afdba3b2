package alipaymcp.simulator;

import alipaymcp.alipay.Amount;
import alipaymcp.json.JsonException;
import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonArray;
import alipaymcp.json.JsonValue.JsonNumber;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.json.JsonValue.JsonString;
import alipaymcp.json.JsonValue;
import java.math.BigDecimal;

/**
 * The business parameters of a request as the gateway reads them (biz_content, a JSON object; the client's
 * SignedRequest writes it). A value that breaks a rule is an {@link Invalid} whose message names the field
 * and the rule; callers answer it as ACQ.INVALID_PARAMETER.
 */
record BizRequest(JsonObject fields) {
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    static BizRequest parse(String text) throws Invalid {
        if (text == null) {
            throw new Invalid("biz_content is missing");
        }
        try {
            if (JsonParser.parse(text) instanceof JsonObject object) {
                return new BizRequest(object);
            }
        } catch (JsonException e) {
            throw new Invalid("biz_content is not JSON: " + e.getMessage());
        }
        throw new Invalid("biz_content must be a JSON object");
    }

    /** A string field, or null when absent or empty; a non-string value is invalid. */
    String text(String name, int maxLength) throws Invalid {
        JsonValue value = fields.get(name);
        if (value == null || value instanceof JsonString s && s.value().isEmpty()) {
            return null;
        }
        if (!(value instanceof JsonString s)) {
            throw new Invalid(name + " must be a string");
        }
        if (s.value().length() > maxLength) {
            throw new Invalid(name + " is longer than " + maxLength + " characters");
        }
        return s.value();
    }

    String requiredText(String name, int maxLength) throws Invalid {
        String value = text(name, maxLength);
        if (value == null) {
            throw new Invalid(name + " is required");
        }
        return value;
    }

    /**
     * An out_trade_no / out_request_no: 1 to 64 ASCII letters, digits, '_' and '-', or null when absent. The
     * documentation says letters, digits and underscores, but real trade numbers carry '-' and the gateway
     * takes them (PRODUCT.md), so the double is no stricter.
     */
    String id(String name) throws Invalid {
        String value = text(name, 64);
        if (value != null && !value.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-'))) {
            throw new Invalid(name + " may hold only letters, digits, '_' and '-'");
        }
        return value;
    }

    /** A yuan amount, as a JSON number (as upstream sends it) or a string: 0.01 to 100000000, 2 decimals. */
    BigDecimal amount(String name) throws Invalid {
        JsonValue value = fields.get(name);
        String text = value instanceof JsonNumber n ? n.text() : value instanceof JsonString s ? s.value() : null;
        if (text == null) {
            throw new Invalid(name + " is required, as a number of yuan such as 88.88");
        }
        try {
            return Amount.parse(text).setScale(2); // the one amount rule of the project
        } catch (IllegalArgumentException e) {
            throw new Invalid(name + " must be 0.01 to 100000000 yuan with at most 2 decimals");
        }
    }

    /** True when query_options is an array holding this option. */
    boolean hasOption(String option) {
        return fields.get("query_options") instanceof JsonArray options
                && options.elements().contains(new JsonString(option));
    }

    /** The text of a nested value, as sent (e.g. passback_params may be an object in JSON). */
    String raw(String name) {
        JsonValue value = fields.get(name);
        return value == null ? null : value instanceof JsonString s ? s.value() : value.toJson();
    }
}
