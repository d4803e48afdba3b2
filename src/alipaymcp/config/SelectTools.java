package alipaymcp.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits AP_SELECT_TOOLS into trimmed items. Which names exist is the tools package's business; here only
 * the shape is checked (upstream silently dropped " refundPay"; we trim, and refuse empty items).
 */
final class SelectTools {
    private SelectTools() {
    }

    static List<String> parse(String value) throws ConfigException {
        if (value == null) {
            return List.of("all");
        }
        List<String> items = new ArrayList<>();
        for (String raw : value.split(",", -1)) {
            String item = raw.trim();
            if (item.isEmpty()) {
                throw new ConfigException("AP_SELECT_TOOLS has an empty item in '" + ConfigLoader.shown(value)
                        + "': use all, or a comma-separated list such as queryPay,refundQuery.");
            }
            items.add(item);
        }
        return items;
    }
}
