package alipaymcp;

import alipaymcp.alipay.AlipayException;
import alipaymcp.alipay.AlipayResponse;
import alipaymcp.alipay.GatewayClient;
import alipaymcp.alipay.ResponseVerifier;
import alipaymcp.config.Config;
import alipaymcp.config.ConfigException;
import alipaymcp.config.ConfigLoader;
import alipaymcp.json.JsonValue.JsonObject;
import alipaymcp.tools.ToolRegistry;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code check [--offline]}: every start-up rule, then one signed {@code alipay.trade.query} for an order number
 * that cannot exist. A verified ACQ.TRADE_NOT_EXIST proves AP_APP_ID, AP_APP_KEY (the gateway accepted our
 * signature) and AP_PUB_KEY (its answer verified); a query moves no money. Each failure names what to fix.
 * Exit 0 only when everything holds; 78 for a configuration problem; 1 when the gateway check fails.
 */
final class CheckCommand {
    static final int EXIT_FAILED = 1;
    static final String QUERY = "alipay.trade.query";

    private CheckCommand() {
    }

    /** {@code mode}: what is checked, for the report (the built-in simulator, or the configured gateway). */
    static int run(String[] args, Map<String, String> env, String mode, PrintStream out) {
        boolean offline = args.length == 1 && args[0].equals("--offline");
        if (args.length > 1 || (args.length == 1 && !offline)) {
            out.println("mcp-server-alipay check: usage: check [--offline]");
            return Main.EXIT_USAGE;
        }
        out.println("mcp-server-alipay " + Main.VERSION + " check");
        out.println("  mode     " + mode);
        Config config;
        try {
            config = ConfigLoader.load(env, ToolRegistry.NAMES);
        } catch (ConfigException e) {
            for (String problem : e.problems()) {
                out.println("  ✗ " + problem);
            }
            out.println("FAILED: fix the configuration above (every start-up rule is checked at once).");
            return ConfigException.EXIT_STATUS;
        }
        boolean ownGateway = !config.gatewayUrl().equals(config.environment().gateway());
        out.println("  env      " + config.environment().value()
                + (ownGateway ? " (AP_GATEWAY_URL replaces its gateway)" : "") + ", sign type " + config.signType());
        out.println("  gateway  " + config.gatewayUrl());
        out.println("  app id   " + config.appId());
        out.println("  keys     " + config.keyMode() + ", " + config.aesMode());
        for (String warning : config.warnings()) {
            out.println("  ! " + warning);
        }
        out.println("  ✓ configuration: every start-up rule holds (" + config.appKey() + ", Alipay "
                + config.alipayPublicKey() + ")");
        if (offline) {
            out.println("  - gateway call skipped (--offline): the keys are well formed, but only a call proves"
                    + " they belong to this app");
            out.println("OK (offline)");
            return 0;
        }
        String keys = config.certificates() == null ? "AP_PUB_KEY" : "the three certificate files";
        String orderNo = "mcp-check-" + UUID.randomUUID().toString().replace("-", ""); // never used by a shop
        List<String> lines;
        try {
            lines = verified(ToolRegistry.gatewayClient(config, Main.VERSION).query(orderNo), keys);
        } catch (AlipayException e) {
            lines = failed(e, keys);
        }
        boolean ok = true;
        for (String line : lines) {
            out.println("  " + line);
            ok &= !line.startsWith("✗");
        }
        out.println(ok ? "OK: AP_APP_ID, AP_APP_KEY and " + keys + " work with " + config.gatewayUrl()
                + " (a query only: no money moved)." : "FAILED: fix what the ✗ line names, then run check again.");
        return ok ? 0 : EXIT_FAILED;
    }

    /** The report lines of a verified answer: ✓ for what it proves, ✗ for what to fix. */
    private static List<String> verified(AlipayResponse response, String keys) {
        String subCode = response.subCode();
        String answered = "✓ " + keys + ": the gateway's answer verified";
        if ("ACQ.TRADE_NOT_EXIST".equals(subCode) || response.isSuccess()) {
            return List.of("✓ AP_APP_ID, AP_APP_KEY: the gateway accepted our signed " + QUERY,
                    answered + " (" + (subCode == null ? response.code() : subCode) + ")");
        }
        List<String> known = byCode(subCode, response.code(), "signed");
        return known != null ? known : List.of(answered, "✗ the gateway answered " + QUERY + " with code "
                + response.code() + ", sub_code " + subCode + ": this is not the answer an unknown order gets; see"
                + " the gateway's message in the Alipay error-code list");
    }

    private static List<String> failed(AlipayException e, String keys) {
        return switch (e.kind()) {
            case LOCAL_KEY -> List.of("✗ " + e.getMessage());
            case NETWORK -> List.of("✗ gateway unreachable (network, or AP_GATEWAY_URL): " + e.getMessage());
            case TIMEOUT, CONNECTION_LOST -> List.of("✗ no complete answer (network, AP_GATEWAY_URL or"
                    + " AP_TIMEOUT_MS): " + e.getMessage());
            case BAD_SIGNATURE, UNTRUSTED_CERTIFICATE -> List.of("✗ " + keys + ": the gateway's answer does not"
                    + " verify with " + (keys.equals("AP_PUB_KEY") ? "it; copy the Alipay public key (支付宝公钥) of"
                    + " this app again, not the app public key. " : "them; download this app's current certificate"
                    + " files. ") + e.getMessage());
            case UNSIGNED_FAILURE -> {
                JsonObject content = e.unverifiedContent();
                List<String> known = content == null ? null : byCode(content.string("sub_code").orElse(null),
                        content.string("code").orElse(null), "unsigned");
                yield known != null ? known : List.of("✗ " + e.getMessage());
            }
            default -> List.of("✗ " + e.getMessage() + " Is AP_GATEWAY_URL an Alipay gateway?");
        };
    }

    /** The failures a wrong setting produces, each naming what to change (the one table); null for other codes. */
    private static List<String> byCode(String subCode, String code, String how) {
        String hint = ResponseVerifier.hint(QUERY, subCode, " (the gateway's " + how + " answer: " + code + " "
                + subCode + ")");
        if (hint == null) {
            return null;
        }
        // The gateway checks the app id and our signature before it checks permissions.
        return subCode.endsWith("-permission")
                ? List.of("✓ AP_APP_ID, AP_APP_KEY: the gateway knows the app", "✗ " + hint) : List.of("✗ " + hint);
    }
}
