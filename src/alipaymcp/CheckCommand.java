package alipaymcp;

import alipaymcp.alipay.AlipayException;
import alipaymcp.alipay.AlipayResponse;
import alipaymcp.alipay.GatewayClient;
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
        out.println("  env      " + config.environment().value() + (ownGateway ? " (AP_GATEWAY_URL replaces its gateway)"
                : "") + ", sign type " + config.signType());
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
        Verdict verdict = query(ToolRegistry.gatewayClient(config, Main.VERSION), keys);
        for (String line : verdict.lines()) {
            out.println("  " + line);
        }
        out.println(verdict.ok() ? "OK: AP_APP_ID, AP_APP_KEY and " + keys + " work with " + config.gatewayUrl()
                + " (a query only: no money moved)." : "FAILED: fix what the ✗ line names, then run check again.");
        return verdict.ok() ? 0 : EXIT_FAILED;
    }

    /** The report lines of one query and whether it proved the keys. */
    record Verdict(boolean ok, List<String> lines) {
        Verdict {
            lines = List.copyOf(lines);
        }

        static Verdict of(boolean ok, String... lines) {
            return new Verdict(ok, List.of(lines));
        }
    }

    /** {@code keys}: what verifies answers, for the report (AP_PUB_KEY, or the certificate files). */
    static Verdict query(GatewayClient client, String keys) {
        String orderNo = "mcp-check-" + UUID.randomUUID().toString().replace("-", ""); // never used by a shop
        try {
            return verified(client.query(orderNo), keys);
        } catch (AlipayException e) {
            return failed(e, keys);
        }
    }

    private static Verdict verified(AlipayResponse response, String keys) {
        String subCode = response.subCode();
        String accepted = "✓ AP_APP_ID, AP_APP_KEY: the gateway accepted our signed " + QUERY;
        String answered = "✓ " + keys + ": the gateway's answer verified";
        if ("ACQ.TRADE_NOT_EXIST".equals(subCode) || response.isSuccess()) {
            return Verdict.of(true, accepted, answered + " (" + (subCode == null ? response.code() : subCode) + ")");
        }
        Verdict known = byCode(subCode, response.code(), "signed");
        if (known != null) {
            return known;
        }
        return Verdict.of(false, answered, "✗ the gateway answered " + QUERY + " with code " + response.code()
                + ", sub_code " + subCode + ": this is not the answer an unknown order gets; see the gateway's"
                + " message in the Alipay error-code list");
    }

    private static Verdict failed(AlipayException e, String keys) {
        return switch (e.kind()) {
            case LOCAL_KEY -> Verdict.of(false, "✗ " + e.getMessage());
            case NETWORK -> Verdict.of(false, "✗ gateway unreachable (network, or AP_GATEWAY_URL): " + e.getMessage());
            case TIMEOUT, CONNECTION_LOST -> Verdict.of(false, "✗ no complete answer (network, AP_GATEWAY_URL or"
                    + " AP_TIMEOUT_MS): " + e.getMessage());
            case BAD_SIGNATURE, UNTRUSTED_CERTIFICATE -> Verdict.of(false, "✗ " + keys + ": the gateway's answer"
                    + " does not verify with " + (keys.equals("AP_PUB_KEY") ? "it; copy the Alipay public key"
                    + " (支付宝公钥) of this app again, not the app public key. " : "them; download this app's current"
                    + " certificate files. ") + e.getMessage());
            case UNSIGNED_FAILURE -> {
                JsonObject content = e.unverifiedContent();
                Verdict known = content == null ? null : byCode(content.string("sub_code").orElse(null),
                        content.string("code").orElse(null), "unsigned");
                yield known != null ? known : Verdict.of(false, "✗ " + e.getMessage());
            }
            default -> Verdict.of(false, "✗ " + e.getMessage() + " Is AP_GATEWAY_URL an Alipay gateway?");
        };
    }

    /** The failures a wrong setting produces, each naming what to change; null for any other code. */
    private static Verdict byCode(String subCode, String code, String how) {
        if (subCode == null) {
            return null;
        }
        String said = " (the gateway's " + how + " answer: " + code + " " + subCode + ")";
        return switch (subCode) {
            case "isv.invalid-signature" -> Verdict.of(false, "✗ AP_APP_KEY: the gateway refused our signature"
                    + said + "; AP_APP_KEY must be the private half of the app public key uploaded to the Alipay"
                    + " console for this AP_APP_ID (upload it again, or paste the matching private key)");
            case "isv.invalid-app-id" -> Verdict.of(false, "✗ AP_APP_ID: the gateway does not know this app" + said
                    + "; check AP_APP_ID, and AP_CURRENT_ENV (a sandbox APPID needs sandbox, a real one prod)");
            case "isv.invalid-cloud-app-permission" -> Verdict.of(false,
                    "✓ AP_APP_ID, AP_APP_KEY: the gateway knows the app",
                    "✗ the Alipay console's MCP switch is off" + said + ": turn on 开启支付 MCP Server for the"
                    + " restricted key (受限密钥) whose private half is AP_APP_KEY");
            case "invalid-open-scene-api-permission", "isv.invalid-open-scene-api-permission" -> Verdict.of(false,
                    "✓ AP_APP_ID, AP_APP_KEY: the gateway knows the app",
                    "✗ " + QUERY + " is not allowed for the MCP scene" + said + ": in the Alipay console, tick"
                    + " the tools on the restricted key (受限密钥) and sign the products they need");
            default -> null;
        };
    }
}
