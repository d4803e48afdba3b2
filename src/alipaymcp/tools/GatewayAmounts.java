package alipaymcp.tools;

import alipaymcp.json.JsonNumber;
import java.math.BigDecimal;

/** Amounts the gateway sends as strings ("88.88"), turned into exact JSON numbers for structured content. */
final class GatewayAmounts {
    private GatewayAmounts() {
    }

    /** The amount as a JSON number, or null when absent or not a plain decimal (then the field is omitted). */
    static JsonNumber number(String text) {
        if (text == null || text.isEmpty() || text.length() > 32) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return null;
            }
        }
        try {
            return JsonNumber.of(new BigDecimal(text));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
