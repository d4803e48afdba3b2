package alipaymcp.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every AP_* name this server reads, including those of features that are optional or still to come, and the
 * check that a name we do not read is not a typo of one we do: a misspelt AP_SELECT_TOOLS would otherwise
 * expose every tool, refunds included, and a misspelt AP_CURRENT_ENV would send requests to prod.
 */
final class VariableNames {
    static final List<String> KNOWN = List.of(
            "AP_APP_ID", "AP_APP_KEY", "AP_PUB_KEY", "AP_RETURN_URL", "AP_NOTIFY_URL", "AP_ENCRYPTION_ALGO",
            "AP_CURRENT_ENV", "AP_SELECT_TOOLS", "AP_LOG_ENABLED", "AP_INVOKE_AUTH_TOKEN", "AP_GATEWAY_URL",
            "AP_TIMEOUT_MS", "AP_MAX_REFUND_AMOUNT", "AP_CONFIRM_REFUNDS", "AP_APP_CERT_PATH",
            "AP_ALIPAY_CERT_PATH", "AP_ALIPAY_ROOT_CERT_PATH", "AP_ENCRYPT_KEY");
    /** Two edits (a swapped pair counts as one) catch the usual slips; our names differ far more than that. */
    static final int MAX_TYPO_DISTANCE = 2;

    private VariableNames() {
    }

    /** Adds a problem for each likely typo and a warning for each other unknown AP_* name, in name order. */
    static void check(Map<String, String> env, List<String> problems, List<String> warnings) {
        List<String> unknown = new ArrayList<>();
        for (String name : env.keySet()) {
            String upper = name.toUpperCase(Locale.ROOT);
            boolean ours = KNOWN.contains(name) || (KNOWN.contains(upper) && env.get(upper) != null); // Windows
            if (upper.startsWith("AP_") && !ours) {
                unknown.add(name);
            }
        }
        unknown.sort(null);
        for (String name : unknown) {
            String meant = closest(name.toUpperCase(Locale.ROOT));
            if (meant != null) {
                problems.add(name + " is not a variable of this server: did you mean " + meant
                        + "? Rename it (as written it is ignored, so its setting would not apply).");
            } else {
                warnings.add(name + " is not a variable of this server and is ignored (see --help for the"
                        + " AP_* names).");
            }
        }
    }

    /** The known name {@code upper} is most likely a typo of, or null. */
    static String closest(String upper) {
        String best = null;
        int bestDistance = MAX_TYPO_DISTANCE + 1;
        for (String known : KNOWN) {
            int distance = squeezed(upper).equals(squeezed(known)) ? 0 : distance(upper, known);
            if (distance < bestDistance) {
                best = known;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Without underscores and a trailing S: AP_APPID, AP_PUBKEY and AP_SELECT_TOOL all squeeze to ours. */
    private static String squeezed(String name) {
        String s = name.replace("_", "");
        return s.endsWith("S") ? s.substring(0, s.length() - 1) : s;
    }

    /** Damerau-Levenshtein distance (optimal string alignment: insert, delete, replace, swap neighbours). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
