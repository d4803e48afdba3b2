package alipaymcp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alipaymcp.alipay.SignType;
import alipaymcp.config.Config.ConfirmRefunds;
import alipaymcp.config.Config.Environment;
import alipaymcp.tools.ToolRegistry;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    private static KeyPair app;
    private static KeyPair platform;
    private static KeyPair small;

    @BeforeAll
    static void keys() throws NoSuchAlgorithmException {
        app = pair(2048);
        platform = pair(2048);
        small = pair(1024);
    }

    private static KeyPair pair(int bits) throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    private static String b64(byte[] der) {
        return Base64.getEncoder().encodeToString(der);
    }

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("AP_APP_ID", "2021000000000001");
        env.put("AP_APP_KEY", b64(app.getPrivate().getEncoded()));
        env.put("AP_PUB_KEY", b64(platform.getPublic().getEncoded()));
        env.put("HOME", "/home/merchant");
        return env;
    }

    private static Config load(Map<String, String> env) throws ConfigException {
        return ConfigLoader.load(env, ToolRegistry.NAMES);
    }

    private static String failure(Map<String, String> env) {
        try {
            ConfigLoader.load(env, ToolRegistry.NAMES);
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a ConfigException");
    }

    @Test
    void load_appliesUpstreamDefaults() throws Exception {
        Config config = load(env());
        assertThat(config.appId()).isEqualTo("2021000000000001");
        assertThat(config.signType()).isEqualTo(SignType.RSA2);
        assertThat(config.environment()).isEqualTo(Environment.PROD);
        assertThat(config.gatewayUrl()).isEqualTo(URI.create("https://openapi.alipay.com/gateway.do"));
        assertThat(config.logFile()).isEqualTo(Path.of("/home/merchant/mcp-server-alipay.log"));
        assertThat(config.timeout().toMillis()).isEqualTo(15000);
        assertThat(config.selectTools()).containsExactly("all");
        assertThat(config.returnUrl()).isNull();
        assertThat(config.notifyUrl()).isNull();
        assertThat(config.appAuthToken()).isNull();
        assertThat(config.maxRefundAmount()).isNull();
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void load_treatsEmptyOptionalVariablesAsUnset() throws Exception {
        Map<String, String> env = env();
        for (String name : List.of("AP_RETURN_URL", "AP_NOTIFY_URL", "AP_ENCRYPTION_ALGO", "AP_CURRENT_ENV",
                "AP_SELECT_TOOLS", "AP_LOG_ENABLED", "AP_INVOKE_AUTH_TOKEN", "AP_GATEWAY_URL", "AP_TIMEOUT_MS",
                "AP_MAX_REFUND_AMOUNT", "AP_CONFIRM_REFUNDS")) {
            env.put(name, "");
        }
        Config config = load(env);
        assertThat(config.environment()).isEqualTo(Environment.PROD);
        assertThat(config.logFile()).isNotNull();
        assertThat(config.appAuthToken()).isNull();
    }

    @Test
    void load_namesEachMissingRequiredVariable() {
        for (String name : List.of("AP_APP_ID", "AP_APP_KEY", "AP_PUB_KEY")) {
            Map<String, String> env = env();
            env.remove(name);
            assertThat(failure(env)).startsWith(name + " is not set");
            env.put(name, "");
            assertThat(failure(env)).startsWith(name + " is not set");
        }
    }

    @Test
    void load_acceptsOnlyDocumentedValues() {
        Map<String, String> env = env();
        env.put("AP_CURRENT_ENV", "staging");
        assertThat(failure(env)).startsWith("AP_CURRENT_ENV must be prod").contains("'staging'");
        env = env();
        env.put("AP_ENCRYPTION_ALGO", "RSA256");
        assertThat(failure(env)).startsWith("AP_ENCRYPTION_ALGO must be RSA2");
        env = env();
        env.put("AP_LOG_ENABLED", "no");
        assertThat(failure(env)).startsWith("AP_LOG_ENABLED must be true");
        env = env(); // letter case only: "ſ" upper-cases to "S" but is not the letter s
        env.put("AP_ENCRYPTION_ALGO", "rſa2");
        env.put("AP_LOG_ENABLED", "falſe");
        assertThat(failure(env)).contains("AP_ENCRYPTION_ALGO must be RSA2", "AP_LOG_ENABLED must be true");
    }

    @Test
    void load_acceptsDocumentedValuesInAnyLetterCase() throws Exception {
        Map<String, String> env = env();
        env.put("AP_CURRENT_ENV", "Sandbox");
        env.put("AP_ENCRYPTION_ALGO", "rsa2");
        env.put("AP_LOG_ENABLED", "FALSE");
        Config config = load(env);
        assertThat(config.environment()).isEqualTo(Environment.SANDBOX);
        assertThat(config.signType()).isEqualTo(SignType.RSA2);
        assertThat(config.logFile()).isNull();
        env.put("AP_CURRENT_ENV", "PROD");
        env.put("AP_ENCRYPTION_ALGO", "Rsa");
        env.put("AP_LOG_ENABLED", "True");
        env.put("AP_APP_KEY", b64(small.getPrivate().getEncoded()));
        env.put("AP_PUB_KEY", b64(pair1024().getPublic().getEncoded()));
        config = load(env);
        assertThat(config.environment()).isEqualTo(Environment.PROD);
        assertThat(config.signType()).isEqualTo(SignType.RSA);
        assertThat(config.logFile()).isNotNull();
    }

    private static KeyPair pair1024() throws NoSuchAlgorithmException {
        return pair(1024);
    }

    @Test
    void load_sandboxAndSha1Mode() throws Exception {
        Map<String, String> env = env();
        env.put("AP_CURRENT_ENV", "sandbox");
        env.put("AP_ENCRYPTION_ALGO", "RSA");
        env.put("AP_LOG_ENABLED", "false");
        Config config = load(env);
        assertThat(config.gatewayUrl()).isEqualTo(URI.create("https://openapi-sandbox.dl.alipaydev.com/gateway.do"));
        assertThat(config.signType()).isEqualTo(SignType.RSA);
        assertThat(config.logFile()).isNull();
    }

    @Test
    void load_logGoesToUserHomeWhenHomeIsUnsetOrEmpty() throws Exception {
        Path expected = Path.of(System.getProperty("user.home"), "mcp-server-alipay.log");
        Map<String, String> env = env();
        env.remove("HOME");
        assertThat(load(env).logFile()).isEqualTo(expected);
        env.put("HOME", "");
        assertThat(load(env).logFile()).isEqualTo(expected);
    }

    @Test
    void load_refusesTheAppsOwnPublicKeyAsAlipayKey() {
        Map<String, String> env = env();
        env.put("AP_PUB_KEY", b64(app.getPublic().getEncoded()));
        assertThat(failure(env)).startsWith("AP_PUB_KEY is your application's own public key");
    }

    @Test
    void load_refusesUnparseableKeysWithoutEchoingThem() {
        Map<String, String> env = env();
        String secretLooking = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCEvelY";
        env.put("AP_APP_KEY", secretLooking);
        String message = failure(env);
        assertThat(message).startsWith("AP_APP_KEY");
        assertThat(message).doesNotContain(secretLooking.substring(0, 16));
        env = env();
        env.put("AP_PUB_KEY", "not a key at all");
        assertThat(failure(env)).startsWith("AP_PUB_KEY");
    }

    @Test
    void load_refusesShortKeysForRsa2ButWarnsInLegacyRsaMode() throws Exception {
        Map<String, String> env = env();
        env.put("AP_APP_KEY", b64(small.getPrivate().getEncoded()));
        assertThat(failure(env)).startsWith("AP_APP_KEY is a 1024-bit key");
        env.put("AP_ENCRYPTION_ALGO", "RSA");
        Config config = load(env);
        assertThat(config.warnings()).singleElement().asString().startsWith("AP_APP_KEY is a 1024-bit key");
    }

    @Test
    void load_gatewayUrlMustBeHttpsUnlessLoopback() throws Exception {
        Map<String, String> env = env();
        for (String ok : List.of("https://gw.example.com/gateway.do", "http://127.0.0.1:8080/gateway.do",
                "http://localhost:1/gateway.do", "http://[::1]:9/gateway.do", "http://127.9.9.9/gateway.do")) {
            env.put("AP_GATEWAY_URL", ok);
            assertThat(load(env).gatewayUrl()).isEqualTo(URI.create(ok));
        }
        for (String bad : List.of("http://example.com/gateway.do", "http://localhost.example.com/gateway.do",
                "http://10.0.0.1/gateway.do", "ftp://127.0.0.1/x", "gateway.do", "https://u:p@gw.example.com/",
                "https://gw.example.com/gateway.do?x=1", "https://gw example.com/")) {
            env.put("AP_GATEWAY_URL", bad);
            assertThat(failure(env)).as(bad).startsWith("AP_GATEWAY_URL");
        }
    }

    @Test
    void load_callbackUrlsMustBeAbsoluteHttp() throws Exception {
        Map<String, String> env = env();
        env.put("AP_NOTIFY_URL", "https://shop.example.com/alipay/notify");
        env.put("AP_RETURN_URL", "http://shop.example.com/return?x=1");
        Config config = load(env);
        assertThat(config.notifyUrl()).isEqualTo("https://shop.example.com/alipay/notify");
        assertThat(config.returnUrl()).isEqualTo("http://shop.example.com/return?x=1");
        env.put("AP_NOTIFY_URL", "shop.example.com/notify");
        assertThat(failure(env)).startsWith("AP_NOTIFY_URL is not an absolute URL");
        env.put("AP_NOTIFY_URL", "javascript://x/alert(1)");
        assertThat(failure(env)).startsWith("AP_NOTIFY_URL must be an http or https URL");
        env.put("AP_NOTIFY_URL", "https://x.example.com/" + "a".repeat(250));
        assertThat(failure(env)).startsWith("AP_NOTIFY_URL is 272 characters long");
    }

    @Test
    void load_timeoutAndRefundLimit() throws Exception {
        Map<String, String> env = env();
        env.put("AP_TIMEOUT_MS", "5000");
        env.put("AP_MAX_REFUND_AMOUNT", "99.50");
        Config config = load(env);
        assertThat(config.timeout().toMillis()).isEqualTo(5000);
        assertThat(config.maxRefundAmount()).isEqualByComparingTo(new BigDecimal("99.5"));
        for (String bad : List.of("abc", "0", "99", "300001", "-5", "1e3", "99999999999")) {
            env.put("AP_TIMEOUT_MS", bad);
            assertThat(failure(env)).as(bad).startsWith("AP_TIMEOUT_MS must be a whole number");
        }
        env.put("AP_TIMEOUT_MS", "5000");
        for (String bad : List.of("1.005", "0", "-1", "abc", "1e3", ".5", "5.", "100000000.01", "1.2.3")) {
            env.put("AP_MAX_REFUND_AMOUNT", bad);
            assertThat(failure(env)).as(bad).startsWith("AP_MAX_REFUND_AMOUNT must be an amount");
        }
    }

    @Test
    void load_confirmRefundsIsAutoByDefaultAndAcceptsAnyLetterCase() throws Exception {
        Map<String, String> env = env();
        assertThat(load(env).confirmRefunds()).isEqualTo(ConfirmRefunds.AUTO);
        env.put("AP_CONFIRM_REFUNDS", "");
        assertThat(load(env).confirmRefunds()).isEqualTo(ConfirmRefunds.AUTO);
        env.put("AP_CONFIRM_REFUNDS", "Always");
        assertThat(load(env).confirmRefunds()).isEqualTo(ConfirmRefunds.ALWAYS);
        env.put("AP_CONFIRM_REFUNDS", "NEVER");
        assertThat(load(env).confirmRefunds()).isEqualTo(ConfirmRefunds.NEVER);
        env.put("AP_CONFIRM_REFUNDS", "auto");
        assertThat(load(env).confirmRefunds()).isEqualTo(ConfirmRefunds.AUTO);
        assertThat(load(env).toString()).contains("confirmRefunds=auto");
    }

    @Test
    void load_confirmRefundsRefusesAnythingElseNamingTheValues() throws Exception {
        Map<String, String> env = env();
        for (String bad : List.of("yes", "true", "on", " auto", "alwayſ", "never!")) {
            env.put("AP_CONFIRM_REFUNDS", bad);
            assertThat(failure(env)).as(bad).startsWith("AP_CONFIRM_REFUNDS must be auto")
                    .contains("always", "never", "got '" + bad + "'");
        }
    }

    @Test
    void load_selectToolsItemsAreTrimmedAndEmptyItemsRefused() throws Exception {
        Map<String, String> env = env();
        env.put("AP_SELECT_TOOLS", "queryPay, refundPay ,query-alipay-refund");
        assertThat(load(env).selectTools()).containsExactly("queryPay", "refundPay", "query-alipay-refund");
        env.put("AP_SELECT_TOOLS", "queryPay,");
        assertThat(failure(env)).startsWith("AP_SELECT_TOOLS has an empty item");
    }

    @Test
    void load_appIdAndTokenShapes() throws Exception {
        Map<String, String> env = env();
        env.put("AP_APP_ID", " 2021000000000001");
        assertThat(failure(env)).startsWith("AP_APP_ID: character 1 is an invisible U+0020 SPACE: remove the space");
        env.put("AP_APP_ID", "a".repeat(32));
        assertThat(load(env).appId()).hasSize(32);
        env.put("AP_APP_ID", "a".repeat(33));
        assertThat(failure(env)).startsWith("AP_APP_ID is 33 characters long: an APPID has at most 32");
        env.put("AP_APP_ID", "2021０００1"); // full-width digits are not ASCII
        assertThat(failure(env)).startsWith("AP_APP_ID: character 5 is '０' (U+FF10): remove it");
        env = env();
        env.put("AP_INVOKE_AUTH_TOKEN", "token with space");
        assertThat(failure(env)).startsWith("AP_INVOKE_AUTH_TOKEN: character 6 is an invisible U+0020 SPACE")
                .doesNotContain("token with space");
        env.put("AP_INVOKE_AUTH_TOKEN", "t".repeat(129));
        assertThat(failure(env)).startsWith("AP_INVOKE_AUTH_TOKEN is 129 characters long");
    }

    private static List<String> problems(Map<String, String> env) {
        try {
            ConfigLoader.load(env, ToolRegistry.NAMES);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected a ConfigException");
    }

    @Test
    void load_reportsEveryProblemAtOnceOneLineEach() {
        Map<String, String> env = env();
        env.remove("AP_APP_ID");
        env.put("AP_APP_KEY", "\"" + env.get("AP_APP_KEY") + "\"");
        env.put("AP_CURRENT_ENV", "live");
        env.put("AP_NOTIFY_URL", "example.com/notify");
        env.put("AP_TIMEOUT_MS", "15s");
        env.put("AP_SELECT_TOOL", "queryPay");
        List<String> problems = problems(env);
        assertThat(problems).hasSize(6).allMatch(line -> !line.contains("\n"));
        assertThat(problems.get(0)).startsWith("AP_SELECT_TOOL is not a variable of this server: did you mean"
                + " AP_SELECT_TOOLS?");
        assertThat(problems.get(1)).startsWith("AP_APP_ID is not set");
        assertThat(problems.get(2)).isEqualTo("AP_APP_KEY: character 1 is '\"' (U+0022): remove the quotes");
        assertThat(problems.get(3)).startsWith("AP_CURRENT_ENV must be prod");
        assertThat(problems.get(4)).startsWith("AP_NOTIFY_URL is not an absolute URL with a host (for example"
                + " https://example.com/alipay/notify)");
        assertThat(problems.get(5)).startsWith("AP_TIMEOUT_MS must be a whole number");
    }

    @Test
    void load_asksTheToolNamesAboutEachSelectedItem() {
        Map<String, String> env = env();
        env.put("AP_SELECT_TOOLS", "queryPay, refundpay ,payAll");
        env.put("AP_CURRENT_ENV", "live");
        ConfigLoader.ToolNames names = item -> item.equals("payAll") ? "AP_SELECT_TOOLS names an unknown tool" : null;
        try {
            ConfigLoader.load(env, names);
            throw new AssertionError("expected a ConfigException");
        } catch (ConfigException e) {
            assertThat(e.problems()).hasSize(2);
            assertThat(e.problems().get(1)).isEqualTo("AP_SELECT_TOOLS names an unknown tool");
        }
    }

    @Test
    void load_saysWhenAKeyIsTruncatedOrIsReallyTheAppId() {
        Map<String, String> env = env();
        String key = env.get("AP_APP_KEY");
        env.put("AP_APP_KEY", key.substring(0, 400));
        env.put("AP_PUB_KEY", "2021000000000001");
        List<String> problems = problems(env);
        assertThat(problems.get(0)).startsWith("AP_APP_KEY is truncated: it announces ")
                .contains("paste the whole key").doesNotContain("DER parse failed");
        assertThat(problems.get(1)).isEqualTo("AP_PUB_KEY is 16 digits, which looks like an APPID, not a key; put"
                + " the APPID in AP_APP_ID and paste the key here");
        env.put("AP_APP_KEY", key.substring(0, 401)); // 401 base64 characters cannot be whole bytes
        assertThat(problems(env).get(0)).startsWith("AP_APP_KEY ends in the middle of a base64 group: it looks"
                + " truncated");
    }

    @Test
    void load_namesAStrayCharacterWithItsPosition() {
        Map<String, String> env = env();
        String key = env.get("AP_PUB_KEY");
        env.put("AP_PUB_KEY", key.substring(0, 10) + "\u200B" + key.substring(10));
        env.put("AP_GATEWAY_URL", "https://openapi.alipay.com/gateway.do\u00A0");
        env.put("AP_RETURN_URL", "“https://shop.example.com/done”");
        List<String> problems = problems(env);
        assertThat(problems).containsExactly(
                "AP_PUB_KEY: character 11 is an invisible U+200B ZERO WIDTH SPACE: delete it (text copied from a"
                        + " web page or a chat often carries such characters)",
                "AP_GATEWAY_URL: character 38 is an invisible U+00A0 NO-BREAK SPACE: remove the space (e.g."
                        + " https://openapi.alipay.com/gateway.do).",
                "AP_RETURN_URL: character 1 is '“' (U+201C): remove the quotes (e.g."
                        + " https://example.com/alipay/return).");
    }

    @Test
    void load_namesACharacterTheJvmCouldNotDecode() {
        Map<String, String> env = env();
        env.put("AP_APP_ID", "\uFFFD2021000000000001"); // a zero-width space read under LANG=C
        assertThat(problems(env)).containsExactly("AP_APP_ID: character 1 is '\uFFFD' (U+FFFD): a character that"
                + " could not be decoded (a non-ASCII character, such as a zero-width space or a full-width letter,"
                + " read in an environment that is not UTF-8); retype the value in plain ASCII (an APPID is ASCII"
                + " letters and digits only, e.g. 2021000000000000).");
    }

    @Test
    void load_urlMessagesUseAnExampleThatFitsTheVariable() {
        Map<String, String> env = env();
        env.put("AP_GATEWAY_URL", "openapi.alipay.com/gateway.do");
        env.put("AP_RETURN_URL", "/done");
        env.put("AP_NOTIFY_URL", "notify");
        assertThat(problems(env)).containsExactly(
                "AP_GATEWAY_URL is not an absolute URL with a host (for example https://openapi.alipay.com/gateway.do),"
                        + " got 'openapi.alipay.com/gateway.do'.",
                "AP_RETURN_URL is not an absolute URL with a host (for example https://example.com/alipay/return),"
                        + " got '/done'.",
                "AP_NOTIFY_URL is not an absolute URL with a host (for example https://example.com/alipay/notify),"
                        + " got 'notify'.");
    }

    @Test
    void load_warnsAboutOtherUnknownApNames() throws Exception {
        Map<String, String> env = env();
        env.put("AP_FAVOURITE_COLOUR", "blue");
        assertThat(load(env).warnings()).containsExactly("AP_FAVOURITE_COLOUR is not a variable of this server and"
                + " is ignored (see --help for the AP_* names).");
    }

    @Test
    void loadForNotify_alsoReportsEveryProblemAndTypos() {
        Map<String, String> env = new HashMap<>();
        env.put("AP_APPID", "2021000000000001");
        env.put("AP_PUB_KEY", "'abc'");
        env.put("AP_ENCRYPTION_ALGO", "sha256");
        try {
            ConfigLoader.loadForNotify(env);
            throw new AssertionError("expected a ConfigException");
        } catch (ConfigException e) {
            assertThat(e.problems()).hasSize(4);
            assertThat(e.problems().get(0)).contains("did you mean AP_APP_ID?");
            assertThat(e.problems().get(1)).startsWith("AP_APP_ID is not set");
            assertThat(e.problems().get(2)).startsWith("AP_ENCRYPTION_ALGO must be RSA2");
            assertThat(e.problems().get(3)).isEqualTo("AP_PUB_KEY: character 1 is '\'' (U+0027): remove the quotes");
        }
    }

    @Test
    void toString_redactsSecrets() throws Exception {
        Map<String, String> env = env();
        env.put("AP_INVOKE_AUTH_TOKEN", "202611BBsecretToken0123456789");
        Config config = load(env);
        String text = config.toString();
        assertThat(text).doesNotContain("secretToken").contains("appAuthToken=set (redacted)");
        String privateKey = env.get("AP_APP_KEY");
        for (int i = 0; i + 16 <= privateKey.length(); i += 8) {
            assertThat(text).doesNotContain(privateKey.substring(i, i + 16));
        }
        assertThat(text).contains("2021000000000001");
    }

    /** The problems and warnings of a valid configuration with {@code names} added (each set to "x"). */
    private static List<String> withNames(List<String> warnings, String... names) {
        Map<String, String> env = env();
        for (String name : names) {
            env.put(name, "x");
        }
        try {
            warnings.addAll(load(env).warnings());
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    @Test
    void names_stopOnTheTyposTheIssueNames() {
        List<String> warnings = new java.util.ArrayList<>();
        assertThat(withNames(warnings, "AP_SELECT_TOOL", "AP_APPID", "AP_PUBKEY", "AP_LOG_ENABLE")).containsExactly(
                "AP_APPID is not a variable of this server: did you mean AP_APP_ID? Rename it (as written it is"
                        + " ignored, so its setting would not apply).",
                "AP_LOG_ENABLE is not a variable of this server: did you mean AP_LOG_ENABLED? Rename it (as written"
                        + " it is ignored, so its setting would not apply).",
                "AP_PUBKEY is not a variable of this server: did you mean AP_PUB_KEY? Rename it (as written it is"
                        + " ignored, so its setting would not apply).",
                "AP_SELECT_TOOL is not a variable of this server: did you mean AP_SELECT_TOOLS? Rename it (as"
                        + " written it is ignored, so its setting would not apply).");
        assertThat(warnings).isEmpty();
    }

    @Test
    void names_catchSwapsTwoEditsUnderscoresAndLetterCase() {
        assertThat(ConfigLoader.closest("AP_CURRNET_ENV")).isEqualTo("AP_CURRENT_ENV"); // swapped neighbours
        assertThat(ConfigLoader.closest("AP_CURENT_ENVS")).isEqualTo("AP_CURRENT_ENV"); // two edits
        assertThat(ConfigLoader.closest("AP_GATEWAYURL")).isEqualTo("AP_GATEWAY_URL");
        assertThat(ConfigLoader.closest("AP_SELECTTOOLS_")).isEqualTo("AP_SELECT_TOOLS");
        assertThat(ConfigLoader.closest("AP_ENCRYPTION_ALGORITHM")).isNull(); // 5 edits: a warning, not a typo
        assertThat(withNames(new java.util.ArrayList<>(), "ap_select_tools")).singleElement().asString()
                .contains("did you mean AP_SELECT_TOOLS?");
    }

    @Test
    void names_knowTheNamesOfEveryFeature() {
        List<String> warnings = new java.util.ArrayList<>();
        assertThat(ConfigLoader.closest("AP_CONFIRM_REFUND")).isEqualTo("AP_CONFIRM_REFUNDS");
        assertThat(ConfigLoader.closest("AP_ENCRYPTKEY")).isEqualTo("AP_ENCRYPT_KEY");
        assertThat(withNames(warnings, "AP_CONFIRM_REFUND", "AP_ENCRYPTKEY")).hasSize(2);
        for (String name : List.of("AP_APP_CERT_PATH", "AP_ALIPAY_CERT_PATH", "AP_ALIPAY_ROOT_CERT_PATH",
                "AP_ENCRYPT_KEY", "AP_CONFIRM_REFUNDS", "AP_TIMEOUT_MS")) {
            assertThat(ConfigLoader.KNOWN).contains(name);
            assertThat(ConfigLoader.closest(name)).isEqualTo(name);
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void names_warnOnceForOtherUnknownApNamesAndIgnoreTheRest() {
        List<String> warnings = new java.util.ArrayList<>();
        assertThat(withNames(warnings, "AP_HOME", "PATH", "APP_ID", "AP_SOMETHING_ELSE")).isEmpty();
        assertThat(warnings).containsExactly(
                "AP_HOME is not a variable of this server and is ignored (see --help for the AP_* names).",
                "AP_SOMETHING_ELSE is not a variable of this server and is ignored (see --help for the AP_* names).");
    }

    @Test
    void distance_isOptimalStringAlignment() {
        assertThat(ConfigLoader.distance("AP_APP_ID", "AP_APP_ID")).isZero();
        assertThat(ConfigLoader.distance("AP_APP_DI", "AP_APP_ID")).isEqualTo(1);
        assertThat(ConfigLoader.distance("AP_APPID", "AP_APP_ID")).isEqualTo(1);
        assertThat(ConfigLoader.distance("AP_APX_IDS", "AP_APP_ID")).isEqualTo(2);
        assertThat(ConfigLoader.distance("", "ABC")).isEqualTo(3);
    }

    @Test
    void known_holdsEveryVariableTheHelpDocuments() {
        assertThat(ConfigLoader.KNOWN).doesNotHaveDuplicates().hasSize(18).allMatch(n -> n.startsWith("AP_"));
    }
}
