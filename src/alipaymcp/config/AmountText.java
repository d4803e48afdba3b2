package alipaymcp.config;

import alipaymcp.alipay.Amount;
import java.math.BigDecimal;

/** An amount written in an environment variable: plain digits with an optional fraction (no sign, no exponent). */
final class AmountText {
    private AmountText() {
    }

    /** The amount, or null when the text is not a plain decimal or breaks Alipay's amount rule. */
    static BigDecimal parse(String text) {
        int dots = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return null;
            }
        }
        if (dots > 1 || text.startsWith(".") || text.endsWith(".")) {
            return null;
        }
        try {
            return Amount.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
